"""manage.py import_case_studies: CSV / JSON, validation per row, idempotency, publishing."""

import csv
import json
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from case_studies import importer
from case_studies.models import CaseStudyIndexPage, CaseStudyPage
from cms.home.models import HomePage
from search import page_cache

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture
def index_page(db):
    home = HomePage.objects.get()
    return home.add_child(instance=CaseStudyIndexPage(title="Case studies", slug="case-studies"))


def run(path, *args):
    """Run the command; return (exit code, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_case_studies", str(path), "--no-progress", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as exc:
        code = exc.returncode
        err.write(str(exc))
    return code, out.getvalue(), err.getvalue()


def slugs(manager):
    return sorted(term.slug for term in manager.all())


def test_good_csv_creates_draft_pages_with_taxonomy(index_page):
    code, out, err = run(DATA / "good.csv")
    assert code == 0, err
    assert "3 rows: 3 created, 0 updated, 0 unchanged, 0 failed" in out

    pages = CaseStudyPage.objects.child_of(index_page)
    assert pages.count() == 3
    page = pages.get(title="Child A: the dentist who asked")
    assert not page.live and page.latest_revision_id
    assert (page.area.slug, page.year, page.stage.slug, page.evidence_type.slug) == (
        "sheffield",
        2019,
        "universal-services",
        "pilot",
    )
    assert slugs(page.agencies) == ["early-help", "health"]
    assert slugs(page.concern_types) == ["neglect", "was-not-brought"]
    assert slugs(page.themes) == ["feedback-to-referrer", "thresholds"]
    assert page.consent_position == "not-recorded"  # never invented, and said so
    assert "consent_position" in err
    assert [block.block_type for block in page.body] == ["paragraph", "paragraph", "learning_points"]
    assert page.body[0].value.source.startswith("<p>A dental practice saw")
    assert list(page.body[2].value["points"]) == [
        "Missed appointments can be a signal",
        "Ask who else knows the family",
    ]
    assert page.review_due.year == page.latest_revision.created_at.year + 1

    # Area by name or slug, any case.
    assert pages.get(title__startswith="Mother B").area.slug == "newham"
    assert pages.get(title__startswith="Young person C").area.slug == "leeds"


def test_good_json_creates_pages_with_taxonomy_and_optional_fields(index_page):
    code, out, err = run(DATA / "good.json")
    assert code == 0, err
    assert "3 created" in out
    baby = CaseStudyPage.objects.get(title="Baby D and the pre-birth plan")
    assert (baby.area.slug, baby.year) == ("norfolk", 2020)
    assert slugs(baby.agencies) == ["adult-services", "health"]
    assert slugs(baby.concern_types) == ["parental-mental-health", "pre-birth"]
    assert slugs(baby.themes) == ["consent", "think-family"]
    assert str(baby.review_due) == "2027-01-31"
    assert baby.limitations == "One account from one area."
    assert len(baby.body[2].value["points"]) == 2

    housing = CaseStudyPage.objects.get(title__startswith="Sibling group E")
    assert housing.year == 2018 and housing.area.slug == "durham"
    assert list(housing.body[1].value["points"]) == [
        "Housing staff see what others do not",
        "Use plain words in referrals",
    ]
    border = CaseStudyPage.objects.get(title="Child F across the border")
    assert border.area.slug == "cheshire-west-and-chester"
    assert border.consent_position == "not-sought-risk"  # given by its label
    assert list(border.body) == [] and list(border.concern_types.all()) == []


def test_bad_rows_are_reported_and_only_good_rows_imported(index_page):
    revisions_before = Revision.objects.count()
    code, out, err = run(DATA / "bad.csv")
    assert code == 1
    assert "row 2 (line 3): unknown agency 'polis'" in err
    assert "row 3 (line 4): year must be a four-digit year, got 'twenty'" in err
    assert "row 4 (line 5): missing title" in err
    assert "row 5 (line 6): year 2999 is in the future" in err
    assert "row 6 (line 7): unknown area 'Atlantis'" in err
    assert "7 rows: 2 created, 0 updated, 0 unchanged, 5 failed" in out
    assert sorted(CaseStudyPage.objects.values_list("title", flat=True)) == ["Good story G", "Good story H"]
    # Nothing half-made: exactly one revision per good page.
    assert Revision.objects.count() - revisions_before == 2


def test_every_problem_in_a_row_is_listed(index_page, tmp_path):
    path = tmp_path / "stories.json"
    path.write_text(
        json.dumps(
            [
                {
                    "title": "x" * 300,
                    "summary": "s" * 601,
                    "area": "Leeds",
                    "year": 1999,
                    "agencies": [],
                    "stage": "nowhere",
                    "evidence_type": "pilot",
                    "outcome": "ok",
                    "themes": ["made-up-theme"],
                    "review_due": "next week",
                    "consent_position": "maybe",
                },
                "not an object",
            ]
        )
    )
    code, out, err = run(path)
    assert code == 1
    line = next(line for line in err.splitlines() if line.startswith("row 1:"))
    for expected in [
        "title is 300 characters; the limit is 255",
        "summary is 601 characters",
        "year 1999 is before 2000",
        "missing agencies",
        "unknown journey stage 'nowhere'",
        "unknown theme 'made-up-theme'",
        "review_due must be a date",
        "unknown consent_position 'maybe'",
    ]:
        assert expected in line
    assert "row 2: expected an object, got str" in err
    assert CaseStudyPage.objects.count() == 0


def test_a_row_without_consent_position_is_not_recorded_never_consent_given(index_page, tmp_path, client):
    rows = json.loads((DATA / "good.json").read_text())[:2]
    del rows[0]["consent_position"]
    rows[1]["consent_position"] = ""
    path = tmp_path / "no-consent.json"
    path.write_text(json.dumps(rows))
    code, out, err = run(path)
    assert code == 0, err
    assert "2 row(s) had no consent_position: recorded as 'Consent position not recorded'" in err
    assert "consent-given" not in err
    for page in CaseStudyPage.objects.all():
        assert page.consent_position == "not-recorded"
        assert page.consent_label == "Consent position not recorded"

    from case_studies.tests.factories import publish

    page = publish(CaseStudyPage.objects.get(title="Baby D and the pre-birth plan"))
    html = client.get(page.url).content.decode()
    assert "Consent position not recorded" in html
    assert "Consent given" not in html


def test_a_row_without_consent_position_keeps_what_an_existing_page_records(index_page, tmp_path):
    rows = json.loads((DATA / "good.json").read_text())[:1]
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(rows))
    assert run(path)[0] == 0
    del rows[0]["consent_position"]
    rows[0]["summary"] = "A second telling of the story."
    path.write_text(json.dumps(rows))
    assert run(path)[0] == 0
    latest = CaseStudyPage.objects.get().get_latest_revision_as_object()
    assert latest.summary == "A second telling of the story."
    assert latest.consent_position == "consent-given"


def test_a_row_without_evidence_type_is_an_error_not_a_default(index_page, tmp_path):
    """Evidence type is required by the model: a row without one fails, nothing is invented."""
    rows = json.loads((DATA / "good.json").read_text())[:2]
    del rows[0]["evidence_type"]
    rows[1]["evidence_type"] = "  "
    path = tmp_path / "no-evidence.json"
    path.write_text(json.dumps(rows))
    code, out, err = run(path)
    assert code == 1
    assert "row 1: missing evidence type" in err
    assert "row 2: missing evidence type" in err
    assert CaseStudyPage.objects.count() == 0

    csv_text = (DATA / "good.csv").read_text().replace(",pilot,", ",,")
    path = tmp_path / "no-evidence.csv"
    path.write_text(csv_text)
    code, out, err = run(path)
    assert code == 1 and "missing evidence type" in err
    assert not CaseStudyPage.objects.filter(evidence_type__slug="pilot").exists()


def test_body_text_is_escaped(index_page, tmp_path):
    path = tmp_path / "stories.json"
    row = json.loads((DATA / "good.json").read_text())[0]
    row["body"] = "Tags <script>alert(1)</script> & ampersands\nwrap onto one paragraph."
    path.write_text(json.dumps([row]))
    assert run(path)[0] == 0
    html = CaseStudyPage.objects.get().body[0].value.source
    assert (
        html == "<p>Tags &lt;script&gt;alert(1)&lt;/script&gt; &amp; ampersands wrap onto one paragraph.</p>"
    )


def test_rerun_is_idempotent_and_changes_make_a_new_revision(index_page, tmp_path):
    assert run(DATA / "good.csv")[0] == 0
    code, out, _ = run(DATA / "good.csv")
    assert code == 0
    assert "3 rows: 0 created, 0 updated, 3 unchanged, 0 failed" in out
    assert CaseStudyPage.objects.count() == 3

    page = CaseStudyPage.objects.get(title="Mother B and the advice line")
    revisions = page.revisions.count()
    review_due = page.review_due
    changed = (
        (DATA / "good.csv")
        .read_text()
        .replace("A school safeguarding lead rang", "A designated safeguarding lead rang")
    )
    path = tmp_path / "changed.csv"
    path.write_text(changed)
    code, out, _ = run(path)
    assert "3 rows: 0 created, 1 updated, 2 unchanged, 0 failed" in out
    assert CaseStudyPage.objects.count() == 3
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    latest = page.get_latest_revision_as_object()
    assert latest.summary.startswith("A designated safeguarding lead")
    assert latest.review_due == review_due  # a blank optional column never overwrites


def test_duplicate_rows_in_one_file_are_refused(index_page, tmp_path):
    rows = json.loads((DATA / "good.json").read_text())
    path = tmp_path / "dupes.json"
    path.write_text(json.dumps([rows[0], dict(rows[0], summary="Another telling.")]))
    code, _, err = run(path)
    assert code == 1 and "row 2: same title, area and year as row 1" in err
    assert CaseStudyPage.objects.count() == 1


def test_dry_run_creates_nothing(index_page):
    code, out, _ = run(DATA / "good.csv", "--dry-run")
    assert code == 0
    assert "Dry run, nothing saved: 3 rows: 3 would be created" in out
    assert CaseStudyPage.objects.count() == 0
    code, out, err = run(DATA / "bad.csv", "--dry-run")
    assert code == 1 and "row 6 (line 7): unknown area 'Atlantis'" in err
    assert CaseStudyPage.objects.count() == 0


def test_file_level_problems_exit_2(index_page, tmp_path):
    path = tmp_path / "missing.csv"
    path.write_text("title,summary\nA,B\n")
    code, _, err = run(path)
    assert code == 2 and "missing required column(s): area, year" in err
    path = tmp_path / "broken.json"
    path.write_text("[{")
    assert run(path)[0] == 2
    assert run(tmp_path / "nope.csv")[0] == 2


def test_no_index_page_is_an_error(db):
    code, _, err = run(DATA / "good.csv")
    assert code == 2 and "no case studies index page" in err


def test_content_sniffing_without_extension(index_page, tmp_path):
    path = tmp_path / "export.txt"
    path.write_text((DATA / "good.json").read_text())
    assert run(path)[0] == 0
    path = tmp_path / "export2.dat"
    path.write_text((DATA / "bad.csv").read_text())
    code, out, _ = run(path)
    assert "2 created" in out


def test_thousand_rows_import(index_page, tmp_path):
    path = tmp_path / "many.csv"
    areas = ["Leeds", "newham", "sheffield", "National", "Durham"]
    agencies = ["health", "police|education", "childrens-social-care|early-help|housing"]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(importer.COLUMNS[:8] + ["body", "learning", "concern_types", "themes"])
        for n in range(1000):
            writer.writerow(
                [
                    f"Composite story {n}",
                    "Two services shared a concern early and agreed a plan.",
                    areas[n % 5],
                    2005 + n % 20,
                    agencies[n % 3],
                    "early-help",
                    "practitioner-account",
                    "The family accepted support.",
                    "The first paragraph of the story.\n\nThe second paragraph of the story.",
                    "Share early|Follow up in writing",
                    "neglect",
                    "thresholds|consent",
                ]
            )
    started = time.monotonic()
    code, out, err = run(path)
    elapsed = time.monotonic() - started
    print(f"\n1,000-row import took {elapsed:.1f}s")
    assert code == 0, err
    assert CaseStudyPage.objects.count() == 1000
    assert "1000 rows: 1000 created" in out
    assert elapsed < 600


def test_import_indexes_its_pages_at_the_end_and_leaves_other_threads_alone(index_page, settings):
    """Per-save indexing is suppressed for the import only: a save elsewhere in the process
    (another request's thread) is still indexed on save while the import runs."""
    import threading

    from django.db.models.signals import post_save
    from django_tasks.signals import task_enqueued

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "search", "media"],
        }
    }
    enqueued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "insert_or_update_object_task":
            enqueued.append((threading.current_thread().name, tuple(task_result.args)))

    def elsewhere():
        # Only the index receiver is under test: the search page cache's would write its
        # token from this thread, which SQLite's in-memory test database (locked by the
        # test's transaction) refuses at once where a real database waits.
        post_save.disconnect(dispatch_uid="search_page_cache_save")
        try:
            post_save.send(sender=CaseStudyPage, instance=CaseStudyPage(pk=424242), created=False)
        finally:
            page_cache.connect_signals()

    def progress(result):
        if result.row.number == 1:
            thread = threading.Thread(target=elsewhere, name="another-request")
            thread.start()
            thread.join()

    task_enqueued.connect(record, weak=False)
    try:
        report = importer.CaseStudyImporter().run(importer.read_rows(DATA / "good.csv"), progress=progress)
    finally:
        task_enqueued.disconnect(record)
    assert report.count("created") == 3
    assert enqueued == [("another-request", ("case_studies", "casestudypage", "424242"))]
    # ...and the imported pages were indexed explicitly at the end.
    found = {page.title for page in CaseStudyPage.objects.search("dentist")}
    assert found == {"Child A: the dentist who asked"}
    assert CaseStudyPage.objects.search("safeguarding lead").count() >= 1


