"""Demo video scenarios: real clips made on this machine, through the same pipeline as uploads.

For each scenario in ``demo_scenarios.py``: the clip and its captions are generated (or
taken from the cache, ``demo_videos.py``), stored and transcoded at once by
``media.pipeline.create_video`` so the pages play on the first ``make run``; then the
page is written and published through the anonymisation check (``clear_and_publish``),
and the scenarios are added to the home page's featured items.

Idempotent: a ready video whose captions match the script is reused, a page whose
content is unchanged is left alone (no new revision), and a scenario already featured
is not featured twice.
"""

import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from django.db.models import ProtectedError
from wagtail.models import Page

from cms.anonymisation.publishing import PublishBlocked, clear_and_publish
from cms.home.models import HomePage
from cms.taxonomy.dimensions import TermIndex
from media.captions import format_time
from media.models import Video
from media.pipeline import create_video

from . import demo_completion, demo_programmes, demo_videos
from .demo_scenarios import SCENARIOS
from .models import RelatedCaseStudy, ScenarioPage, english_captions
from .setup import ensure_index_page

CAPTIONS_LANGUAGE, CAPTIONS_LABEL = "en", "English"
FEATURED_LABEL = "Video scenario"
PROGRESS_STEP = 20  # percent between the transcode's progress lines
# demo_videos.cache_key's hash, maybe with the suffix storage adds to a name already taken.
GENERATED_NAME = re.compile(r"^[0-9a-f]{24}(?:_[A-Za-z0-9]+)?$")


def load(stdout):
    index = ensure_index_page()
    terms = TermIndex.load()  # an unknown slug in a scenario stops the loader, naming it
    pages = []
    for number, scenario in enumerate(SCENARIOS, start=1):
        clip = generate_clip(scenario, number, stdout)
        video, replaced = video_for(scenario, clip, stdout)
        page, changed = write_page(index, scenario, video, clip, terms)
        if changed or not page.live:
            publish(page, stdout)
        remove_unused(replaced)
        pages.append(page)
    feature_on_home([page for page in pages if page.live], stdout)
    programmes = demo_programmes.load(stdout)  # after the scenarios, which its modules link
    learning = demo_completion.load(stdout)  # after the programmes, whose modules it takes
    return f"{len(pages)} video scenarios; {programmes}; {learning}"


# -- the videos -----------------------------------------------------------------


def generate_clip(scenario, number, stdout):
    def announce():
        stdout.write(f"    Generating demo video {number} of {len(SCENARIOS)}: {scenario['title']}")

    return demo_videos.generate(
        scenario["title"],
        scenario["script"],
        questions=[point["question"] for point in scenario["decision_points"]],
        on_generate=announce,
    )


def video_for(scenario, clip, stdout):
    """(video, replaced videos): the existing Video when it is ready and its captions are
    this clip's; else a new one made through the pipeline, and the earlier ones by that
    title that the loader made (an older script, or a transcode that never finished) to
    remove once unused. A video someone uploaded under the same title is never touched."""
    title = scenario["title"]
    captions = clip.captions.read_bytes()
    existing = [video for video in Video.objects.filter(title=title).order_by("-pk") if made_here(video)]
    for video in existing:
        track = english_captions(video) if video.is_ready else None
        if track is not None and _read(track) == captions:
            return video, []

    progress = {"shown": 0}

    def on_progress(percent):
        if percent >= progress["shown"] + PROGRESS_STEP:
            progress["shown"] = percent - percent % PROGRESS_STEP
            stdout.write(f"    Transcoding {title}: {percent}%")

    video = create_video(
        clip.path,
        title=title,
        captions=[(clip.captions, CAPTIONS_LANGUAGE, CAPTIONS_LABEL)],
        transcode_now=True,
        on_progress=on_progress,
    )
    if video.is_ready:
        stdout.write(f"    Transcoding {title}: done")
    else:
        stdout.write(f"    Transcoding {title} failed: {video.failure_reason}")
    return video, existing


def made_here(video):
    """Whether the video's original is a generated demo clip (named by its content hash)."""
    return bool(GENERATED_NAME.match(PurePosixPath(video.file.name or "").stem))


def _read(track):
    try:
        with track.file.open("rb") as f:
            return f.read()
    except OSError:
        return None


