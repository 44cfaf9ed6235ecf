"""Video scenarios: short films practitioners watch, pause at decision points, and reflect on.

A ScenarioPage plays one ``media.Video`` (transcoded, captioned) and carries its decision
points, learning objectives and reflective questions. What a practitioner does with it
goes to the learning record (``cms.learning_record.api``); their watched time and private
reflections are kept here because only they, and this page, use them.

Publishing a scenario needs, on every path, the anonymisation clearance (it is
``AnonymisationGuarded``; the review workflow is assigned to the index by ``setup.py``)
and a ready video with English captions (``publishing.py``).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel

from cms.anonymisation.guard import AnonymisationGuarded
from cms.taxonomy.classification import Classified, ThemeItemBase, classification_search_fields, theme_field
from media.captions import format_time, read_track, transcript
from media.models import CaptionKind

from ..blocks import DecisionPointBlock, timestamp_seconds

# Decision points must leave the end of the video alone (the player finishes there) and
# leave time between them to watch something.
END_MARGIN_SECONDS = 2
MIN_GAP_SECONDS = 5
CAPTIONS_LANGUAGE = "en"


def english_captions(video):
    """The video's English captions track ("en", "en-GB"...), or None."""
    if video is None:
        return None
    tracks = [
        track
        for track in video.tracks.all()
        if track.kind == CaptionKind.CAPTIONS
        and track.language.lower().split("-")[0] == CAPTIONS_LANGUAGE
        and track.file
    ]
    tracks.sort(key=lambda track: (track.language.lower() != CAPTIONS_LANGUAGE, track.pk))
    return tracks[0] if tracks else None


class ScenarioTheme(ThemeItemBase):
    content_object = ParentalKey(
        "training.ScenarioPage", related_name="theme_items", on_delete=models.CASCADE
    )


