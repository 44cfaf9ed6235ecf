import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from case_studies.models import CaseStudyPage
from cms.anonymisation.models import AnonymisationClearance
from cms.anonymisation.publishing import PublishBlocked, clear_and_publish

from .admin_forms import edit_post_data, edit_url, paragraph
from .factories import make_case_study

DIRTY = "The family moved to LS6 2AB after the fire."


@pytest.fixture
def dirty_page(db):
    return make_case_study(state="draft", body=[paragraph(f"<p>{DIRTY}</p>")])


def reload(page):
    return CaseStudyPage.objects.get(pk=page.pk)


def test_revision_publish_raises_without_clearance(dirty_page):
    revision = dirty_page.get_latest_revision()
    with pytest.raises(PublishBlocked) as excinfo:
        revision.publish()
    assert "LS6 2AB" in str(excinfo.value)
    assert [f.kind for f in excinfo.value.findings] == ["postcode"]
    assert not reload(dirty_page).live


def test_clean_page_still_needs_a_clearance(db):
    page = make_case_study(state="draft")
    with pytest.raises(PublishBlocked, match="attests"):
        page.get_latest_revision().publish()
    assert not reload(page).live


def test_page_publish_method_is_guarded_too(dirty_page):
    with pytest.raises(PublishBlocked):
        dirty_page.publish(dirty_page.get_latest_revision())
    assert not reload(dirty_page).live


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_admin_publish_button_is_refused_with_the_findings(who, request, client, dirty_page):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        edit_url(dirty_page),
        edit_post_data(dirty_page, summary=DIRTY, **{"action-publish": "action-publish"}),
        follow=True,
    )
    assert response.status_code == 200
    page = reload(dirty_page)
    assert not page.live
    assert page.get_latest_revision().as_object().summary == DIRTY  # the edit is kept as a draft
    html = response.content.decode()
    assert "Not published" in html
    assert "LS6 2AB" in html
    assert response.redirect_chain[-1][0] == edit_url(dirty_page)


def test_admin_create_and_publish_is_refused(client, superuser, db):
    from django.urls import reverse

    from .factories import case_study_index

    index = case_study_index()
    template = make_case_study(state="draft")
    client.force_login(superuser)
    data = edit_post_data(template, summary=DIRTY, **{"action-publish": "action-publish"})
    data.update(title="A new story", slug="a-new-story")
    url = reverse("wagtailadmin_pages:add", args=["case_studies", "casestudypage", index.pk])
    response = client.post(url, data, follow=True)
    created = CaseStudyPage.objects.get(slug="a-new-story")
    assert not created.live
    assert "Not published" in response.content.decode()


