"""How fast the anonymisation check scans a story, against a baseline measured in the same run.

    make bench        # or: .venv/bin/python -m tests.benchmarks.anonymisation_bench [--words 2000]

The story is built from the clean anonymised stories the tests use
(``cms/anonymisation/tests/data/clean_stories.json``), repeated to the length asked for,
with a handful of identifying details mixed in so every recogniser has work to do.
Target: under 50 ms for a 2,000-word story. The baseline is splitting the same text into
words with one regular expression: the ratio says how many such passes the whole check
costs, whatever the machine. The first scan (word lists loading) is reported apart.
"""

import argparse
import json
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

STORIES = (
    Path(__file__).resolve().parents[2] / "cms" / "anonymisation" / "tests" / "data" / "clean_stories.json"
)
TARGET_MS = 50.0
PLANTED = (
    "The referral came after jo smith told the school.",
    "SMITH, Jo (mother) was at 14 Elm Grove, LS9 8AB.",
    "She was born on the fifth of May, two thousand and ten, and is on Snapchat as tyler.b_x.",
    "The car, AB12 CDE, was seen near Oakfield Primary.",
)


def story_of(words: int) -> str:
    stories = json.loads(STORIES.read_text(encoding="utf-8"))
    text_words: list[str] = []
    for story in stories:
        text_words += f"{story['title']}. {story['summary']} {story['body']}".split()
    repeated = (text_words * (words // max(len(text_words), 1) + 1))[:words]
    step = max(len(repeated) // (len(PLANTED) + 1), 1)
    for i, sentence in enumerate(PLANTED, start=1):
        repeated.insert(i * step, sentence)
    return " ".join(repeated)


def median_ms(function, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)

    tracemalloc.start()
    start = time.perf_counter()
    from cms.anonymisation.detection import check_available, scan_text

    check_available()
    first_ms = (time.perf_counter() - start) * 1000
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    text = story_of(args.words)
    word_re = re.compile(r"\w+")
    findings = scan_text(text)
    scan_ms = median_ms(scan_text, text, args.repeat)
    baseline_ms = median_ms(word_re.findall, text, args.repeat)

    print(f"anonymisation check: {len(text.split())} words, median of {args.repeat} scans")
    verdict = "met" if scan_ms < TARGET_MS else "MISSED"
    print(f"  scan:            {scan_ms:8.2f} ms  (target < {TARGET_MS:.0f} ms: {verdict})")
    print(f"  baseline:        {baseline_ms:8.2f} ms  (one regex pass splitting the same text into words)")
    print(f"  ratio:           {scan_ms / baseline_ms:8.1f} x baseline")
    print(
        f"  start-up:        {first_ms:8.1f} ms  word lists and libraries loaded, peak {peak / 2**20:.1f} MiB"
    )
    print(f"  findings:        {len(findings):8d}  (planted: {len(PLANTED)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