def remove_unused(videos):
    for video in videos:
        try:
            video.delete()
        except ProtectedError:
            pass  # a page still plays it (e.g. the scenario stayed a draft): leave it


# -- the pages ------------------------------------------------------------------


def write_page(index, scenario, video, clip, terms):
    """The scenario page with this content; (page, whether anything changed)."""
    page = ScenarioPage.objects.filter(slug=scenario["slug"]).first()
    creating = page is None
    before = None if creating else fingerprint(page)
    page = page or ScenarioPage(slug=scenario["slug"])
    page.title = scenario["title"]
    page.summary = scenario["summary"]
    page.video = video
    page.content_note = scenario.get("content_note", "")
    page.area = terms.resolve("area", scenario["area"])
    page.stage = terms.resolve("stage", scenario["stage"])
    page.agencies = [terms.resolve("agency", slug) for slug in scenario["agencies"]]
    page.concern_types = [terms.resolve("concern", slug) for slug in scenario["concerns"]]
    page.themes.set([terms.resolve("theme", slug) for slug in scenario["themes"]])
    page.learning_objectives = [("objective", text) for text in scenario["objectives"]]
    page.decision_points = [
        ("decision_point", decision_point(point, seconds))
        for point, seconds in zip(scenario["decision_points"], clip.decision_seconds, strict=True)
    ]
    page.reflective_questions = [("question", text) for text in scenario["reflective_questions"]]
    page.related_case_studies = [
        RelatedCaseStudy(case_study=other) for other in case_studies(scenario["related"])
    ]
    if creating:
        index.add_child(instance=page)
    return page, creating or fingerprint(page) != before


def decision_point(point, seconds):
    return {
        "timestamp": format_time(seconds),
        "question": point["question"],
        "context": point.get("context", ""),
        "options": [{"label": label, "commentary": commentary} for label, commentary in point["options"]],
    }


def case_studies(slugs):
    """The demo case studies with these slugs, in order, if they are loaded (looked up as
    pages, so training does not import case_studies)."""
    pages = Page.objects.filter(slug__in=slugs, content_type__app_label="case_studies").order_by("pk")
    found = {}
    for page in pages:
        found.setdefault(page.slug, page)
    return [found[slug] for slug in slugs if slug in found]


def fingerprint(page):
    """What the loader writes to a page, as plain data (StreamField block ids left out)."""
    return {
        "title": page.title,
        "summary": page.summary,
        "video": page.video_id,
        "content_note": page.content_note,
        "area": page.area_id,
        "stage": page.stage_id,
        "agencies": sorted(term.pk for term in page.agencies.all()),
        "concerns": sorted(term.pk for term in page.concern_types.all()),
        "themes": sorted(tag.slug for tag in page.themes.all()),
        "objectives": plain(page.learning_objectives),
        "decision_points": plain(page.decision_points),
        "questions": plain(page.reflective_questions),
        "related": [item.case_study_id for item in page.related_case_studies.all()],
    }


def plain(value):
    """A StreamField / StructBlock / ListBlock value as plain lists, dicts and strings."""
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # a StreamValue
        return [(child.block_type, plain(child.value)) for child in value]
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(item) for item in value]
    return value


def publish(page, stdout):
    try:
        findings = clear_and_publish(page, attest_by_system=True)  # demo text passes the check
    except PublishBlocked as refusal:  # e.g. the video could not be transcoded
        stdout.write(f"    {page.title}: kept as draft: {refusal.message}")
        return
    if findings:
        stdout.write(f"    {page.title}: kept as draft, {len(findings)} anonymisation finding(s)")


# -- the home page --------------------------------------------------------------


def feature_on_home(pages, stdout):
    """Add the scenarios to the home page's featured items, keeping what is there."""
    home = HomePage.objects.get()
    featured = {block.value["page"].pk for block in home.featured if block.value["page"]}
    missing = [page for page in pages if page.pk not in featured]
    room = HomePage._meta.get_field("featured").stream_block.meta.max_num - len(home.featured)
    if not missing:
        return
    if room < len(missing):
        stdout.write(f"    Home page: room to feature {max(room, 0)} of {len(missing)} scenarios")
    if room <= 0:
        return
    for page in missing[:room]:
        home.featured.append(("item", {"page": Page.objects.get(pk=page.pk), "label": FEATURED_LABEL}))
    home.save_revision().publish()
