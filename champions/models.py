"""Collaboration champions: named, trusted people in each agency, their profiles and stories.

A champion is a point of contact for colleagues in other agencies and the first-person
voice of stories. Who tells a story matters, so a profile names a real person: it is
published only with their recorded consent (``ChampionConsent``; withdrawing it
unpublishes the profile and every story at once), and their own consented name is the
only thing the anonymisation check lets through (``anonymisation_exempt_fields``).
Everything a champion writes goes through the "Champion review" workflow (the shared
anonymisation check, acted on by Editors). When a champion is away or leaves, their
cover contact (another champion) keeps the trust.

Behaviour lives beside the models: ``consent.py`` (recording and withdrawing consent),
``publishing.py`` (the publish rule: consent first), ``permissions.py`` (each champion edits
only their own subtree), ``contact.py`` (messages through the site), ``listing.py`` (the
directory), ``admin_views.py`` (consent, withdrawal and the yearly confirmation in the admin).
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.anonymisation.guard import AnonymisationGuarded
from cms.taxonomy.classification import Classified, ThemeItemBase, classification_search_fields, theme_field

from .admin_forms import ChampionProfileForm
from .panels import ChampionStatusPanel

# Who may see and change which account a profile belongs to: the people who manage accounts
# (Editors). A champion never sees the field, so cannot hand their profile (and its page
# permissions, ``permissions.py``) to someone else.
MANAGE_ACCOUNTS_PERMISSION = "users.change_user"


class ChampionTopic(ThemeItemBase):
    """What a champion can help with: the shared themes (consent, thresholds...)."""

    content_object = ParentalKey(
        "champions.ChampionProfilePage", related_name="topic_items", on_delete=models.CASCADE
    )


class ChampionStoryTheme(ThemeItemBase):
    content_object = ParentalKey(
        "champions.ChampionStoryPage", related_name="theme_items", on_delete=models.CASCADE
    )


class ChampionIndexPage(Page):
    """The directory at /champions/, filterable by agency, area and topic (``listing.py``)."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["champions.ChampionProfilePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "champions/champion_index_page.html"

    def serve(self, request, *args, **kwargs):
        from .listing import serve_listing

        return serve_listing(self, request)


