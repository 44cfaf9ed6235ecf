"""Issue 14 end to end in Chromium: a practitioner completes a programme (a scenario watched
and reflected on, a case study marked as read, a session booked and marked attended by its
trainer on the register), downloads the certificate, and anyone can verify its code; the
trainer sees the learning dashboard. axe on My learning and the dashboard."""

import io
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from case_studies.tests.factories import make_case_study
from media.pipeline import create_video
from tests.browser.conftest import serious_violations
from tests.browser.signing_in import sign_in
from training.models import Certificate, Session
from training.tests.completion_factories import make_programme_with_modules
from training.tests.factories import decision_point, make_scenario
from training.tests.session_factories import make_person, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTIONS = b"""WEBVTT

00:00:00.500 --> 00:00:02.500
<v Narrator>The school nurse notices a pattern.

00:00:03.500 --> 00:00:05.500
<v Narrator>She decides what to share, and with whom.
"""


@pytest.fixture
def programme(baseline_data, no_search_index_updates, tmp_path):
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25:duration=6",
         "-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-shortest",
         "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", str(clip)],
        check=True,
    )  # fmt: skip
    video = create_video(
        clip, title="Induction clip", captions=[(CAPTIONS, "en", "English")], transcode_now=True
    )
    assert video.is_ready, video.failure_reason
    scenario = make_scenario(
        "Missed health appointments",
        video=video,
        decision_points=[decision_point("0:03")],
        questions=("What would you do first on Monday?",),
    )
    story = make_case_study("The school nurse and the GP", state="published", agencies=("health",))
    programme = make_programme_with_modules(
        "Leeds joint induction", scenarios=[scenario], case_studies=[story], shadowing=False
    )
    trainer = make_person("childrens-social-care", role="Trainer", display_name="Tamsin Trainer")
    session = make_session(programme, title="Leeds co-located day", created_by=trainer)
    return {
        "programme": programme,
        "scenario": scenario,
        "story": story,
        "session": session,
        "trainer": trainer,
    }


def watch_and_reflect(page, scenario):
    page.goto(scenario.url)
    video = page.locator("#scenario-video")
    video.evaluate("v => { v.muted = true; v.playbackRate = 2; return v.play(); }")
    expect(page.locator("#decision-panel")).to_be_visible(timeout=15_000)
    page.locator("#decision-panel-options input").first.check()
    page.locator("#decision-panel-submit").click()
    page.locator("#decision-panel-continue").click()
    expect(video).to_have_js_property("ended", True, timeout=20_000)
    page.locator("#reflection-form textarea").first.fill("Ask the GP practice what they have seen.")
    page.locator("#reflection-submit").click()
    expect(page.locator("#your-reflections")).to_be_visible()


def the_session_starts(session):
    """The day of the session: it began half an hour ago (bookings are made beforehand)."""
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(hours=2),
        booking_opens_at=now - timedelta(days=10),
        booking_closes_at=now - timedelta(days=1),
        cancellation_cutoff_at=now - timedelta(days=3),
    )


def test_a_practitioner_completes_a_programme_and_verifies_the_certificate(page, live_server, axe, programme):
    person = make_person("health", display_name="Robin Health")
    sign_in(page, live_server, person)

    page.goto(programme["programme"].url)
    page.get_by_role("button", name="Start this programme").click()
    expect(page.locator(".govuk-notification-banner")).to_be_visible()

    watch_and_reflect(page, programme["scenario"])

    page.goto(programme["story"].url)
    page.get_by_role("button", name="Mark as read").click()
    expect(page.get_by_text("You marked this as read")).to_be_visible()

    page.goto(programme["session"].get_absolute_url())
    page.get_by_role("button", name="Book a place").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("place")

    page.goto("/my-learning/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("2 of 3")
    assert serious_violations(axe, page) == []

    # The day of the session: its trainer marks the register.
    the_session_starts(programme["session"])
    sign_in(page, live_server, programme["trainer"])
    page.goto(reverse("training_sessions:register", args=[programme["session"].pk]))
    page.get_by_role("group", name="Robin Health").get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Save register").click()
    expect(page.locator("#register-counts")).to_contain_text("1 attended")

    # The trainer sees the dashboard (figures for so few people are suppressed).
    page.goto(reverse("learning_dashboard"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(axe, page) == []

    # The practitioner's programme is complete, with a certificate to download.
    sign_in(page, live_server, person)
    page.goto("/my-learning/")
    assert serious_violations(axe, page) == []
    certificate = Certificate.objects.get(user=person)
    with page.expect_download() as download:
        page.locator(f"a[href='{reverse('my_learning:certificate_pdf', args=[certificate.code])}']").click()
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages
    )
    for expected in ("Robin Health", "Leeds joint induction", "Missed health appointments",
                     "The school nurse and the GP", certificate.display_code):  # fmt: skip
        assert expected in text, expected

    # Anyone can check the code, and learns nothing else.
    page.context.clear_cookies()
    page.goto("/certificates/verify/")
    page.get_by_label("Verification code").fill(certificate.display_code.lower())
    page.get_by_role("button", name="Check certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This is a genuine certificate")
    expect(page.locator("main")).not_to_contain_text("Robin")