# --------------------------------------------------------------------------- publishing


class StandInGate:
    """Stands in for cms.anonymisation.publishing.clear_and_publish (same contract), recording
    calls instead of publishing: the real gate refuses publishing that bypasses it."""

    def __init__(self, fail_title=None):
        self.calls, self.fail_title = [], fail_title

    def __call__(self, page, user=None, attest_by_system=False):
        from cms.anonymisation.detection import scan_fields

        latest = page.get_latest_revision_as_object()
        self.calls.append((latest.title, attest_by_system))
        if latest.title == self.fail_title:
            raise RuntimeError("gate exploded")
        return scan_fields(
            [("title", latest.title), ("summary", latest.summary)]
            + [(f"body.{i}", str(block.value)) for i, block in enumerate(latest.body)]
        )


def _postcode_file(tmp_path):
    rows = json.loads((DATA / "good.json").read_text())[:2]
    rows[1]["body"] = "The family had recently moved to a flat near LS1 4AP."
    path = tmp_path / "publish.json"
    path.write_text(json.dumps(rows))
    return path


def test_publish_reports_published_held_and_failed(index_page, tmp_path, monkeypatch):
    gate = StandInGate()
    monkeypatch.setattr(importer, "_load_publisher", lambda: (gate, ""))
    code, out, err = run(_postcode_file(tmp_path), "--publish")
    assert code == 0, err
    assert [title for title, _ in gate.calls] == [
        "Baby D and the pre-birth plan",
        "Sibling group E and the housing officer",
    ]
    assert all(by_system for _, by_system in gate.calls)
    assert "Held as drafts (anonymisation findings):" in out
    assert 'row 2 "Sibling group E and the housing officer"' in out
    assert "postcode 'LS1 4AP' in body.0" in out
    assert "1 published, 1 held as drafts for anonymisation review" in out

    gate = StandInGate(fail_title="Baby D and the pre-birth plan")
    monkeypatch.setattr(importer, "_load_publisher", lambda: (gate, ""))
    code, out, err = run(_postcode_file(tmp_path), "--publish")
    assert "row 1: saved as a draft but not published: RuntimeError: gate exploded" in err
    assert "1 could not be published" in out


