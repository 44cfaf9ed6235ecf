"""Consent to be published (who, when, what wording, in the audit log), withdrawing it (the
profile and every story off the site at once), and the yearly "my profile is still right"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from champions import consent as consent_module
from champions.consent import (
    CONSENT_GIVEN_ACTION,
    CONSENT_WITHDRAWN_ACTION,
    CONSENT_WORDING,
    EDITOR_WITHDRAWAL_WORDING,
    PAPER_CONSENT_PREFIX,
    PROFILE_CONFIRMED_ACTION,
    WITHDRAWAL_WORDING,
    confirm_profile,
    record_consent,
    withdraw_consent,
)
from champions.models import ChampionConsent, ConsentAction
from champions.publishing import ConsentMissing

from .factories import cleared, edit_url, make_champion, make_story, reload

pytestmark = pytest.mark.django_db


def consent_url(profile):
    return reverse("champions_admin:consent", args=[profile.pk])


def withdraw_url(profile):
    return reverse("champions_admin:withdraw_consent", args=[profile.pk])


def confirm_url(profile):
    return reverse("champions_admin:confirm_profile", args=[profile.pk])


def entries(page, action):
    return list(PageLogEntry.objects.filter(page_id=page.pk, action=action).order_by("timestamp", "pk"))


@pytest.fixture
def live_champion():
    """A consented, live profile with two live stories and a draft."""
    profile = make_champion("Alex Able", review_due=timezone.localdate() + datetime.timedelta(days=200))
    stories = [make_story(profile), make_story(profile), make_story(profile, live=False)]
    assert [reload(s).live for s in stories] == [True, True, False]
    return profile, stories


# -- recording consent --------------------------------------------------------------------------


def test_record_consent_stores_the_wording_and_writes_the_audit_log():
    profile = make_champion(consent=False, live=False)
    assert not profile.has_consent and profile.review_due is None
    row = record_consent(profile, by=profile.user)

    assert (row.action, row.wording, row.recorded_by) == (ConsentAction.GIVEN, CONSENT_WORDING, profile.user)
    profile = reload(profile)
    assert profile.has_consent and profile.consent_given_at == row.at
    assert profile.review_due == timezone.localdate() + datetime.timedelta(days=365)
    [entry] = entries(profile, CONSENT_GIVEN_ACTION)
    assert entry.user == profile.user
    assert entry.data == {"consent_id": row.pk, "wording": CONSENT_WORDING, "by_champion": True}
    assert "gave their consent" in entry.message and CONSENT_WORDING in entry.message


def test_recording_consent_again_clears_a_withdrawal(live_champion, editor):
    profile, _stories = live_champion
    withdraw_consent(profile, by=profile.user)
    assert not reload(profile).has_consent and reload(profile).consent_withdrawn_at is not None
    record_consent(profile, by=editor, wording=PAPER_CONSENT_PREFIX + CONSENT_WORDING)
    profile = reload(profile)
    assert profile.has_consent and profile.consent_withdrawn_at is None
    assert list(profile.consents.values_list("action", flat=True)) == ["given", "withdrawn", "given"]


def test_consent_needs_a_wording():
    profile = make_champion(consent=False, live=False)
    with pytest.raises(ValueError):
        record_consent(profile, by=profile.user, wording="  ")
    assert not reload(profile).has_consent and not ChampionConsent.objects.filter(profile=profile).exists()


def test_the_champion_gives_consent_in_the_admin(client):
    profile = make_champion(consent=False, live=False)
    client.force_login(profile.user)
    html = client.get(consent_url(profile)).content.decode()
    assert CONSENT_WORDING in html and "I agree" in html and "signed consent" not in html

    response = client.post(consent_url(profile), {})
    assert response.status_code == 400
    assert "Tick “I agree” to give your consent" in response.content.decode()
    assert not reload(profile).has_consent

    response = client.post(consent_url(profile), {"agree": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("champions_admin:mine")
    assert "your consent is recorded" in response.content.decode()
    row = ChampionConsent.objects.get(profile=profile)
    assert (row.wording, row.recorded_by) == (CONSENT_WORDING, profile.user)
    assert reload(profile).has_consent
    assert entries(profile, CONSENT_GIVEN_ACTION)[0].user == profile.user


def test_an_editor_records_consent_given_on_paper(client, editor):
    profile = make_champion(consent=False, live=False)
    client.force_login(editor)
    html = client.get(consent_url(profile)).content.decode()
    assert "signed consent" in html and CONSENT_WORDING in html

    response = client.post(consent_url(profile), {})
    assert (
        response.status_code == 400
        and "Tick the box to say you have the champion" in response.content.decode()
    )
    response = client.post(consent_url(profile), {"agree": "on"})
    assert response.status_code == 302 and response.url == edit_url(profile)
    row = ChampionConsent.objects.get(profile=profile)
    assert row.recorded_by == editor
    assert row.wording == PAPER_CONSENT_PREFIX + CONSENT_WORDING
    [entry] = entries(profile, CONSENT_GIVEN_ACTION)
    assert entry.user == editor and entry.data["by_champion"] is False
    assert "recorded for the champion" in entry.message


def test_nobody_else_can_record_or_withdraw_consent(client, trainer, practitioner):
    profile = make_champion(consent=False, live=False)
    other = make_champion()
    for user in (other.user, trainer):
        client.force_login(user)
        for url in (consent_url(profile), withdraw_url(other), confirm_url(profile)):
            if user == other.user and url == withdraw_url(other):
                continue
            response = client.get(url)
            assert response.status_code == 302 and response.url == reverse("wagtailadmin_home"), url
        assert client.post(consent_url(profile), {"agree": "on"}).url == reverse("wagtailadmin_home")
    client.force_login(practitioner)
    response = client.post(consent_url(profile), {"agree": "on"})
    assert response.status_code == 302 and "login" in response.url
    client.logout()
    response = client.post(consent_url(profile), {"agree": "on"})
    assert response.status_code == 302 and "login" in response.url
    assert not reload(profile).has_consent and not ChampionConsent.objects.filter(profile=profile).exists()
    assert reload(other).has_consent


def test_a_missing_profile_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get(reverse("champions_admin:consent", args=[999_999])).status_code == 404


# -- withdrawing ----------------------------------------------------------------------------------


def test_withdrawing_unpublishes_the_profile_and_every_story_at_once(live_champion):
    profile, stories = live_champion
    unpublished = withdraw_consent(profile, by=profile.user)

    assert [page.pk for page in unpublished] == [stories[0].pk, stories[1].pk, profile.pk]
    assert not reload(profile).live and not any(reload(s).live for s in stories)
    profile = reload(profile)
    assert not profile.has_consent and profile.consent_withdrawn_at is not None
    row = profile.consents.last()
    assert (row.action, row.wording, row.recorded_by) == (
        ConsentAction.WITHDRAWN,
        WITHDRAWAL_WORDING,
        profile.user,
    )
    [entry] = entries(profile, CONSENT_WITHDRAWN_ACTION)
    assert entry.user == profile.user and entry.data["by_champion"] is True
    assert [page["id"] for page in entry.data["unpublished"]] == [p.pk for p in unpublished]
    for page in unpublished:
        assert entries(page, "wagtail.unpublish")[0].user == profile.user
    # the draft stays a draft, and nothing was deleted
    assert reload(stories[2]).get_latest_revision() is not None


def test_withdrawing_is_all_or_nothing(live_champion, monkeypatch):
    profile, stories = live_champion
    from wagtail.actions.unpublish_page import UnpublishPageAction

    calls = []
    real_execute = UnpublishPageAction.execute

    def failing_execute(self, *args, **kwargs):
        calls.append(self.object.pk)
        if len(calls) == 2:
            raise RuntimeError("search index unavailable")
        return real_execute(self, *args, **kwargs)

    monkeypatch.setattr(UnpublishPageAction, "execute", failing_execute)
    with pytest.raises(RuntimeError):
        withdraw_consent(profile, by=profile.user)
    assert reload(profile).has_consent and reload(profile).live
    assert reload(stories[0]).live and reload(stories[1]).live
    assert not ChampionConsent.objects.filter(profile=profile, action=ConsentAction.WITHDRAWN).exists()
    assert not entries(profile, CONSENT_WITHDRAWN_ACTION)


def test_nothing_is_published_again_until_consent_is_recorded_again(live_champion, editor):
    profile, stories = live_champion
    old_revision = reload(profile).get_latest_revision()
    withdraw_consent(profile, by=profile.user)

    # an old revision cannot bring the consent back
    assert not old_revision.as_object().has_consent
    with pytest.raises(ConsentMissing):
        cleared(profile).publish(user=editor)
    with pytest.raises(ConsentMissing):
        cleared(stories[0]).publish(user=editor)
    assert not reload(profile).live and not reload(stories[0]).live

    record_consent(profile, by=profile.user)
    cleared(profile).publish(user=editor)
    cleared(stories[0]).publish(user=editor)
    assert reload(profile).live and reload(stories[0]).live
    assert not reload(stories[1]).live  # each story comes back only when it is published again


def test_withdrawing_cancels_scheduled_publishing(live_champion, editor):
    profile, stories = live_champion
    draft = reload(stories[2])
    draft.go_live_at = timezone.now() + datetime.timedelta(days=2)
    draft.save_revision(user=editor)
    revision = cleared(draft)
    revision.publish(user=editor)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    withdraw_consent(profile, by=editor)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    row = reload(profile).consents.last()
    assert (row.wording, row.recorded_by) == (EDITOR_WITHDRAWAL_WORDING, editor)


def test_the_champion_withdraws_in_the_admin_after_a_confirmation(client, live_champion):
    profile, stories = live_champion
    client.force_login(profile.user)
    html = client.get(withdraw_url(profile)).content.decode()
    assert "your 2 published stories are taken off the site at once" in html
    assert "Yes, withdraw consent" in html
    assert reload(profile).live  # looking changes nothing

    response = client.post(withdraw_url(profile), follow=True)
    assert "Your consent is withdrawn. Your profile and 2 stories are no longer on the site" in (
        response.content.decode()
    )
    assert not reload(profile).live and not any(reload(s).live for s in stories)

    # there is nothing left to withdraw
    assert "There is no consent to withdraw" in client.get(withdraw_url(profile)).content.decode()
    client.post(withdraw_url(profile))
    assert ChampionConsent.objects.filter(profile=profile, action=ConsentAction.WITHDRAWN).count() == 1


def test_an_editor_withdraws_for_the_champion(client, live_champion, editor):
    profile, _stories = live_champion
    client.force_login(editor)
    assert (
        "Record that Alex Able has withdrawn their consent"
        in client.get(withdraw_url(profile)).content.decode()
    )
    response = client.post(withdraw_url(profile))
    assert response.status_code == 302 and response.url == edit_url(profile)
    assert not reload(profile).live
    assert entries(profile, CONSENT_WITHDRAWN_ACTION)[0].user == editor


def test_another_champion_cannot_withdraw(client, live_champion):
    profile, _stories = live_champion
    other = make_champion()
    client.force_login(other.user)
    response = client.post(withdraw_url(profile))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert reload(profile).live and reload(profile).has_consent


def test_next_only_goes_to_this_site(client, live_champion):
    profile, _stories = live_champion
    client.force_login(profile.user)
    response = client.post(confirm_url(profile), {"next": "https://elsewhere.example/"})
    assert response.url == reverse("champions_admin:mine")
    response = client.post(confirm_url(profile), {"next": edit_url(profile)})
    assert response.url == edit_url(profile)


# -- the yearly confirmation ---------------------------------------------------------------------


def test_confirm_profile_sets_the_next_review_a_year_ahead():
    profile = make_champion(review_due=timezone.localdate() - datetime.timedelta(days=3))
    due = confirm_profile(profile, by=profile.user)
    profile = reload(profile)
    assert due == profile.review_due == timezone.localdate() + datetime.timedelta(days=365)
    assert profile.last_confirmed_at is not None
    [entry] = entries(profile, PROFILE_CONFIRMED_ACTION)
    assert entry.user == profile.user and entry.data["review_due"] == due.isoformat()


def test_the_champion_confirms_in_the_admin_and_only_they_can(client, editor):
    profile = make_champion(review_due=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(editor)
    assert client.get(confirm_url(profile)).url == reverse("wagtailadmin_home")
    client.post(confirm_url(profile))
    assert reload(profile).last_confirmed_at is None

    client.force_login(profile.user)
    html = client.get(reverse("champions_admin:mine")).content.decode()
    assert "overdue since" in html
    html = client.get(confirm_url(profile)).content.decode()
    assert "Confirm my profile is still right" in html and profile.help_with in html
    assert reload(profile).last_confirmed_at is None  # looking changes nothing
    response = client.post(confirm_url(profile), follow=True)
    due = timezone.localdate() + datetime.timedelta(days=365)
    assert f"The next check is due on {due:%-d %B %Y}" in response.content.decode()
    assert reload(profile).review_due == due


def test_the_review_date_is_state_not_content(editor):
    """Publishing a draft saved before the confirmation keeps the new date (and the consent)."""
    profile = make_champion()
    draft = reload(profile)
    draft.help_with = "Sharing with schools."
    draft.save_revision(user=profile.user)
    due = confirm_profile(profile, by=profile.user)
    cleared(profile).publish(user=editor)
    profile = reload(profile)
    assert profile.help_with == "Sharing with schools." and profile.review_due == due and profile.has_consent


# -- where the champion finds all this ------------------------------------------------------------


def test_the_dashboard_and_my_profile_page_show_profile_stories_and_states(client, live_champion):
    profile, stories = live_champion
    stories[2].get_workflow().start(reload(stories[2]), profile.user)
    client.force_login(profile.user)
    for url in (reverse("wagtailadmin_home"), reverse("champions_admin:mine")):
        html = client.get(url).content.decode()
        assert "My champion profile" in html
        assert edit_url(profile) in html and all(edit_url(s) in html for s in stories)
        states = re.findall(r'class="w-status[^"]*">\s*([A-Za-z ]+?)\s*</span>', html)
        assert states.count("Live") == 3 and states.count("In moderation") == 1
        assert withdraw_url(profile) in html and confirm_url(profile) in html
        assert f"next due on {profile.review_due:%-d %B %Y}" in html


def test_no_panel_for_people_without_a_profile(client, trainer, editor):
    make_champion()
    for user in (trainer, editor):
        client.force_login(user)
        assert "My champion profile" not in client.get(reverse("wagtailadmin_home")).content.decode()
        html = client.get(reverse("champions_admin:mine")).content.decode()
        assert "You do not have a champion profile" in html


def links_to(html, url):
    return re.search(rf'href="{re.escape(url)}[?"]', html) is not None


def test_the_profile_edit_page_links_to_consent_and_confirmation(client, editor):
    profile = make_champion(consent=False, live=False)
    client.force_login(profile.user)
    html = client.get(edit_url(profile)).content.decode()
    assert links_to(html, consent_url(profile)) and links_to(html, confirm_url(profile))
    assert "Your profile and stories cannot be published until you give your consent" in html
    assert "Consent to be published:</strong>" in html and "not recorded yet" in html

    record_consent(profile, by=profile.user)
    html = client.get(edit_url(profile)).content.decode()
    assert links_to(html, withdraw_url(profile)) and not links_to(html, consent_url(profile))
    assert "by the champion" in html

    client.force_login(editor)
    html = client.get(edit_url(profile)).content.decode()
    assert links_to(html, withdraw_url(profile)) and not links_to(html, confirm_url(profile))


def test_review_interval_is_a_year():
    assert consent_module.REVIEW_INTERVAL == datetime.timedelta(days=365)


def test_the_history_and_the_explorer_show_consent(client, live_champion, editor):
    profile, _stories = live_champion
    record_consent(profile, by=editor, wording=PAPER_CONSENT_PREFIX + CONSENT_WORDING)
    withdraw_consent(profile, by=editor)
    confirm_profile(profile, by=profile.user)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:history", args=[profile.pk])).content.decode()
    assert "Consent recorded for the champion" in html
    assert "Consent withdrawn: 3 page(s) taken off the site" in html
    assert "The champion confirmed their profile is still right" in html
    html = client.get(reverse("wagtailadmin_explore", args=[profile.pk])).content.decode()
    assert links_to(html, consent_url(profile)) and "Record consent" in html


def test_a_copied_profile_has_no_account_and_no_consent(live_champion, editor):
    profile, _stories = live_champion
    copy = reload(profile).copy(
        to=profile.get_parent(), update_attrs={"slug": "a-copy"}, copy_revisions=False, user=editor
    )
    copy = reload(copy)
    assert copy.user is None and not copy.has_consent and copy.review_due is None and not copy.live
    assert reload(profile).user is not None and reload(profile).has_consent
