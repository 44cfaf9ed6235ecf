"""A champion's profile in "download my data", and deleting their account: consent withdrawn,
profile and stories deleted, the audit log kept without their name."""

import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState
from wagtail.signals import page_unpublished

from champions import personal_data  # registers the export and the erasure (as ready() does)
from champions.consent import record_consent, withdraw_consent
from champions.models import ChampionConsent, ChampionProfilePage, ChampionStoryPage, ConsentAction
from champions.permissions import profile_group_name
from champions.setup import ensure_champion_index
from champions.tests.factories import make_champion, make_champion_user, make_story
from cms.anonymisation.publishing import clear_and_publish
from cms.users import roles
from cms.users.models import User
from cms.users.personal_data import coverage_of, delete_user, export_user_data
from cms.users.tests.test_personal_data_coverage import LINKS, coverage_problem

pytestmark = pytest.mark.django_db

NAME = "Morwenna Tregarthen"


def make_editor():
    editor = User.objects.create_user(email="editor-pd@example.org", password="a-long-test-password")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    return editor


def submit(story, user):
    story.save_revision(user=user)
    return story.get_workflow().start(story, user)


@pytest.fixture
def champion():
    """A live champion with stories in every state; consent recorded by the champion, then again
    by an editor (as if renewed on paper)."""
    ensure_champion_index()
    profile = make_champion(NAME, job_title="Early help coordinator", agency="early-help", area="bristol")
    record_consent(profile, by=make_editor(), wording="Recorded by an editor from a signed form.")
    profile.help_with = "How to ask a family for their agreement to share."
    profile.save_revision(user=profile.user)
    user = profile.user
    clear_and_publish(make_story(profile, "Explaining consent at the kitchen table"), attest_by_system=True)
    make_story(profile, "A draft about stepping down", live=False)
    submit(make_story(profile, "Waiting for the editor", live=False), user)
    state = submit(make_story(profile, "Sent back for more detail", live=False), user)
    state.current_task_state.reject(user=None, comment="Add the legal basis, please.")
    return ChampionProfilePage.objects.get(pk=profile.pk)


def test_the_export_lists_the_profile_consent_history_and_stories_with_their_states(champion):
    data = export_user_data(champion.user)["champion_profile"]
    json.dumps(data)  # serialisable as it is
    exported = data["profile"]
    assert exported["name"] == NAME and exported["shown_as"] == NAME
    assert exported["role"] == "Early help coordinator"
    assert exported["agency"] == "Early help" and exported["area"] == "Bristol"
    assert exported["what_you_can_help_with"] == "How to ask a family for their agreement to share."
    assert exported["published"] is True
    assert [(c["action"], c["recorded_by"]) for c in exported["consent"]] == [
        ("Consent given", "you"),
        ("Consent given", "an editor"),
    ]
    assert exported["consent"][1]["wording"] == "Recorded by an editor from a signed form."
    assert exported["stories"] == [
        {"title": "Explaining consent at the kitchen table", "state": "Published"},
        {"title": "A draft about stepping down", "state": "Draft"},
        {"title": "Waiting for the editor", "state": "In moderation"},
        {"title": "Sent back for more detail", "state": "Changes requested"},
    ]
    assert data["consent_you_recorded_for_other_champions"] == []


def test_an_editor_sees_the_consent_they_recorded_for_champions_and_others_see_nothing(champion):
    editor = User.objects.get(email="editor-pd@example.org")
    data = export_user_data(editor)["champion_profile"]
    assert data["profile"] is None
    assert [(r["profile"], r["action"]) for r in data["consent_you_recorded_for_other_champions"]] == [
        (NAME, "Consent given")
    ]
    nobody = make_champion_user()
    assert export_user_data(nobody)["champion_profile"] == {
        "profile": None,
        "consent_you_recorded_for_other_champions": [],
    }


