"""The anonymisation check measured on its labelled table and on clean anonymised stories.

The table (``tests/evaluation/``) was written by other hands than the ones that tuned the
check; its held-out third was never read while tuning (see ``measure.py``). The floors
below are the figures measured when the check was last tuned: a change that lowers them
has made the check worse on text it has never seen.
"""

import json
from pathlib import Path

import pytest

from cms.anonymisation import measure
from cms.anonymisation.detection import scan_fields

CLEAN_STORIES = Path(__file__).resolve().parent / "data" / "clean_stories.json"

TUNING = measure.load("tuning")
HELDOUT = measure.load("heldout")
KINDS = sorted({example.kind for example in TUNING + HELDOUT})

# The kinds the issue names, each of which must be caught on the held-out rows.
ISSUE_KINDS = {
    "name_lowercase",
    "name_surname_first",
    "name_diverse_origin",
    "name_with_context",
    "dob_in_words",
    "partial_date_with_age",
    "email_obfuscated",
    "social_media",
    "vehicle_registration",
    "passport_number",
    "ni_number",
    "reference_number",
    "school_name",
    "health_setting",
    "childcare_setting",
    "faith_setting",
    "place_below_la",
    "small_number_reid",
}

# Measured overall as (precision, recall). The first 250 tuning rows were tuned on (1.00 /
# 1.00); 100 more, written later by the same outside hand, were added untuned (45 of 50 caught).
TUNING_FLOOR = (1.0, 0.97)
# The held-out part, never tuned on: 0.87 recall on its first 125 rows, 0.85 with 50 more
# (before any tuning: precision 1.00, recall 0.41).
HELDOUT_FLOOR = (1.0, 0.84)


def test_the_table_is_large_varied_and_split_a_third_held_out():
    rows = TUNING + HELDOUT
    assert len(rows) >= 300
    assert len(KINDS) >= 20
    assert len({example.id for example in rows}) == len(rows)
    assert abs(len(HELDOUT) / len(rows) - 1 / 3) < 0.02
    for kind in KINDS:
        for part in (TUNING, HELDOUT):
            rows_of_kind = [example for example in part if example.kind == kind]
            assert any(example.identifying for example in rows_of_kind), kind
            assert any(not example.identifying for example in rows_of_kind), kind
    assert ISSUE_KINDS <= set(KINDS)


def test_the_tuning_part_is_caught_without_flooding_editors():
    overall = measure.total(measure.evaluate(TUNING))
    assert (overall.precision, overall.recall) >= TUNING_FLOOR, measure.format_table(
        measure.evaluate(TUNING), "tuning"
    )


def test_every_kind_the_issue_names_is_caught_on_held_out_rows():
    scores = measure.evaluate(HELDOUT)
    not_caught = sorted(kind for kind in ISSUE_KINDS if scores[kind].caught == 0)
    assert not_caught == []


def test_held_out_precision_and_recall_stay_at_their_measured_floor():
    overall = measure.total(measure.evaluate(HELDOUT))
    assert overall.precision >= HELDOUT_FLOOR[0]
    assert overall.recall >= HELDOUT_FLOOR[1]


def test_the_measure_never_lists_held_out_rows(capsys):
    with pytest.raises(SystemExit) as exit_info:
        measure.main(["heldout", "--misses"])
    assert exit_info.value.code == 2
    assert "tuning part only" in capsys.readouterr().err


def test_the_measure_prints_a_row_per_kind_and_a_total(capsys):
    assert measure.main(["tuning"]) == 0
    printed = capsys.readouterr().out
    for kind in KINDS:
        assert f"\n{kind} " in printed
    assert "\nALL " in printed


def test_a_span_missing_from_its_text_is_refused(tmp_path, monkeypatch):
    (tmp_path / "tuning.csv").write_text(
        "id,kind,identifying,span,text\nx-1,phone,yes,07700 900123,no number here\n", encoding="utf-8"
    )
    monkeypatch.setattr(measure, "TABLE_DIR", tmp_path)
    with pytest.raises(ValueError, match="span does not occur"):
        measure.load("tuning")


def _clean_stories():
    return json.loads(CLEAN_STORIES.read_text(encoding="utf-8"))


def test_there_are_at_least_thirty_clean_stories():
    stories = _clean_stories()
    assert len(stories) >= 30
    assert all(len(story["body"].split()) >= 200 for story in stories)


@pytest.mark.parametrize("story", _clean_stories(), ids=lambda story: story["title"][:40])
def test_a_clean_anonymised_story_has_no_findings(story):
    fields = [("Title", story["title"]), ("Summary", story["summary"]), ("Body", story["body"])]
    findings = scan_fields(fields)
    assert [(f.kind, f.text) for f in findings] == []