def test_admin_publish_of_unchanged_cleared_text_carries_the_clearance(client, superuser, db):
    page = make_case_study(state="draft", body=[paragraph("<p>Child A was referred by the school.</p>")])
    assert clear_and_publish(page, user=superuser) == []
    client.force_login(superuser)
    # Same text, only the review date changes: the clearance carries over.
    response = client.post(
        edit_url(page),
        edit_post_data(page, **{"review_due": "2031-01-01", "action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    page = reload(page)
    assert page.live and not page.has_unpublished_changes
    assert page.review_due == datetime.date(2031, 1, 1)
    assert AnonymisationClearance.objects.filter(
        revision=page.live_revision, carried_from__isnull=False
    ).exists()


def test_admin_publish_after_text_change_is_refused(client, superuser, db):
    page = make_case_study(state="draft")
    clear_and_publish(page, user=superuser)
    client.force_login(superuser)
    client.post(
        edit_url(page),
        edit_post_data(
            page, summary="A different, clean summary of the story.", **{"action-publish": "action-publish"}
        ),
    )
    page = reload(page)
    assert page.live and page.has_unpublished_changes  # still live on the old, cleared text
    assert page.live_revision.as_object().summary != "A different, clean summary of the story."


def test_bulk_publish_is_refused(client, superuser, dirty_page):
    from django.urls import reverse

    client.force_login(superuser)
    next_url = reverse("wagtailadmin_explore", args=[dirty_page.get_parent().pk])
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={dirty_page.pk}&next={next_url}"
    )
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert response.redirect_chain[0] == (next_url, 302)
    assert not reload(dirty_page).live
    assert "Nothing was published" in response.content.decode()


def test_scheduling_needs_a_clearance_and_scheduled_publish_works_with_one(superuser, db):
    page = make_case_study(state="draft")
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision()
    with pytest.raises(PublishBlocked):
        revision.publish()
    assert not revision.__class__.objects.get(pk=revision.pk).approved_go_live_at

    AnonymisationClearance.objects.create(revision=revision, attested_by=superuser)
    revision.publish()  # scheduled
    revision.refresh_from_db()
    assert revision.approved_go_live_at and not reload(page).live
    # time passes: the go-live moment is now in the past
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert reload(page).live


def test_edit_view_warns_about_findings(client, editor, dirty_page):
    client.force_login(editor)
    response = client.get(edit_url(dirty_page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anonymisation check: 1 possible identifying detail" in html
    assert "Body › Paragraph 1" in html and "LS6 2AB" in html


def test_clear_and_publish_clean_page(db):
    page = make_case_study(state="draft")
    assert clear_and_publish(page, attest_by_system=True) == []
    page = reload(page)
    assert page.live
    clearance = AnonymisationClearance.objects.get(revision=page.live_revision)
    assert clearance.is_system and clearance.attested_by is None and clearance.findings_count == 0
    entry = PageLogEntry.objects.get(page=page, action="anonymisation.attest")
    assert entry.data["system"] is True


def test_clear_and_publish_leaves_dirty_page_as_draft(dirty_page):
    findings = clear_and_publish(dirty_page, attest_by_system=True)
    assert [(f.kind, f.text) for f in findings] == [("postcode", "LS6 2AB")]
    assert not reload(dirty_page).live
    assert not AnonymisationClearance.objects.exists()


def test_clear_and_publish_saves_unsaved_changes_first(db):
    page = make_case_study(state="draft")
    page.summary = "An updated, clean summary of what was shared."
    assert clear_and_publish(page) == []
    assert reload(page).summary == "An updated, clean summary of what was shared."

    page = reload(page)
    page.outcome = DIRTY
    assert [f.text for f in clear_and_publish(page)] == ["LS6 2AB"]
    page = reload(page)
    assert page.live and page.outcome != DIRTY and page.has_unpublished_changes


def test_clear_and_publish_by_a_user_records_them(editor, db):
    page = make_case_study(state="draft")
    clear_and_publish(page, user=editor)
    clearance = AnonymisationClearance.objects.get()
    assert clearance.attested_by == editor and not clearance.is_system


def test_guarded_pages_are_always_inserted_as_drafts(db):
    from .factories import case_study_index

    page = make_case_study(state="draft")  # the factory asks for a draft; Page.live defaults to True:
    other = CaseStudyPage(
        title="Inserted live",
        slug="inserted-live",
        summary=page.summary,
        outcome=page.outcome,
        area=page.area,
        year=2023,
        stage=page.stage,
        consent_position="consent-given",
        evidence_type=page.evidence_type,
        review_due=page.review_due,
    )
    case_study_index().add_child(instance=other)
    assert not reload(other).live and reload(other).has_unpublished_changes


def test_fixtures_can_suspend_the_guard_for_one_model_and_it_comes_back(db):
    """Fast fixtures insert live pages by suspending the guard's receiver for a block only."""
    from cms.anonymisation.testing import publish_guard_suspended

    from .factories import case_study_index

    page = make_case_study(state="draft")

    def insert(slug):
        other = CaseStudyPage(
            title=slug,
            slug=slug,
            summary=page.summary,
            outcome=DIRTY,
            area=page.area,
            year=2023,
            stage=page.stage,
            consent_position="consent-given",
            evidence_type=page.evidence_type,
            review_due=page.review_due,
        )
        case_study_index().add_child(instance=other)
        return reload(other)

    with publish_guard_suspended(CaseStudyPage):
        assert insert("fixture").live
    assert not insert("after").live


def test_publishing_stops_with_a_message_when_the_check_cannot_run(db, editor, client, monkeypatch):
    import sys

    page = make_case_study(state="draft")
    clear = make_case_study(state="draft", title="Already cleared")
    assert clear_and_publish(clear) == []
    clear.save_revision()  # a new, identical revision: normally carried over without a new attestation
    monkeypatch.setitem(sys.modules, "phonenumbers", None)

    with pytest.raises(PublishBlocked, match="anonymisation check cannot run"):
        clear_and_publish(page, user=editor)
    with pytest.raises(PublishBlocked, match="anonymisation check cannot run"):
        clear.get_latest_revision().publish()

    client.force_login(editor)
    response = client.post(
        edit_url(page), edit_post_data(page, **{"action-publish": "action-publish"}), follow=True
    )
    assert not reload(page).live
    assert "anonymisation check cannot run" in response.content.decode()


def test_a_reflection_authors_consented_name_is_exempt_but_the_quote_is_scanned(db):
    from cms.anonymisation.detection import scan_fields
    from cms.anonymisation.extract import extract_page_text

    page = make_case_study(
        state="draft",
        body=[
            (
                "reflection",
                {
                    "quote": "Jo Smith told me it helped.",
                    "author_name": "Amira Okonkwo",
                    "author_role": "DSL",
                },
            )
        ],
    )
    found = [(f.kind, f.text) for f in scan_fields(extract_page_text(page.get_latest_revision().as_object()))]
    assert ("person_name", "Jo Smith") in found
    assert not any("Okonkwo" in text for _kind, text in found)