def test_deleting_the_account_takes_the_profile_and_stories_down_and_deletes_them(champion):
    user = champion.user
    other = make_champion("Another Champion", cover_contact=champion)
    ids = list(Page.objects.descendant_of(champion, inclusive=True).values_list("pk", flat=True))
    assert len(ids) == 5
    live_before = set(Page.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True))
    assert len(live_before) == 2  # the profile and its published story
    unpublished = []

    def seen(sender, instance, **kwargs):
        unpublished.append(instance.pk)

    page_unpublished.connect(seen)
    try:
        delete_user(user)
    finally:
        page_unpublished.disconnect(seen)

    assert not User.objects.filter(pk=user.pk).exists()
    assert not Page.objects.filter(pk__in=ids).exists()
    assert set(unpublished) == live_before  # taken off the site by the withdrawal first
    assert not Revision.objects.filter(object_id__in=[str(pk) for pk in ids]).exists()
    assert not WorkflowState.objects.filter(object_id__in=[str(pk) for pk in ids]).exists()
    assert not ChampionConsent.objects.filter(profile_id=champion.pk).exists()
    assert not Group.objects.filter(name=profile_group_name(champion.pk)).exists()
    other = ChampionProfilePage.objects.get(pk=other.pk)
    assert other.live and other.cover_contact_id is None


def test_the_audit_log_keeps_what_happened_without_the_champion_or_their_stories(champion):
    ids = list(Page.objects.descendant_of(champion, inclusive=True).values_list("pk", flat=True))
    titles = list(Page.objects.filter(pk__in=ids).values_list("title", flat=True))
    delete_user(champion.user)

    entries = PageLogEntry.objects.filter(page_id__in=ids)
    actions = set(entries.values_list("action", flat=True))
    assert {
        "champions.consent_given",
        "champions.consent_withdrawn",
        "wagtail.unpublish",
        "wagtail.delete",
    } <= actions
    text = json.dumps([[entry.label, entry.data] for entry in entries])
    for secret in [NAME, "Morwenna", *titles]:
        assert secret not in text
    assert set(entries.values_list("label", flat=True)) == {
        personal_data.DELETED_PROFILE_LABEL,
        personal_data.DELETED_STORY_LABEL,
    }
    withdrawn = entries.get(action="champions.consent_withdrawn")
    assert withdrawn.data["wording"] == personal_data.ACCOUNT_DELETED_WORDING
    assert {page["title"] for page in withdrawn.data["unpublished"]} == {personal_data.REMOVED}


def test_a_profile_whose_consent_is_already_withdrawn_is_deleted_without_a_second_withdrawal(champion):
    withdraw_consent(champion, by=champion.user)
    delete_user(champion.user)
    assert not ChampionProfilePage.objects.filter(pk=champion.pk).exists()
    log = PageLogEntry.objects.filter(page_id=champion.pk, action="champions.consent_withdrawn")
    assert log.count() == 1


def test_deleting_an_editor_keeps_the_consent_they_recorded_without_them(champion):
    editor = User.objects.get(email="editor-pd@example.org")
    delete_user(editor)
    consents = list(ChampionConsent.objects.filter(profile=champion))
    assert [(c.action, c.recorded_by_id) for c in consents] == [
        (ConsentAction.GIVEN, champion.user_id),
        (ConsentAction.GIVEN, None),
    ]
    assert ChampionProfilePage.objects.get(pk=champion.pk).live


def test_other_champions_are_untouched(champion):
    other = make_champion("Another Champion")
    story = make_story(other, "Still here")
    delete_user(champion.user)
    assert ChampionProfilePage.objects.get(pk=other.pk).live
    assert ChampionStoryPage.objects.get(pk=story.pk).live


def test_the_champion_links_to_a_person_are_covered():
    champion_links = {
        (model._meta.label, field.name): coverage_problem(field, coverage_of(model, field.name))
        for model, field in LINKS
        if model._meta.app_label == "champions" and field.name != "sender"
    }
    assert champion_links == {
        ("champions.ChampionProfilePage", "user"): None,
        ("champions.ChampionConsent", "recorded_by"): None,
    }