class ScenarioIndexPage(Page):
    """The listing at /scenarios/, with filters. Behaviour lives in listing.py."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["training.ScenarioPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "training/scenario_index_page.html"

    def serve(self, request, *args, **kwargs):
        from ..listing import serve_listing

        return serve_listing(self, request)


class ScenarioPage(AnonymisationGuarded, RoutablePageMixin, Classified, Page):
    """One short video scenario with decision points, a text version and reflection."""

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: what happens, who is involved."
    )
    video = models.ForeignKey(
        "video_media.Video",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scenarios",
        help_text="Publishing needs the video ready (transcoded) with English captions.",
    )
    content_note = models.TextField(
        blank=True,
        max_length=400,
        help_text="Shown before the video when the subject may be distressing, e.g. 'Mentions neglect'.",
    )
    learning_objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=200))],
        blank=True,
        help_text="What a practitioner will learn.",
    )
    decision_points = StreamField(
        [("decision_point", DecisionPointBlock())],
        blank=True,
        help_text=(
            "Where the video pauses to ask a question, in the order they happen: inside the video, "
            f"not in its last {END_MARGIN_SECONDS} seconds, at least {MIN_GAP_SECONDS} seconds apart."
        ),
    )
    reflective_questions = StreamField(
        [("question", blocks.CharBlock(max_length=300))],
        blank=True,
        help_text="Asked after the video. Answers are private to the practitioner.",
    )
    # The video's duration, kept here for the listing's duration filter (set on save).
    duration_seconds = models.PositiveIntegerField(default=0, editable=False)
    themes = theme_field(ScenarioTheme)
    # Chosen by page type name: training never imports champions. Shown only while live.
    featured_champion = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A collaboration champion who appears in the video, shown with a link to their profile.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [MediaChooserPanel("video"), FieldPanel("content_note")],
            heading="Video",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("area"), FieldPanel("stage")]),
                FieldPanel("agencies", widget=forms.CheckboxSelectMultiple, heading="Agencies shown"),
                FieldPanel("concern_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes"),
            ],
            heading="Classification",
        ),
        FieldPanel("learning_objectives"),
        FieldPanel("decision_points"),
        FieldPanel("reflective_questions"),
        PageChooserPanel("featured_champion", "champions.ChampionProfilePage"),
        InlinePanel("related_case_studies", label="Related case studies", max_num=4),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("learning_objectives"),
        index.SearchField("decision_points"),
        index.SearchField("transcript_text"),
        index.AutocompleteField("summary"),
        *classification_search_fields(),
        index.FilterField("duration_seconds"),
    ]

    parent_page_types = ["training.ScenarioIndexPage"]
    subpage_types = []
    template = "training/scenario_page.html"

    class Meta:
        verbose_name = "video scenario"

    # -- validation and saving ----------------------------------------------------

    def clean(self):
        super().clean()
        error = self.decision_point_errors()
        if error is not None:
            raise ValidationError({"decision_points": error})

    def decision_point_errors(self):
        """A StreamBlockValidationError naming each misplaced decision point, or None.

        Checked against the video's duration when it is known (always by publishing time:
        the duration is read when the video is uploaded). Timestamps that are not m:ss are
        reported by the block itself.
        """
        duration = self.video.duration if self.video_id and self.video and self.video.duration else None
        messages, block_errors = [], {}
        previous = None  # (number, seconds) of the last valid point
        for position, block in enumerate(self.decision_points):
            number = position + 1
            try:
                seconds = timestamp_seconds(block.value.get("timestamp"))
            except ValueError:
                continue
            name = f"Decision point {number} ({format_time(seconds)})"
            problem = None
            if seconds <= 0:
                problem = f"{name} is at the very start: choose a time after the video has begun."
            elif duration is not None and seconds > duration:
                problem = f"{name} is after the end of the video, which is {format_time(duration)} long."
            elif duration is not None and seconds > duration - END_MARGIN_SECONDS:
                problem = (
                    f"{name} is in the last {END_MARGIN_SECONDS} seconds of the video "
                    f"({format_time(duration)} long): move it earlier, or ask it as a reflective question."
                )
            elif previous is not None and seconds <= previous[1]:
                problem = (
                    f"{name} must come after decision point {previous[0]} ({format_time(previous[1])}): "
                    "put decision points in the order they happen."
                )
            elif previous is not None and seconds - previous[1] < MIN_GAP_SECONDS:
                problem = (
                    f"{name} is less than {MIN_GAP_SECONDS} seconds after decision point {previous[0]} "
                    f"({format_time(previous[1])}): leave at least {MIN_GAP_SECONDS} seconds between them."
                )
            if problem:
                messages.append(problem)
                block_errors[position] = StructBlockValidationError(
                    block_errors={"timestamp": ValidationError(problem)}
                )
            else:
                previous = (number, seconds)
        if not messages:
            return None
        return StreamBlockValidationError(block_errors=block_errors, non_block_errors=messages)

    def save(self, *args, **kwargs):
        video = self.video if self.video_id else None
        self.duration_seconds = round(video.duration) if video is not None and video.duration else 0
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "duration_seconds" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "duration_seconds"]
        return super().save(*args, **kwargs)

    def anonymisation_extra_text(self):
        """What the anonymisation check also reads: every caption and description track of the
        video (the page shows them as captions and a transcript)."""
        if self.video is None:
            return []
        return [
            (
                f"Video {track.get_kind_display().lower()} ({track.language}), {format_time(cue.start)}",
                cue.text,
            )
            for track in self.video.tracks.all()
            for cue in read_track(track)
        ]

    def publish_problem(self):
        """Why this content cannot be published yet (no ready video with English captions,
        or the check cannot run), or None. Enforced on every path by publishing.py."""
        from ..publishing import publish_problem

        return publish_problem(self)

    # -- what the pages show ------------------------------------------------------

    @property
    def duration_label(self):
        """The length as m:ss, or "" while it is not known."""
        return format_time(self.duration_seconds) if self.duration_seconds else ""

    @property
    def duration_iso(self):
        """The length for <time datetime>, e.g. PT3M5S."""
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"PT{minutes}M{seconds}S"

    def poster_thumbnail(self, width=160):
        """{"src", "width", "height"} of the video's poster at ``width`` pixels, or None."""
        video = self.video if self.video_id else None
        if video is None or not video.poster_url:
            return None
        ratio = video.height / video.width if video.width and video.height else 9 / 16
        return {"src": video.poster_url, "width": width, "height": round(width * ratio)}

    @property
    def video_ready(self):
        return bool(self.video_id and self.video and self.video.is_ready)

    def captions_track(self):
        return english_captions(self.video) if self.video_id else None

    def transcript(self):
        """The captions as paragraphs (start, speaker, text); [] without readable captions."""
        track = self.captions_track()
        return transcript(read_track(track)) if track is not None else []

    def transcript_text(self):
        """The transcript as one text, for the site search."""
        return "\n".join(f"{p.speaker}: {p.text}" if p.speaker else p.text for p in self.transcript())

    def text_version_items(self):
        """The transcript with each decision point where the video pauses for it, in order:
        [("paragraph", Paragraph) | ("decision", {"number", "value", "seconds"})]. A paragraph that
        starts before a point's time is shown before it; one starting at or after it, after."""
        timed = []
        for position, block in enumerate(self.decision_points):
            try:
                timed.append((timestamp_seconds(block.value.get("timestamp")), position, block.value))
            except ValueError:
                continue
        timed.sort(key=lambda point: (point[0], point[1]))
        # Numbered in the order they come in the video, as the player numbers them.
        waiting = [(seconds, number, value) for number, (seconds, _, value) in enumerate(timed, start=1)]
        items = []
        for paragraph in self.transcript():
            while waiting and waiting[0][0] <= paragraph.start:
                seconds, number, value = waiting.pop(0)
                items.append(("decision", {"number": number, "value": value, "seconds": seconds}))
            items.append(("paragraph", paragraph))
        for seconds, number, value in waiting:
            items.append(("decision", {"number": number, "value": value, "seconds": seconds}))
        return items

    def related_case_study_pages(self):
        """The chosen case studies that are live and public, in the editor's order."""
        chosen = [item.case_study_id for item in self.related_case_studies.all()]
        if not chosen:
            return []
        live = {page.pk: page for page in Page.objects.live().public().filter(pk__in=chosen)}
        return [live[pk] for pk in chosen if pk in live]

    def featured_champion_page(self):
        """The featured champion's profile (the specific page) while it is live, public and
        consented; else None. Read through attributes only (``shown_name``, ``job_title``,
        ``agency``, ``has_consent``): training never imports champions."""
        if not self.featured_champion_id:
            return None
        champion = Page.objects.live().public().filter(pk=self.featured_champion_id).specific().first()
        if champion is None or not getattr(champion, "has_consent", False):
            return None
        return champion

    def text_url(self):
        return self.url + self.reverse_subpage("text") if self.url else ""

    def get_context(self, request, *args, **kwargs):
        from ..progress import scenario_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "video_ready": self.video_ready,
                "transcript": self.transcript(),
                "related_case_studies": self.related_case_study_pages(),
                "featured_champion": self.featured_champion_page(),
                "text_version_url": self.text_url(),
            }
        )
        context.update(scenario_context(self, request))
        return context

    @path("text/", name="text")
    def text_version(self, request):
        """Everything in the video, as text: for anyone who cannot or would rather not watch."""
        from ..progress import reflective_questions

        items = self.text_version_items()
        context = Page.get_context(self, request)
        context.update(
            {
                "items": items,
                "has_transcript": any(kind == "paragraph" for kind, _item in items),
                "questions": reflective_questions(self),
                "related_case_studies": self.related_case_study_pages(),
                "canonical_url": self.full_url,
            }
        )
        return TemplateResponse(request, "training/scenario_text.html", context)


class RelatedCaseStudy(Orderable):
    """A case study to read next. Chosen by page type name: training never imports case_studies."""

    page = ParentalKey(ScenarioPage, related_name="related_case_studies", on_delete=models.CASCADE)
    case_study = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("case_study", "case_studies.CaseStudyPage")]


class WatchProgress(models.Model):
    """How much of a scenario's video one person has watched: the union of the ranges
    they played, so seeking never counts what was skipped and replays never count twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ScenarioPage, on_delete=models.CASCADE, related_name="+")
    ranges = models.JSONField(default=list, help_text="Merged [start, end] seconds played.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_watch_progress_per_person")]

    def __str__(self):
        return f"Watch progress on page {self.page_id}"


class Reflection(models.Model):
    """A practitioner's private answer to a reflective question. Only they see it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(ScenarioPage, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=300)
    answer = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Reflection on page {self.page_id}"
