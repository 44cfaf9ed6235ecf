"""Published scenarios for the player's tests (progress, decisions, reflection, markup,
personal data): a ready video row with fake renditions and real WebVTT captions, published
through the anonymisation check and the captions guard as the site publishes."""

import itertools

from django.core.files.base import ContentFile
from django.utils.text import slugify

from cms.anonymisation.publishing import clear_and_publish
from cms.home.models import HomePage
from cms.taxonomy.models import Agency, Area, JourneyStage
from media.models import CaptionTrack, TranscodeStatus, Video
from training.models import ScenarioIndexPage, ScenarioPage

_counter = itertools.count(1)

CAPTIONS = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
A school nurse notices a child has missed three appointments.

00:00:30.000 --> 00:00:34.000
She wonders whether to tell the health visitor.
"""
DESCRIPTIONS = b"""WEBVTT

00:00:01.000 --> 00:00:03.000
A school corridor. A nurse reads a list.
"""

POINTS = [
    {
        "timestamp": "0:20",
        "question": "What would you share, and with whom?",
        "context": "The nurse has seen the missed appointments.",
        "options": [
            {"label": "Nothing yet: wait and see", "commentary": "Waiting can leave a child at risk."},
            {"label": "Tell the health visitor", "commentary": "Sharing with the health visitor helps."},
            {"label": "Ring the police", "commentary": "Not an emergency: the police are not first."},
        ],
    },
    {
        "timestamp": "1:00",
        "question": "Who else needs to know?",
        "context": "",
        "options": [
            {"label": "The GP", "commentary": "The GP may hold the missing piece."},
            {"label": "Nobody", "commentary": "Others may hold part of the picture."},
        ],
    },
]
QUESTIONS = ["What would you do differently?", "Who would you ask for advice?"]


def make_video(duration=100.0, status=TranscodeStatus.READY, descriptions=True):
    """A video row as the pipeline leaves it (fake bytes: nothing here plays it)."""
    number = next(_counter)
    video = Video.objects.create(
        title=f"Clip {number}",
        file=ContentFile(b"original", name=f"clip-{number}.mp4"),
        type="video",
        duration=duration,
        width=160,
        height=120,
        status=status,
        mp4_720=ContentFile(b"720", name=f"clip-{number}-720.mp4"),
        mp4_360=ContentFile(b"360", name=f"clip-{number}-360.mp4"),
        thumbnail=ContentFile(b"jpeg", name=f"clip-{number}.jpg"),
    )
    CaptionTrack.objects.create(
        video=video,
        kind="captions",
        language="en",
        label="English",
        file=ContentFile(CAPTIONS, name="en.vtt"),
    )
    if descriptions:
        CaptionTrack.objects.create(
            video=video,
            kind="descriptions",
            language="en",
            label="English audio description",
            file=ContentFile(DESCRIPTIONS, name="en-desc.vtt"),
        )
    return video


def scenario_index():
    index = ScenarioIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ScenarioIndexPage(title="Scenarios", slug="scenarios")
        )
        index.save_revision().publish()
        index.refresh_from_db()
    return index


def make_scenario(title=None, *, points=POINTS, questions=QUESTIONS, video=None, publish=True):
    """A ScenarioPage under the index, published (or left a draft) the way the site does it."""
    number = next(_counter)
    title = title or f"Missed appointments {number}"
    page = ScenarioPage(
        title=title,
        slug=f"{slugify(title)[:40]}-{number}",
        summary="A school nurse notices missed appointments and decides what to share.",
        video=video or make_video(),
        area=Area.objects.get(slug="leeds"),
        stage=JourneyStage.objects.get(slug="early-help"),
        decision_points=[("decision_point", point) for point in points],
        reflective_questions=[("question", question) for question in questions],
    )
    page.agencies = list(Agency.objects.filter(slug__in=["health", "education"]))
    scenario_index().add_child(instance=page)
    if publish:
        findings = clear_and_publish(page, attest_by_system=True)
        assert not findings, findings
        page.refresh_from_db()
    else:
        page.save_revision()
    return page
