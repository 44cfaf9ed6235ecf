"""A practitioner watches a real transcoded scenario in Chromium: a decision point with the
keyboard, its commentary, the end of the video, a reflection, and the learning record."""

import subprocess

import pytest
from playwright.sync_api import expect

from cms.learning_record.models import LearningEvent, Verb
from conftest import PASSWORD, make_user
from media.pipeline import create_video
from tests.browser.conftest import serious_violations
from training.tests.factories import decision_point, make_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTIONS = b"""WEBVTT

00:00:00.500 --> 00:00:02.500
<v Narrator>The school's safeguarding lead notices a pattern.

00:00:03.500 --> 00:00:07.500
<v Narrator>She decides what to share, and with whom.
"""


@pytest.fixture
def scenario(baseline_data, no_search_index_updates, tmp_path):
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=8",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=8", "-shortest",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", str(clip)],
        check=True,
    )  # fmt: skip
    video = create_video(
        clip, title="Browser test clip", captions=[(CAPTIONS, "en", "English")], transcode_now=True
    )
    assert video.is_ready, video.failure_reason
    return make_scenario(
        "Small worries add up",
        video=video,
        decision_points=[decision_point("0:03")],
        questions=("What would you do first on Monday?",),
    )


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_watch_decide_with_the_keyboard_finish_and_reflect(page, scenario):
    person = make_user("watcher@example.org", "Practitioner", display_name="Wren")
    sign_in(page, person.email)
    page.goto(scenario.url)
    video = page.locator("#scenario-video")
    expect(video.locator("track[kind=captions]")).to_have_count(1)
    # Without a real user's click, a muted video may play; playback speed keeps the test short.
    video.evaluate("v => { v.muted = true; v.playbackRate = 2; return v.play(); }")

    panel = page.locator("#decision-panel")
    expect(panel).to_be_visible(timeout=15_000)
    assert video.evaluate("v => v.paused")
    expect(page.locator("#decision-panel-heading")).to_be_focused()
    expect(page.locator("#scenario-live")).to_contain_text("decision point")

    page.keyboard.press("Tab")  # the first option
    page.keyboard.press("Space")
    expect(page.locator("#decision-panel-options input").first).to_be_checked()
    page.locator("#decision-panel-submit").focus()
    page.keyboard.press("Enter")
    commentary = page.locator("#decision-panel-commentary")
    expect(commentary).to_be_visible()
    expect(commentary).to_contain_text("Relevant and proportionate")

    page.locator("#decision-panel-continue").focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(video).to_have_js_property("ended", True, timeout=20_000)

    page.locator("#reflection-form textarea").first.fill("Ask the GP practice what they have seen.")
    page.locator("#reflection-submit").click()
    expect(page.locator("#your-reflections")).to_be_visible()
    expect(page.get_by_text("Ask the GP practice what they have seen.")).to_be_visible()

    page.goto(scenario.url)
    expect(page.locator("#scenario-progress-watched")).to_have_text("Watched to the end")
    expect(page.locator("#scenario-progress-reflected")).to_have_text("Reflection given")
    verbs = set(
        LearningEvent.objects.filter(user=person, object_id=scenario.pk).values_list("verb", flat=True)
    )
    assert {Verb.ANSWERED_DECISION_POINT, Verb.WATCHED_TO_END, Verb.REFLECTED} <= verbs


def test_scenario_pages_have_no_serious_axe_violations(page, axe, scenario):
    page.goto("/scenarios/")
    assert serious_violations(axe, page) == []
    page.goto(scenario.url)
    assert serious_violations(axe, page) == []
    page.goto(scenario.url + "text/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Small worries add up")
    assert serious_violations(axe, page) == []


def test_scenario_page_works_on_a_phone(phone_page, axe, scenario):
    phone_page.goto(scenario.url)
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(phone_page.get_by_role("link", name="Sign in to record your progress")).to_be_visible()
    assert serious_violations(axe, phone_page) == []
