"""What a champion's profile and story pages show beside their own fields.

* ``profile_context(profile)``: their live stories (newest first), the cover contact's
  card (only while that profile is live, public and consented), the "Contact <name>" link,
  and the scenarios they appear in and the case studies that quote them.
* ``story_context(story)``: the champion's card (the profile the story sits under, only
  while it is live, public and consented).

Scenarios and case studies point at a profile (a scenario's ``featured_champion``, a
case study reflection's ``champion``), never the other way round, and champions imports
neither app: Wagtail's reference index (``wagtail.models.ReferenceIndex``, kept up to date
when any page is saved) says which pages refer to a profile, and the page's content type
says what kind of page it is (``RELATED_KINDS``, by app label and model name). Only live,
public pages are listed.

Each function runs a fixed number of queries, however many stories or references there are.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, ReferenceIndex

from .listing import consented
from .models import ChampionIndexPage, ChampionProfilePage, ChampionStoryPage

# The profile page's photo (a square crop).
PROFILE_PHOTO = "fill-240x240"


@dataclass(frozen=True)
class RelatedKind:
    key: str  # the context name, e.g. "related_scenarios"
    app_label: str
    model: str  # the content type's model name (lower case)


# Pages elsewhere on the site that refer to a champion's profile, by content type.
RELATED_KINDS = (
    RelatedKind("related_scenarios", "training", "scenariopage"),
    RelatedKind("related_case_studies", "case_studies", "casestudypage"),
)


def champion_cards():
    """Profiles that may be shown as a champion's card: live, public and consented."""
    return consented(ChampionProfilePage.objects.live().public()).select_related("agency", "area")


def referring_pages(profile):
    """{kind key: [live, public pages of that kind referring to ``profile``, by title]}.

    Two queries: the references (with their source's content type), then the pages.
    """
    wanted = {(kind.app_label, kind.model): kind.key for kind in RELATED_KINDS}
    found = {kind.key: [] for kind in RELATED_KINDS}
    references = (
        ReferenceIndex.get_references_to(profile)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", "content_type__app_label", "content_type__model")
        .distinct()
    )
    kind_of = {}
    for object_id, app_label, model in references:
        key = wanted.get((app_label, model))
        if key is not None and object_id.isdigit() and int(object_id) != profile.pk:
            kind_of[int(object_id)] = key
    if not kind_of:
        return found
    pages = (
        Page.objects.live()
        .public()
        .filter(pk__in=list(kind_of))
        .select_related("content_type")
        .order_by("title", "pk")
    )
    for page in pages:
        # The page's own type decides, in case the reference was recorded under another one.
        key = wanted.get((page.content_type.app_label, page.content_type.model))
        if key is not None:
            found[key].append(page)
    return found


def index_page_of(page):
    """The champion directory a profile or story sits in (for breadcrumbs), or None."""
    return ChampionIndexPage.objects.ancestor_of(page).first()


def contact_url(profile):
    """The address of the form for contacting this champion, or "" when they have no account
    (or the contact form is not installed)."""
    if not profile.user_id:
        return ""
    try:
        return reverse("champions:contact", args=[profile.pk])
    except NoReverseMatch:
        return ""


def profile_context(profile):
    """What the profile page shows beside the profile's own fields (see the module docstring)."""
    stories = list(
        ChampionStoryPage.objects.live()
        .public()
        .child_of(profile)
        .order_by("-first_published_at", "-pk")
        .select_related("area")
    )
    cover = None
    if profile.cover_contact_id and profile.cover_contact_id != profile.pk:
        cover = champion_cards().filter(pk=profile.cover_contact_id).first()
    return {
        "index_page": index_page_of(profile),
        "stories": stories,
        "cover_contact": cover,
        "contact_url": contact_url(profile),
        "topics": sorted(profile.topics.all(), key=lambda topic: topic.name.lower()),
        **referring_pages(profile),
    }


def story_context(story):
    """The champion's card for a story page (the profile it sits under, if it may be shown),
    and the directory, for breadcrumbs."""
    return {"champion": champion_cards().parent_of(story).first(), "index_page": index_page_of(story)}
