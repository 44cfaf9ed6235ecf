"""The text version of a scenario (/scenarios/<slug>/text/): the transcript with each decision
point where the video stops for it, for anyone who cannot or would rather not watch."""

import re

import pytest

from .factories import decision_point, make_scenario

pytestmark = pytest.mark.django_db

# The factory's captions give three paragraphs, starting at 0:01 (Narrator), 0:12
# (Safeguarding lead) and 0:40 (GP).
NARRATOR = "Child A is in Year 3 and often arrives hungry. Their attendance has slipped this term."
LEAD = "The school nurse says two appointments were missed."
GP = "We can share what is relevant to keep the child safe."


@pytest.fixture
def page():
    return make_scenario(
        "Missed appointments",
        objectives=["Recognise that missed appointments are about the child."],
        questions=["What would you do first on Monday?", "Who else might hold part of the picture?"],
        content_note="Mentions neglect.",
        decision_points=[
            decision_point(
                "0:12",  # exactly when the lead starts speaking: before that paragraph
                question="Should the school call the GP?",
                options=[
                    ("Call the GP practice", "Proportionate: say why."),
                    ("Do nothing", "Worries add up."),
                ],
            ),
            decision_point(
                "0:30",
                question="What would you share, and with whom?",
                context="The GP asks what the school has noticed.",
                options=[("The attendance pattern", "Relevant and necessary."), ("Everything", "Too much.")],
            ),
            decision_point("1:30", question="What happens next?"),  # after the last paragraph
        ],
    )


def test_the_transcript_has_each_decision_point_where_the_video_stops(client, page):
    response = client.get(page.url + "text/")
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        "<h1",
        NARRATOR,
        "Decision point 1: Should the school call the GP?",
        LEAD,
        "Decision point 2: What would you share, and with whom?",
        "The GP asks what the school has noticed.",
        GP,
        "Decision point 3: What happens next?",
        "Questions to reflect on",
    ]
    main = html[html.index('id="main-content"') :]
    positions = [main.index(marker) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))


def test_options_with_their_commentary_behind_a_disclosure(client, page):
    html = client.get(page.url + "text/").content.decode()
    section = html[html.index('id="decision-2"') : html.index('id="decision-3"')]
    assert "The attendance pattern" in section and "Everything" in section
    details = re.findall(r'<details class="govuk-details[^"]*">(.*?)</details>', section, re.S)
    assert len(details) == 2
    assert "Commentary on option 1" in details[0] and "Relevant and necessary." in details[0]
    assert "Too much." in details[1]
    assert '<time datetime="PT30S">0:30</time>' in section


def test_headings_objectives_questions_and_links(client, page):
    html = client.get(page.url + "text/").content.decode()
    headings = re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", html[html.index('id="main-content"') :], re.S)
    levels = [(int(level), re.sub(r"<[^>]+>", "", text).strip()) for level, text in headings]
    assert levels[0] == (1, "Missed appointments")
    assert (2, "What you will learn") in levels and (2, "What happens") in levels
    assert (3, "Decision point 1: Should the school call the GP?") in levels
    assert levels.index((2, "What happens")) < levels.index(
        (3, "Decision point 1: Should the school call the GP?")
    )
    assert "Recognise that missed appointments are about the child." in html
    assert "Content note: Mentions neglect." in html
    assert "<li>Who else might hold part of the picture?</li>" in html
    assert f'href="{page.url}#reflection">Answer them on the scenario page</a>' in html
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert "scenario-player.js" not in html  # nothing here needs JavaScript


def test_without_captions_the_decision_points_are_still_there(client, page):
    page.video.tracks.all().delete()
    html = client.get(page.url + "text/").content.decode()
    assert "The transcript is not available yet." in html
    assert "Decision point 2: What would you share, and with whom?" in html


def test_the_text_version_of_a_draft_is_not_served(client):
    draft = make_scenario(state="draft")
    assert client.get(f"/scenarios/{draft.slug}/text/").status_code == 404
