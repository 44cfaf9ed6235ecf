"""The demo champions and stories: made through the real consent, anonymisation check and review
workflow paths, in every state the demo promises, and idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from champions import demo
from champions.demo_champions import CHAMPIONS, DEMO_CHAMPION_EMAIL, REFLECTION_CASE_STUDY, STORIES
from champions.models import ChampionConsent, ChampionProfilePage, ChampionStoryPage
from champions.setup import WORKFLOW_NAME
from cms.anonymisation.detection import scan_fields
from cms.anonymisation.extract import extract_page_text
from cms.anonymisation.models import AnonymisationClearance
from cms.anonymisation.publishing import attest_and_approve
from cms.core.demo import demo_modules
from cms.users import roles
from cms.users.models import User

pytestmark = pytest.mark.django_db

FICTIONAL_EMAILS = {spec["email"] for spec in CHAMPIONS} - {DEMO_CHAMPION_EMAIL}


def load_accounts():
    dict(demo_modules())["users"].load(StringIO())


def run_load():
    out = StringIO()
    summary = demo.load(out)
    return summary, out.getvalue()


def profile(slug):
    return ChampionProfilePage.objects.get(slug=slug)


def story(slug):
    return ChampionStoryPage.objects.get(slug=slug)


def spec_of(slug):
    return next(spec for spec in STORIES if spec["slug"] == slug)


def slugs_in(state, champion=None):
    return [
        spec["slug"]
        for spec in STORIES
        if spec["state"] == state and (champion is None or spec["champion"] == champion)
    ]


def own_slug():
    """The demo Champion's profile."""
    return next(spec["slug"] for spec in CHAMPIONS if spec["email"] == DEMO_CHAMPION_EMAIL)


def snapshot():
    """Everything the loader could add a row to."""
    return {
        "users": User.objects.count(),
        "profiles": ChampionProfilePage.objects.count(),
        "stories": ChampionStoryPage.objects.count(),
        "revisions": Revision.objects.count(),
        "consents": ChampionConsent.objects.count(),
        "workflows": WorkflowState.objects.count(),
        "tasks": TaskState.objects.count(),
        "clearances": AnonymisationClearance.objects.count(),
        "log": PageLogEntry.objects.count(),
        "groups": Group.objects.count(),
    }


@pytest.fixture
def loaded():
    load_accounts()
    summary, output = run_load()
    assert "kept as a draft" not in output  # every page the demo publishes passed the check
    return summary


def test_loading_twice_creates_nothing_new(loaded):
    before = snapshot()
    summary, output = run_load()
    assert snapshot() == before
    assert summary == loaded
    assert before["profiles"] == len(CHAMPIONS) == 6
    assert before["stories"] == len(STORIES) >= 8


def test_six_live_champions_across_agencies_and_areas_each_with_recorded_consent(loaded):
    profiles = list(ChampionProfilePage.objects.live().select_related("agency", "area", "user"))
    assert len(profiles) == 6
    assert len({p.agency.slug for p in profiles}) == 6
    assert {"police", "health", "education", "childrens-social-care", "early-help"} <= {
        p.agency.slug for p in profiles
    }
    assert len({p.area.slug for p in profiles}) == 6
    year_ahead = timezone.localdate() + timedelta(days=365)
    for p in profiles:
        assert p.has_consent
        consents = list(p.consents.all())
        assert [c.action for c in consents] == ["given"]
        assert consents[0].wording.startswith("Demo content: a fictional champion.")
        assert PageLogEntry.objects.filter(page_id=p.pk, action="champions.consent_given").count() == 1
        assert p.review_due == year_ahead
        assert p.user is not None and p.user.groups.filter(name=roles.CHAMPION).exists()
        assert p.cover_contact is not None and p.cover_contact.pk != p.pk
        assert p.cover_contact.live
        assert p.help_with and p.job_title and p.topics.count() >= 2
        assert not p.photo_id  # no photos in the demo
        assert AnonymisationClearance.objects.filter(revision_id=p.live_revision_id).exists()


def test_the_demo_champion_owns_a_profile_and_edits_only_their_own(loaded):
    jo = User.objects.get(email=DEMO_CHAMPION_EMAIL)
    own = ChampionProfilePage.objects.get(user=jo)
    assert (
        own.slug == "named-nurse-sheffield" and own.agency.slug == "health" and own.area.slug == "sheffield"
    )
    assert own.permissions_for_user(jo).can_edit()
    assert not own.permissions_for_user(jo).can_publish()
    other = profile("detective-sergeant-leeds")
    assert not other.permissions_for_user(jo).can_edit()


