"""Tests for the script `make conformance` uses to judge the Whoosh conformance run."""

import sys

from search.tests import conformance_check
from search.tests.conformance_check import judge

EXPECTED = {"test_a (model=<class 'x.A'>)", "test_b"}


def run(*lines, min_passed=0):
    return judge(list(lines), EXPECTED, min_passed)


def test_only_expected_failures_pass():
    ok, messages = run(
        "not passed: test_a (model=<class 'x.A'>)", "not passed: test_b", "10 passed, 2 failed"
    )
    assert ok
    assert messages == ["10 passed, 2 failed (2 expected)"]


def test_unexpected_failure_fails():
    ok, messages = run("not passed: test_b", "not passed: test_c", "10 passed, 2 failed")
    assert not ok
    assert "unexpected failure: test_c" in messages


def test_listed_test_that_passes_is_reported_without_failing():
    ok, messages = run("not passed: test_b", "11 passed, 1 failed")
    assert ok
    assert "expected to fail but did not (remove it from the list): test_a (model=<class 'x.A'>)" in messages


def test_unreadable_count_fails():
    ok, messages = run("Traceback (most recent call last):", "ImportError: boom")
    assert not ok
    assert "could not read the passed count" in messages[0]


def test_unnamed_failures_and_too_few_passed_fail():
    assert not run("not passed: test_b", "10 passed, 2 failed")[0]
    assert not run("3 passed, 0 failed", min_passed=109)[0]


def test_main_runs_the_command_and_reads_its_output(tmp_path, capsys):
    expected = tmp_path / "expected.txt"
    expected.write_text("# header\n\ntest_b\n")
    script = "import sys; print('not passed: test_b', file=sys.stderr); print('5 passed, 1 failed')"
    assert conformance_check.main(["--expected", str(expected), "--", sys.executable, "-c", script]) == 0
    assert "5 passed, 1 failed (1 expected)" in capsys.readouterr().out
    script = "print('not passed: test_z'); print('5 passed, 1 failed')"
    assert conformance_check.main(["--expected", str(expected), "--", sys.executable, "-c", script]) == 1