def test_publish_with_the_real_anonymisation_gate(index_page, tmp_path):
    from cms.anonymisation.publishing import clear_and_publish

    assert importer._load_publisher() == (clear_and_publish, "")  # the real gate, not a stand-in
    code, out, err = run(_postcode_file(tmp_path), "--publish")
    assert code == 0, err
    clean = CaseStudyPage.objects.get(title="Baby D and the pre-birth plan")
    held = CaseStudyPage.objects.get(title="Sibling group E and the housing officer")
    assert clean.live and not clean.has_unpublished_changes
    assert not held.live
    assert "Held as drafts (anonymisation findings):" in out
    assert "Sibling group E and the housing officer" in out and "postcode 'LS1 4AP'" in out
    assert "1 published, 1 held as drafts" in out
    # A re-run leaves the live, unchanged page alone and still holds the other one.
    code, out, _ = run(_postcode_file(tmp_path), "--publish")
    assert "0 created, 0 updated, 2 unchanged" in out and "0 published, 1 held" in out
    clean.refresh_from_db()
    assert clean.live and clean.revisions.count() == 1

    # Fixing the held row and re-running publishes the corrected text, not the old one.
    path = _postcode_file(tmp_path)
    path.write_text(path.read_text().replace("near LS1 4AP", "in the same town"))
    code, out, _ = run(path, "--publish")
    assert "0 created, 1 updated, 1 unchanged" in out and "1 published, 0 held" in out
    held.refresh_from_db()
    assert held.live and not held.has_unpublished_changes
    assert "in the same town" in held.body[0].value.source
    assert held.revisions.count() == 2