def test_the_other_champions_have_fictional_accounts_nobody_can_sign_in_as(loaded):
    for email in FICTIONAL_EMAILS:
        user = User.objects.get(email=email)
        assert email.startswith("demo-champion-") and email.endswith("@example.org")
        assert not user.has_usable_password()
        assert user.role_names == [roles.CHAMPION]
        assert user.champion_profile.live


def test_first_name_only_shows_only_the_first_name(loaded):
    rosa = profile("early-help-coordinator-bristol")
    assert rosa.first_name_only and rosa.title == rosa.shown_name == "Rosa"
    assert "lindqvist" not in rosa.url_path.lower()
    assert all(spec["first_name_only"] is False for spec in CHAMPIONS if spec["name"] != rosa.display_name)


def test_stories_are_left_in_every_state_for_several_champions(loaded):
    live = ChampionStoryPage.objects.live()
    assert live.count() == len(slugs_in("live")) >= 4
    assert len({s.get_parent().pk for s in live}) >= 4
    for s in live:
        assert AnonymisationClearance.objects.filter(revision_id=s.live_revision_id).exists()

    jo = User.objects.get(email=DEMO_CHAMPION_EMAIL)
    editor = User.objects.get(email="editor@example.org")
    jo_slugs = {
        spec["state"]: spec["slug"] for spec in STORIES if spec["champion"] == "named-nurse-sheffield"
    }
    assert set(jo_slugs) == {"live", "moderation", "changes", "draft"}

    assert story(jo_slugs["live"]).live
    in_moderation = story(jo_slugs["moderation"])
    state = in_moderation.current_workflow_state
    assert not in_moderation.live
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME and state.requested_by == jo
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    # Another champion's story waits for the editor too.
    assert any(
        story(slug).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        for slug in slugs_in("moderation")
        if slug != jo_slugs["moderation"]
    )

    sent_back = story(jo_slugs["changes"])
    state = sent_back.current_workflow_state
    assert not sent_back.live and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = state.current_task_state
    assert rejected.status == TaskState.STATUS_REJECTED and rejected.finished_by == editor
    assert rejected.comment == spec_of(jo_slugs["changes"])["editor_comment"]

    draft = story(jo_slugs["draft"])
    assert not draft.live and draft.current_workflow_state is None and draft.latest_revision_id


def test_every_story_is_short_and_passes_the_anonymisation_check_as_written(loaded):
    for spec in STORIES:
        page = story(spec["slug"]).get_latest_revision_as_object()
        assert scan_fields(extract_page_text(page)) == [], spec["slug"]
        if spec["state"] != "draft":
            words = sum(len(paragraph.split()) for paragraph in spec["body"])
            assert 150 <= words <= 300, (spec["slug"], words)


def test_the_demo_editor_can_approve_the_story_in_moderation_and_a_rerun_puts_it_back(loaded):
    editor = User.objects.get(email="editor@example.org")
    slug = slugs_in("moderation", "named-nurse-sheffield")[0]
    page = story(slug)
    task_state = page.current_workflow_state.current_task_state
    attest_and_approve(task_state.task.specific, task_state, editor, attest=True)
    assert story(slug).live

    run_load()
    page = story(slug)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_withdrawn_consent_is_recorded_again_on_the_next_run(loaded):
    from champions.consent import withdraw_consent

    police = profile("detective-sergeant-leeds")
    withdraw_consent(police, by=police.user)
    assert not profile("detective-sergeant-leeds").live
    run_load()
    police = profile("detective-sergeant-leeds")
    assert police.live and police.has_consent
    assert [c.action for c in police.consents.all()] == ["given", "withdrawn", "given"]
    assert all(s.live for s in ChampionStoryPage.objects.child_of(police))


def test_without_demo_accounts_no_account_is_made(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    users = User.objects.count()
    run_load()
    assert User.objects.count() == users
    assert ChampionProfilePage.objects.live().count() == 6
    assert not ChampionProfilePage.objects.filter(user__isnull=False).exists()
    assert ChampionStoryPage.objects.live().count() == len(slugs_in("live"))


def test_a_demo_case_study_quotes_a_champion(loaded):
    dict(demo_modules())["case_studies"].load(StringIO())
    summary, _ = run_load()
    assert "quoted in a case study" in summary
    case_study_slug, champion_slug = REFLECTION_CASE_STUDY
    from wagtail.models import Page

    case_study = Page.objects.get(slug=case_study_slug).specific
    assert case_study.live and not case_study.has_unpublished_changes
    reflections = [block.value for block in case_study.body if block.block_type == "reflection"]
    assert [r["champion"].pk for r in reflections] == [profile(champion_slug).pk]
    before = snapshot()
    run_load()
    assert snapshot() == before
