"""The player include: a native video with its sources, captions and descriptions, the
decision panel and live region the script uses, the no-JavaScript decision forms, the
sign-in invitation, progress and the reflection form; no inline script or style."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from cms.learning_record.api import record_event
from cms.learning_record.models import Verb
from training.forms import REAL_CASE_WARNING
from training.models import Reflection, WatchProgress
from training.progress import scenario_context

from .interaction_factories import POINTS, QUESTIONS, make_scenario, make_video

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_search_index_updates")]

PANEL_HOOKS = [
    "decision-panel",
    "decision-panel-heading",
    "decision-panel-question",
    "decision-panel-options",
    "decision-panel-submit",
    "decision-panel-commentary",
    "decision-panel-continue",
    "scenario-live",
]


def render(page, user=None, query=None, **extra):
    request = RequestFactory().get(page.url, query or {})
    request.user = user or AnonymousUser()
    request.session = SessionBase()
    context = {"page": page, "request": request, **scenario_context(page, request), **extra}
    return BeautifulSoup(
        render_to_string("training/includes/player.html", context, request=request), "html.parser"
    )


def test_a_native_video_with_sources_poster_and_tracks():
    page = make_scenario()
    html = render(page)
    video = html.find("video", id="scenario-video")
    assert video.has_attr("controls") and video.has_attr("playsinline")
    assert video["preload"] == "metadata"
    assert video["poster"] == page.video.poster_url
    sources = [(source["src"], source.get("media")) for source in video.find_all("source")]
    # Versioned URLs (?v=...), so browsers may keep them (media/serving.py).
    by_height = {source["height"]: source["src"] for source in page.video.web_sources}
    small, large = by_height[360], by_height[720]
    assert small.startswith(reverse("video_media:rendition", args=[page.video.pk, "360"]) + "?v=")
    assert sources == [(small, "(max-width: 40.0625em)"), (large, None), (small, None)]
    tracks = [(t["kind"], t["srclang"], t["label"], t.has_attr("default")) for t in video.find_all("track")]
    assert tracks == [
        ("captions", "en", "English", True),
        ("descriptions", "en", "English audio description", False),
    ]
    assert all(".vtt?v=" in track["src"] for track in video.find_all("track"))


def test_the_panel_and_live_region_are_in_the_page_for_the_script():
    html = render(make_scenario())
    for hook in PANEL_HOOKS:
        assert html.find(id=hook) is not None, hook
    assert html.find(id="decision-panel").has_attr("hidden")
    assert html.find(id="decision-panel-heading")["tabindex"] == "-1"
    assert html.find(id="decision-panel-commentary-heading")["tabindex"] == "-1"
    live = html.find(id="scenario-live")
    assert live["aria-live"] == "polite" and live["aria-atomic"] == "true"
    assert html.find(id="decision-panel-continue").get_text(strip=True) == "Continue the video"
    assert html.find(id="decision-panel-form").find("input", {"name": "csrfmiddlewaretoken"})


def test_the_script_is_a_module_and_its_data_is_json():
    page = make_scenario()
    html = render(page)
    scripts = html.find_all("script")
    assert [script.get("type") for script in scripts] == ["application/json", "module"]
    assert scripts[1]["src"].endswith("js/scenario-player.js")
    data = json.loads(html.find(id="scenario-player-data").string)
    assert data["signedIn"] is False
    assert data["duration"] == 100.0
    assert data["total"] == 2
    assert data["watchUrl"] == reverse("training:watch", args=[page.pk])
    assert [(p["index"], p["number"], p["seconds"]) for p in data["points"]] == [(0, 1, 20), (1, 2, 60)]
    assert data["points"][0]["answerUrl"] == reverse("training:answer", args=[page.pk, 0])
    assert data["points"][0]["options"][1] == {
        "index": 1,
        "label": POINTS[0]["options"][1]["label"],
        "commentary": POINTS[0]["options"][1]["commentary"],
    }


def test_nothing_inline_for_the_content_security_policy(practitioner):
    for html in (render(make_scenario()), render(make_scenario(), practitioner)):
        assert not html.find_all(style=True)
        assert not [tag for tag in html.find_all(True) if any(attr.startswith("on") for attr in tag.attrs)]
        assert all(s.get("src") or s.get("type") == "application/json" for s in html.find_all("script"))


def test_without_javascript_each_point_is_a_form_below_the_video():
    page = make_scenario()
    html = render(page)
    section = html.find(id="decision-points")
    forms = section.find_all("form")
    assert [form["action"] for form in forms] == [
        reverse("training:answer", args=[page.pk, 0]),
        reverse("training:answer", args=[page.pk, 1]),
    ]
    first = html.find(id="decision-1")
    assert first.find("legend").get_text(strip=True) == POINTS[0]["question"]
    radios = first.find_all("input", {"type": "radio"})
    assert [(r["name"], r["value"]) for r in radios] == [("option", "0"), ("option", "1"), ("option", "2")]
    labels = [first.find("label", {"for": r["id"]}).get_text(strip=True) for r in radios]
    assert labels == [option["label"] for option in POINTS[0]["options"]]
    assert first.find("input", {"name": "csrfmiddlewaretoken"})
    assert "at 0:20" in first.get_text(" ", strip=True)
    assert html.find(id="decision-1-commentary") is None


def test_the_chosen_commentary_shows_after_the_no_javascript_form():
    page = make_scenario()
    html = render(page, query={"decision": "0", "option": "1"})
    commentary = html.find(id="decision-1-commentary")
    assert "Tell the health visitor" in commentary.get_text()
    assert POINTS[0]["options"][1]["commentary"] in commentary.get_text()
    assert html.find(id="decision-1-option-1").has_attr("checked")
    assert html.find(id="decision-2-commentary") is None


def test_a_missing_choice_is_shown_as_an_error_on_its_point():
    html = render(make_scenario(), query={"decision": "1", "error": "choose"})
    error = html.find(id="decision-2-error")
    assert "Select what you would do." in error.get_text()
    assert "govuk-form-group--error" in error.find_parent("div", class_="govuk-form-group")["class"]
    assert html.find(id="decision-1-error") is None


def test_anonymous_visitors_are_invited_to_sign_in():
    page = make_scenario()
    html = render(page)
    link = html.find(id="scenario-sign-in").find("a")
    assert link.get_text(strip=True) == "Sign in to record your progress"
    assert link["href"].startswith(reverse("account_login") + "?next=")
    assert html.find(id="scenario-progress") is None
    reflection = html.find(id="reflection")
    assert reflection.find("textarea") is None
    assert [li.get_text(strip=True) for li in reflection.find_all("li")] == QUESTIONS
    assert reflection.find(id="reflection-sign-in")["href"] == link["href"]


def test_signed_in_people_see_progress_reflection_form_and_their_reflections(practitioner):
    page = make_scenario()
    WatchProgress.objects.create(user=practitioner, page=page, ranges=[[0, 45]])
    record_event(practitioner, Verb.ANSWERED_DECISION_POINT, page, data={"point": 0, "option": 2})
    mine = Reflection.objects.create(
        user=practitioner, page=page, question=QUESTIONS[0], answer="Ask <b>sooner</b>."
    )
    record_event(practitioner, Verb.REFLECTED, page)
    html = render(page, practitioner)
    assert html.find(id="scenario-sign-in") is None
    assert html.find(id="scenario-progress-percent").get_text() == "45"
    assert (
        html.find(id="scenario-progress-answered").get_text(strip=True) == "Decision points answered: 1 of 2"
    )
    assert html.find(id="scenario-progress-reflected").get_text(strip=True) == "Reflection given"
    assert "Ring the police" in html.find(id="decision-1-commentary").get_text()
    form = html.find(id="reflection-form")
    assert form["action"] == reverse("training:reflections", args=[page.pk])
    assert form["method"] == "post"
    assert [t["name"] for t in form.find_all("textarea")] == ["answer_0", "answer_1"]
    assert all(t["aria-describedby"] == "reflection-warning" for t in form.find_all("textarea"))
    assert REAL_CASE_WARNING in html.find(id="reflection-warning").get_text(" ", strip=True)
    row = html.find(id=f"reflection-{mine.pk}")
    assert "Ask <b>sooner</b>." in row.get_text()  # escaped, shown as typed
    assert row.find("b") is None
    assert row.find("a")["href"] == reverse("training:delete_reflection", args=[mine.pk])
    data = json.loads(html.find(id="scenario-player-data").string)
    assert data["signedIn"] is True


def test_the_reflection_form_can_be_placed_by_the_page():
    html = render(make_scenario(), without_reflection=True)
    assert html.find(id="reflection") is None


def test_text_from_editors_is_escaped_everywhere():
    nasty = dict(POINTS[0], question="Share </script><script>alert(1)</script>?")
    html = render(make_scenario(points=[nasty]))
    assert not [
        s
        for s in html.find_all("script")
        if "alert" in (s.string or "") and s.get("type") != "application/json"
    ]
    data = json.loads(html.find(id="scenario-player-data").string)
    assert data["points"][0]["question"] == nasty["question"]
    assert html.find(id="decision-1").find("legend").get_text() == nasty["question"]


def test_a_video_that_is_not_ready_shows_a_message_and_no_player():
    page = make_scenario(publish=False, video=make_video(status="processing"))
    html = render(page, text_version_url="/scenarios/x/text/")
    assert html.find("video") is None
    assert html.find(id="scenario-player-data") is None
    unavailable = html.find(id="scenario-video-unavailable")
    assert "not available to watch yet" in unavailable.get_text()
    assert unavailable.find("a")["href"] == "/scenarios/x/text/"
    # The questions are still there to read and answer.
    assert html.find(id="decision-1") is not None
