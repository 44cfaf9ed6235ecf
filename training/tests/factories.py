"""Video scenario pages, and the videos they play, for training's tests.

Videos are ``media.Video`` rows with a few bytes of fake file content and a status set
directly (no ffmpeg): the scenario pages only read the status, duration, poster and
caption tracks. A caption track is a small, valid WebVTT file.

A scenario can be made in three states, like case studies:

* ``"live"`` (default): inserted live with the anonymisation guard suspended for that
  insert only (the captions rule still applies, so its video must be ready and captioned);
* ``"published"``: published as the site publishes, through the anonymisation check's
  ``clear_and_publish``;
* ``"draft"``: one saved revision, never published.
"""

import itertools

from django.core.files.base import ContentFile
from django.utils.text import slugify

from cms.anonymisation.publishing import clear_and_publish
from cms.anonymisation.testing import publish_guard_suspended
from cms.taxonomy.models import Agency, Area, ConcernType, JourneyStage, Theme
from media.models import CaptionTrack, TranscodeStatus, Video
from training.models import RelatedCaseStudy, ScenarioPage
from training.setup import ensure_index_page

_counter = itertools.count(1)

STATES = ("live", "published", "draft")
SUMMARY = "A school's safeguarding lead and a GP practice compare small worries about Child A."

# Three speakers: the transcript has three paragraphs, starting at 0:01, 0:12 and 0:40.
VTT = """WEBVTT

00:00:01.000 --> 00:00:05.000
<v Narrator>Child A is in Year 3 and often arrives hungry.

00:00:05.500 --> 00:00:09.000
<v Narrator>Their attendance has slipped this term.

00:00:12.000 --> 00:00:16.000
<v Safeguarding lead>The school nurse says two appointments were missed.

00:00:40.000 --> 00:00:44.000
<v GP>We can share what is relevant to keep the child safe.
"""


def make_video(
    title="Scenario video",
    *,
    duration=200.0,
    status=TranscodeStatus.READY,
    captions="en",
    kind="captions",
    vtt=VTT,
    poster=True,
    width=1280,
    height=720,
):
    """A Video row with fake file contents; with a captions track in ``captions`` (a
    language) unless that is None."""
    number = next(_counter)
    video = Video(
        title=title,
        type="video",
        duration=duration,
        width=width,
        height=height,
        status=status,
    )
    video.file.save(f"clip-{number}.mp4", ContentFile(b"not really a video"), save=False)
    if poster:
        video.thumbnail.save(f"poster-{number}.jpg", ContentFile(b"not really a jpeg"), save=False)
    if status == TranscodeStatus.READY:
        video.mp4_720.save(f"clip-{number}-720.mp4", ContentFile(b"720"), save=False)
    video.save()
    if captions:
        add_track(video, captions, kind=kind, vtt=vtt)
    return video


def add_track(video, language="en", *, kind="captions", vtt=VTT):
    track = CaptionTrack(video=video, kind=kind, language=language, label=f"{language} {kind}")
    track.file.save(f"track-{video.pk}-{kind}-{language}.vtt", ContentFile(vtt.encode()), save=False)
    track.save()
    return track


def decision_point(timestamp, question="What would you share, and with whom?", options=None, context=""):
    options = options or [
        ("Share the attendance pattern with the GP", "Relevant and proportionate: say why, and record it."),
        ("Wait and see", "Small worries add up: waiting leaves each professional with a piece."),
    ]
    return (
        "decision_point",
        {
            "timestamp": timestamp,
            "question": question,
            "context": context,
            "options": [{"label": label, "commentary": commentary} for label, commentary in options],
        },
    )


def make_scenario(
    title=None,
    *,
    state="live",
    video="make",
    summary=SUMMARY,
    area="national",
    stage="early-help",
    agencies=("education",),
    concerns=(),
    themes=(),
    decision_points=(),
    objectives=("Recognise when small worries add up.",),
    questions=("What would you do first on Monday?",),
    content_note="",
    related=(),
    parent=None,
    **fields,
):
    """A ScenarioPage in ``state`` (see the module docstring), taxonomy given by slug. With
    ``video="make"`` it plays a new ready, captioned 200-second video."""
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}")
    number = next(_counter)
    title = title or f"Scenario {number}"
    if video == "make":
        video = make_video(f"{title} video")
    page = ScenarioPage(
        title=title,
        slug=fields.pop("slug", f"{slugify(title)[:40]}-{number}"),
        summary=summary,
        video=video,
        area=Area.objects.get(slug=area),
        stage=JourneyStage.objects.get(slug=stage),
        content_note=content_note,
        live=state == "live",
        **fields,
    )
    page.decision_points = list(decision_points)
    page.learning_objectives = [("objective", text) for text in objectives]
    page.reflective_questions = [("question", text) for text in questions]
    page.agencies = list(Agency.objects.filter(slug__in=agencies))
    page.concern_types = list(ConcernType.objects.filter(slug__in=concerns))
    page.themes.set(list(Theme.objects.filter(slug__in=themes)))
    page.related_case_studies = [RelatedCaseStudy(case_study=other) for other in related]
    parent = parent or ensure_index_page()
    if state == "live":
        with publish_guard_suspended(ScenarioPage):
            parent.add_child(instance=page)
    else:
        parent.add_child(instance=page)
        if state == "published":
            findings = clear_and_publish(page, attest_by_system=True)
            assert not findings, f"test scenario failed the anonymisation check: {findings}"
            page.refresh_from_db()
        else:
            page.save_revision()
    return page


def reload(page):
    return ScenarioPage.objects.get(pk=page.pk)


# -- the admin's edit form ------------------------------------------------------------


def _list_block(items):
    return {
        "count": str(len(items)),
        **{str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)},
    }


def _decision_form_value(value):
    return {
        "timestamp": value["timestamp"],
        "question": value["question"],
        "context": value.get("context", ""),
        "options": _list_block([dict(option) for option in value["options"]]),
    }


def edit_post_data(page, decision_points=None, **extra):
    """POST data for the admin edit view of ``page`` as it is (or with other decision
    points, given as ``decision_point(...)`` tuples), plus ``extra``."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    if decision_points is None:
        decision_points = [("decision_point", dict(block.value)) for block in page.decision_points]
        decision_points = [
            (name, {**value, "options": [dict(option) for option in value["options"]]})
            for name, value in decision_points
        ]
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "video": page.video_id or "",
        "content_note": page.content_note,
        "area": page.area_id,
        "stage": page.stage_id,
        "agencies": [agency.pk for agency in page.agencies.all()],
        "concern_types": [concern.pk for concern in page.concern_types.all()],
        "themes": "",
    }
    data.update(
        nested_form_data(
            {
                "learning_objectives": streamfield(
                    [("objective", block.value) for block in page.learning_objectives]
                ),
                "decision_points": streamfield(
                    [(name, _decision_form_value(value)) for name, value in decision_points]
                ),
                "reflective_questions": streamfield(
                    [("question", block.value) for block in page.reflective_questions]
                ),
                "related_case_studies": inline_formset([]),
            }
        )
    )
    data.update(extra)
    return data


def edit_url(page):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=[page.pk])
