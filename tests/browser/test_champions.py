"""Champions in Chromium: a champion drafts a story in the admin and submits it for review,
an editor approves it (attesting the anonymisation check), and it appears on the profile;
the directory, profile and story pages have no serious accessibility violations."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from champions.models import ChampionStoryPage
from champions.tests.factories import make_champion, make_story
from cms.users import roles
from tests.browser.conftest import serious_violations
from tests.browser.signing_in import sign_in
from training.tests.session_factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY_TITLE = "Asking the school nurse before the holidays"


def test_a_champion_drafts_and_submits_a_story_and_an_editor_approves_it(page, live_server, axe):
    profile = make_champion("Jo Marsden", agency="health", area="sheffield")
    editor = make_person("childrens-social-care", role=roles.EDITOR, display_name="Priya")
    assert Group.objects.get(name=roles.EDITOR) in editor.groups.all()

    sign_in(page, live_server, profile.user)
    page.goto(f"/admin/pages/add/champions/championstorypage/{profile.pk}/")
    page.locator("#id_title").fill(STORY_TITLE)
    page.locator("#id_summary").fill("A teacher and the school nurse compared small worries and acted early.")
    page.locator(".Draftail-Editor .public-DraftEditor-content").first.click()
    page.keyboard.type("We met before the holidays, listened to each other and shared only what was needed.")
    page.locator("#id_area-chooser [data-chooser-action-choose]").last.click()
    chooser = page.locator(".modal-content")
    chooser.get_by_label("Search term").fill("Sheff")
    chooser.get_by_role("link", name="Sheffield", exact=True).click()
    expect(page.locator("#id_area")).not_to_have_value("")
    page.locator("#id_agencies").get_by_label("Health").check()
    page.locator("#id_stage-chooser [data-chooser-action-choose]").last.click()
    page.locator(".modal-content").get_by_role("link", name="Referral").click()
    expect(page.locator("#id_stage")).not_to_have_value("")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Submit to Champion review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    story = ChampionStoryPage.objects.get(title=STORY_TITLE)
    assert not story.live
    assert story.get_latest_revision() is not None

    sign_in(page, live_server, editor)
    page.goto(f"/admin/pages/{story.pk}/edit/")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Approve (anonymisation attested)").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("checkbox").first.check()
    modal.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    story.refresh_from_db()
    assert story.live

    page.goto(profile.url)
    expect(page.get_by_role("link", name=STORY_TITLE)).to_be_visible()
    assert serious_violations(axe, page) == []


def test_directory_profile_and_story_pages_have_no_serious_violations(page, axe):
    profile = make_champion("Sam Okafor", agency="police", area="leeds")
    make_champion("Rosa Bell", agency="early-help", area="bristol", first_name_only=True)
    story = make_story(profile, "Police and school agree what to share")

    page.goto("/champions/")
    expect(page.get_by_role("link", name="Sam Okafor")).to_be_visible()
    expect(page.get_by_text("Rosa", exact=True)).to_be_visible()
    assert serious_violations(axe, page) == []
    page.goto(profile.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Okafor")
    assert serious_violations(axe, page) == []
    page.goto(story.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Police and school agree what to share")
    assert serious_violations(axe, page) == []
