"""Run the search conformance suite and judge it against a list of expected failures.

Used by ``make conformance``::

    python search/tests/conformance_check.py --expected search/tests/conformance_expected_failures.txt \\
        -- python ../shared/conformance/run_search_conformance.py search.backends.whoosh

The runner's output is passed through. Fails (exit 1) on any failure not in the list, on
failures the runner did not name, when fewer than ``--min-passed`` tests passed, and when
the "N passed, N failed" line cannot be read. Listed tests that did not fail are reported
(so the list can be trimmed) without failing. Needs neither Django nor the project.
"""

import argparse
import re
import subprocess
import sys

NOT_PASSED = re.compile(r"^not passed: (?P<name>.+?)\s*$")
SUMMARY = re.compile(r"^(?P<passed>\d+) passed, (?P<failed>\d+) failed\s*$")


def read_expected(path):
    with open(path, encoding="utf-8") as f:
        lines = (line.strip() for line in f)
        return {line for line in lines if line and not line.startswith("#")}


def judge(lines, expected, min_passed=0):
    """Return ``(ok, messages)`` for the runner's output ``lines``."""
    failures = []
    counts = None
    for line in lines:
        if match := NOT_PASSED.match(line):
            failures.append(match["name"])
        elif match := SUMMARY.match(line):
            counts = int(match["passed"]), int(match["failed"])
    if counts is None:
        return False, ["could not read the passed count (no 'N passed, N failed' line)"]
    passed, failed = counts
    ok = True
    messages = []
    for name in sorted(set(failures) - expected):
        ok = False
        messages.append(f"unexpected failure: {name}")
    if failed > len(failures):
        ok = False
        messages.append(f"{failed - len(failures)} failure(s) the runner did not name")
    for name in sorted(expected - set(failures)):
        messages.append(f"expected to fail but did not (remove it from the list): {name}")
    if passed < min_passed:
        ok = False
        messages.append(f"only {passed} passed, fewer than {min_passed}")
    expected_failed = len(set(failures) & expected)
    messages.append(f"{passed} passed, {failed} failed ({expected_failed} expected)")
    return ok, messages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--expected", required=True, help="file of expected failures")
    parser.add_argument("--min-passed", type=int, default=0, help="fail if fewer passed")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- runner command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the runner command after --")

    expected = read_expected(args.expected)
    lines = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as proc:
        for line in proc.stdout:
            sys.stdout.write(line)
            lines.append(line.rstrip("\n"))
    sys.stdout.flush()

    ok, messages = judge(lines, expected, args.min_passed)
    for message in messages:
        print(f"conformance: {message}", file=sys.stderr if not ok else sys.stdout)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