class ChampionProfilePage(AnonymisationGuarded, Page):
    """One champion: who they are, what they can help with, and who covers for them.

    The page title is the champion's name as shown (``shown_name``), kept in step on save.
    """

    # The champion's own name, published with their consent; nothing else is exempt.
    anonymisation_exempt_fields = ("title", "display_name")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="champion_profile",
        help_text="The champion's account (Champion role). They edit only this profile and its stories.",
    )
    display_name = models.CharField(max_length=80, help_text="Their name as they agreed it may be shown.")
    first_name_only = models.BooleanField(
        default=False, help_text="Show only the first word of the name (privacy option)."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt = models.CharField(
        "photo description", max_length=200, blank=True, help_text="Describe the photo for screen readers."
    )
    job_title = models.CharField("role", max_length=120, help_text="E.g. Designated safeguarding lead.")
    agency = models.ForeignKey("taxonomy.Agency", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(
        "taxonomy.Area",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Local authority level at most.",
    )
    help_with = models.TextField(
        "what they can help with",
        max_length=800,
        help_text="In their words: questions they are happy to take.",
    )
    topics = theme_field(ChampionTopic, help_text="Topics they can help with, e.g. consent, thresholds.")
    cover_contact = models.ForeignKey(
        "champions.ChampionProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="covering_for",
        help_text="Another champion to contact when this one is away or has left.",
    )
    # Consent: the current state; the history is ChampionConsent (and the audit log).
    consent_given_at = models.DateTimeField(null=True, blank=True, editable=False)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_due = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the champion next confirms the profile is still right (yearly).",
    )
    last_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The profile's state, not its content: recorded by consent.py and the yearly confirmation,
    # never taken from a revision (publishing an old draft must not bring back a withdrawn
    # consent or an old review date).
    STATE_FIELDS = ("consent_given_at", "consent_withdrawn_at", "review_due", "last_confirmed_at")
    # A copy is a new profile: nobody's account, nobody's consent.
    exclude_fields_in_copy = ["user", *STATE_FIELDS]

    content_panels = [
        ChampionStatusPanel(),
        FieldPanel("display_name"),
        FieldPanel("first_name_only"),
        FieldPanel("user", permission=MANAGE_ACCOUNTS_PERMISSION),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading="Photo (optional)"),
        FieldPanel("job_title"),
        FieldPanel("agency"),
        FieldPanel("area"),
        FieldPanel("help_with"),
        FieldPanel("topics"),
        PageChooserPanel("cover_contact", "champions.ChampionProfilePage"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("job_title"),
        index.SearchField("help_with"),
        index.RelatedFields("agency", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("area", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("topics", [index.SearchField("name"), index.FilterField("slug")]),
        # By id too, so the search backend counts the agency and theme facets itself.
        index.FilterField("agency"),
        index.FilterField("area"),
        index.FilterField("topics"),
    ]
    base_form_class = ChampionProfileForm
    parent_page_types = ["champions.ChampionIndexPage"]
    subpage_types = ["champions.ChampionStoryPage"]
    template = "champions/champion_profile_page.html"

    @property
    def shown_name(self):
        name = self.display_name.strip()
        return name.split()[0] if self.first_name_only and name else name

    @property
    def has_consent(self):
        return self.consent_given_at is not None and self.consent_withdrawn_at is None

    def get_context(self, request, *args, **kwargs):
        from .related import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self))
        return context

    def _set_core_field_defaults(self):
        """The title is the name as shown (so a first-name-only profile has no surname in its
        title); a new profile's address is its role and area, never the champion's name."""
        if self.display_name.strip():
            self.title = self.shown_name
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and parent_is_known and self.job_title and self.area_id:
            base_slug = slugify(f"{self.job_title} {self.area.name}")[:80].strip("-")
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super()._set_core_field_defaults()

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.STATE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def publish_problem(self):
        """Why this profile cannot be published (no recorded consent, or the check cannot run),
        or None. Enforced on every publish path by publishing.py."""
        from .publishing import publish_problem

        return publish_problem(self)


class ChampionStoryPage(AnonymisationGuarded, Classified, Page):
    """A short first-person account by the champion whose profile it sits under."""

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences: what happened, what helped."
    )
    body = RichTextField(features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    themes = theme_field(ChampionStoryTheme)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldPanel("agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("concern_types", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Classification",
        ),
        FieldPanel("themes"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        *classification_search_fields(),
    ]
    parent_page_types = ["champions.ChampionProfilePage"]
    subpage_types = []
    template = "champions/champion_story_page.html"

    def get_context(self, request, *args, **kwargs):
        from .related import story_context

        context = super().get_context(request, *args, **kwargs)
        context.update(story_context(self))
        return context

    def publish_problem(self):
        """Why this story cannot be published (its champion's consent is not recorded, or the
        check cannot run), or None. Enforced on every publish path by publishing.py."""
        from .publishing import publish_problem

        return publish_problem(self)


class ConsentAction(models.TextChoices):
    GIVEN = "given", "Consent given"
    WITHDRAWN = "withdrawn", "Consent withdrawn"


class ChampionConsent(models.Model):
    """One consent event: who, when, and the exact wording they agreed to (or withdrew from)."""

    profile = models.ForeignKey(ChampionProfilePage, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(max_length=16, choices=ConsentAction.choices)
    wording = models.TextField(help_text="The statement as shown to the champion.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} for profile {self.profile_id}"


class MessageStatus(models.TextChoices):
    SENT = "sent", "Sent"
    HELD = "held", "Held: it may contain identifying details"


class ContactMessage(models.Model):
    """A message to a champion through the site. The champion's address is never shown to
    the sender; messages are deleted after ``CHAMPION_MESSAGE_RETENTION_DAYS``."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(ChampionProfilePage, on_delete=models.CASCADE, related_name="messages")
    body = models.TextField(max_length=2000)
    status = models.CharField(max_length=8, choices=MessageStatus.choices)
    held_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"Message {self.pk} to profile {self.profile_id} ({self.status})"
