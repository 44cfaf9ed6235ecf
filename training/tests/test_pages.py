"""The scenario page: what it shows, in what order; decision-point timestamps; site search."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from media.models import TranscodeStatus

from .factories import decision_point, edit_post_data, edit_url, make_scenario, make_video, reload

pytestmark = pytest.mark.django_db


def templates_used(response):
    return [template.name for template in response.templates]


def test_anonymous_visitor_sees_the_scenario_in_order_with_the_player(client):
    related = make_scenario("A related live page")
    hidden = make_scenario("A related draft page", state="draft")
    page = make_scenario(
        "Missed appointments",
        agencies=["education", "health"],
        objectives=["Recognise that missed appointments are about the child."],
        content_note="Mentions a child whose needs may be neglected.",
        decision_points=[decision_point("0:10")],
        related=[related, hidden],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "training/includes/player.html" in templates_used(response)
    html = response.content.decode()
    main = html[html.index('id="main-content"') :]
    order = [
        "<h1",
        "Missed appointments",
        escape(page.summary),
        "Agencies shown",
        "Recognise that missed appointments are about the child.",
        "Content note: Mentions a child whose needs may be neglected.",
        'id="scenario-player"',
        'id="transcript"',
        'id="text-version-link"',
        'id="reflection"',
    ]
    positions = [main.index(marker) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert "Education" in html and "Health" in html
    assert 'class="govuk-warning-text" id="content-note"' in html
    # The transcript is built from the captions: three speakers, three paragraphs.
    assert "<strong>Safeguarding lead:</strong> The school nurse says two appointments were missed." in html
    assert f'href="{page.url}text/"' in html
    assert "A related live page" in html and "A related draft page" not in html
    player = response.context["scenario_player"]
    assert player["video"] == page.video and len(player["decision_points"]) == 1


def test_no_content_note_no_warning(client):
    html = client.get(make_scenario().url).content.decode()
    assert "Content note" not in html and 'id="content-note"' not in html


def test_a_video_that_is_not_ready_gets_a_message_instead_of_the_player(client):
    page = make_scenario("Being re-made")
    page.video.status = TranscodeStatus.PROCESSING
    page.video.save()
    response = client.get(page.url)
    html = response.content.decode()
    assert "This video is still being prepared" in html
    assert "training/includes/player.html" not in templates_used(response)
    assert 'id="scenario-video"' not in html
    assert 'id="text-version-link"' in html  # the text version is there for everyone


def test_a_draft_previews_with_the_message_while_its_video_is_prepared():
    page = make_scenario("Draft", state="draft", video=make_video(status=TranscodeStatus.PROCESSING))
    response = page.get_latest_revision().as_object().make_preview_request()
    assert response.status_code == 200
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "This video is still being prepared" in html


def test_duration_is_copied_from_the_video_on_save():
    page = make_scenario(video=make_video(duration=185.4))
    assert reload(page).duration_seconds == 185
    assert page.duration_label == "3:05" and page.duration_iso == "PT3M5S"
    page.video = make_video(duration=61)
    page.save()
    assert reload(page).duration_seconds == 61


# -- decision-point timestamps ------------------------------------------------------------


def clean_errors(page, timestamps):
    """Messages and offending block positions after validating these timestamps."""
    page.decision_points = [decision_point(t) for t in timestamps]
    try:
        page.full_clean()
    except ValidationError as error:
        stream_error = error.error_dict["decision_points"][0]
        return [str(m) for m in stream_error.non_block_errors], sorted(stream_error.block_errors)
    return [], []


@pytest.mark.parametrize(
    "timestamps,expected,positions",
    [
        (["0:10", "0:20", "0:58"], None, []),
        (["1:05"], "Decision point 1 (1:05) is after the end of the video, which is 1:00 long", [0]),
        (["0:10", "0:59"], "Decision point 2 (0:59) is in the last 2 seconds of the video", [1]),
        (["0:00"], "Decision point 1 (0:00) is at the very start", [0]),
        (["0:30", "0:20"], "Decision point 2 (0:20) must come after decision point 1 (0:30)", [1]),
        (["0:20", "0:20"], "Decision point 2 (0:20) must come after decision point 1 (0:20)", [1]),
        (
            ["0:10", "0:14"],
            "Decision point 2 (0:14) is less than 5 seconds after decision point 1 (0:10)",
            [1],
        ),
        (["0:10", "0:15"], None, []),
    ],
)
def test_timestamps_are_checked_against_the_video(timestamps, expected, positions):
    page = make_scenario(state="draft", video=make_video(duration=60.0))
    messages, blocks = clean_errors(page, timestamps)
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1 and messages[0].startswith(expected), messages
    assert blocks == positions


def test_every_misplaced_point_is_named_and_order_checks_run_without_a_known_duration():
    page = make_scenario(state="draft", video=make_video(duration=60.0))
    messages, blocks = clean_errors(page, ["0:10", "0:12", "2:00"])
    assert [m.split(" is ")[0] for m in messages] == ["Decision point 2 (0:12)", "Decision point 3 (2:00)"]
    assert blocks == [1, 2]
    page.video = make_video(duration=0)
    messages, _ = clean_errors(page, ["0:10", "2:00"])  # no duration: anything after 0:10 is fine
    assert messages == []
    messages, _ = clean_errors(page, ["0:10", "0:05"])
    assert "must come after decision point 1" in messages[0]


def test_the_admin_shows_the_timestamp_error_at_the_point(client, superuser):
    page = make_scenario(
        state="draft", video=make_video(duration=60.0), decision_points=[decision_point("0:10")]
    )
    client.force_login(superuser)
    response = client.post(edit_url(page), edit_post_data(page, decision_points=[decision_point("1:30")]))
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "Decision point 1 (1:30) is after the end of the video" in html
    assert reload(page).get_latest_revision().as_object().decision_points[0].value["timestamp"] == "0:10"


# -- site search ----------------------------------------------------------------------------


def test_scenarios_are_registered_for_site_search_and_found():
    from search.registry import registry
    from training.models import ScenarioPage

    [search_type] = [t for t in registry.types() if t.model is ScenarioPage]
    assert (search_type.slug, search_type.label) == ("scenario", "Video scenario")
    assert set(search_type.facets) == {"agency", "theme"}


def test_search_finds_a_published_scenario_by_its_summary_and_its_transcript(client):
    page = make_scenario(
        "Dental pathway scenario",
        state="published",
        summary="A dental practice notices a pattern of missed check-ups.",
        agencies=["health"],
        themes=["consent"],
    )
    for query in ("dental practice", "hungry"):  # "hungry" is only in the captions
        response = client.get("/search/", {"q": query, "type": "scenario"})
        html = response.content.decode()
        assert f'href="{page.url}"' in html, query  # the title itself has the words <mark>ed
        assert "Video scenario ·" in html
    response = client.get("/search/", {"q": "dental", "agency": "police"})
    assert f'href="{page.url}"' not in response.content.decode()