def test_publish_unavailable_is_reported(index_page, monkeypatch):
    monkeypatch.setattr(importer, "_load_publisher", lambda: (None, "publishing unavailable: test"))
    code, out, err = run(DATA / "good.csv", "--publish")
    assert code == 1 and "publishing unavailable" in err and "publishing unavailable" in out
    assert CaseStudyPage.objects.filter(live=False).count() == 3


# --------------------------------------------------------------------------- areas


@pytest.mark.parametrize(
    "area, slug",
    [
        ("London Borough of Barnet", "barnet"),
        ("Coventry City Council", "coventry"),
        ("Stockport Metropolitan Borough Council", "stockport"),
        ("Bristol, City of", "bristol"),
        ("brighton & hove", "brighton-and-hove"),
        ("E08000007", "stockport"),
        ("Rhondda Cynon Taf", "rhondda-cynon-taf"),
        ("Glasgow City", "glasgow-city"),
        ("Belfast Health and Social Care Trust", "belfast-hsc-trust"),
    ],
)
def test_a_story_from_any_uk_authority_imports_by_its_official_name(index_page, tmp_path, area, slug):
    from cms.taxonomy.models import Area

    rows = json.loads((DATA / "good.json").read_text())[:1]
    rows[0]["area"] = area
    path = tmp_path / "area.json"
    path.write_text(json.dumps(rows))
    code, out, err = run(path)
    assert code == 0, err + out
    assert CaseStudyPage.objects.get().area == Area.objects.get(slug=slug)


def test_an_unknown_area_is_a_row_error_naming_the_closest_matches(index_page, tmp_path):
    rows = json.loads((DATA / "good.json").read_text())[:1]
    rows[0]["area"] = "Barnett"
    path = tmp_path / "area.json"
    path.write_text(json.dumps(rows))
    code, out, err = run(path)
    assert code == 1
    assert "unknown area 'Barnett' (closest: Barnet" in out + err
    assert not CaseStudyPage.objects.exists()
