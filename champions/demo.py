"""Demo champions and their stories (``demo_champions.py``), for ``manage.py load_demo_content``.

Runs after the demo accounts, case studies and video scenarios (INSTALLED_APPS order), so
the demo Champion's account exists and a scenario can feature a champion.

* Six champion profiles under the directory, each with a Champion-role account: the demo
  Champion (champion@example.org, from ``cms.users.demo``) owns one; the other five get
  fictional accounts nobody signs in as (no usable password), made only when
  ``settings.DEMO_ACCOUNTS_ENABLED`` (without them those profiles have no account). Each
  profile's consent is recorded through ``consent.record_consent`` with demo wording, then
  it is published through the anonymisation check.
* Ten stories, left in the state ``demo_champions.STORIES`` gives each: live (published
  through the check), in moderation (submitted by the champion to the "Champion review"
  workflow, waiting for an Editor), changes requested (submitted, then sent back by the
  demo Editor with a comment), or a draft. The demo Champion has one of each, so their
  dashboard shows every state and the demo Editor has something to moderate.

Idempotent: profiles and stories are found by slug, accounts by email. A page whose content
and state are already what the demo says is left alone (no new revision, no new consent
record, no new workflow). One that someone has changed while trying the demo (a story
approved, edited or withdrawn, consent withdrawn) is put back, so each run of ``make run``
starts the moderation flow afresh.
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from cms.anonymisation.publishing import PublishBlocked, clear_and_publish
from cms.taxonomy.dimensions import TermIndex
from cms.users import roles
from cms.users.models import User

from . import consent
from .demo_champions import (
    CHAMPIONS,
    DEMO_CHAMPION_EMAIL,
    DEMO_CONSENT_PREFIX,
    FEATURED_SCENARIO,
    FICTIONAL_ACCOUNT_NOTE,
    REFLECTION_CASE_STUDY,
    STORIES,
)
from .models import ChampionProfilePage, ChampionStoryPage
from .setup import ensure_champion_index

EDITOR_EMAIL = "editor@example.org"  # the demo Editor (cms/users/demo.py) who requests changes
CONSENT_WORDING = DEMO_CONSENT_PREFIX + consent.CONSENT_WORDING

LIVE, MODERATION, CHANGES, DRAFT = "live", "moderation", "changes", "draft"
STATES = (LIVE, MODERATION, CHANGES, DRAFT)


def load(stdout):
    index = ensure_champion_index()
    terms = TermIndex.load()  # an unknown slug stops the loader, naming it
    accounts = champion_accounts()
    existing = {profile.slug: profile for profile in ChampionProfilePage.objects.child_of(index)}
    for spec in CHAMPIONS:  # every profile exists before any names its cover contact
        if spec["slug"] not in existing:
            existing[spec["slug"]] = create_profile(index, spec, accounts.get(spec["email"]), terms)
    profiles = {}
    for spec in CHAMPIONS:
        profile = write_profile(existing[spec["slug"]], spec, accounts.get(spec["email"]), existing, terms)
        profiles[spec["slug"]] = profile
        if profile_needs_publishing(profile):
            publish(profile, stdout)

    editor = User.objects.filter(email=EDITOR_EMAIL).first()
    states = dict.fromkeys(STATES, 0)
    for spec in STORIES:
        profile = profiles[spec["champion"]]
        story, changed = write_story(profile, spec, terms)
        put_in_state(story, spec, profile.user, editor, changed, stdout)
        states[spec["state"]] += 1

    summary = (
        f"{len(profiles)} champions; {len(STORIES)} stories ({states[LIVE]} live, {states[MODERATION]} "
        f"in moderation, {states[CHANGES]} with changes requested, {states[DRAFT]} draft)"
    )
    if feature_on_scenario(profiles):
        summary += "; one featured on a video scenario"
    if quote_in_case_study(profiles):
        summary += "; one quoted in a case study"
    return summary


# -- accounts -------------------------------------------------------------------------------


def champion_accounts():
    """{email: user} of the champions' accounts: the demo Champion if it exists, and the
    fictional ones, made or refreshed when demo accounts are enabled."""
    people = {}
    demo_champion = User.objects.filter(email=DEMO_CHAMPION_EMAIL).first()
    if demo_champion is not None:
        people[DEMO_CHAMPION_EMAIL] = demo_champion
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return people
    champions = Group.objects.get(name=roles.CHAMPION)
    terms = TermIndex.load(("agency",))
    for spec in CHAMPIONS:
        email = spec["email"]
        if email == DEMO_CHAMPION_EMAIL:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            user.set_unusable_password()  # fictional: nobody signs in as them
        user.display_name = spec["account_name"]
        user.agency = terms.resolve("agency", spec["agency"])
        user.area = terms.resolve("area", spec["area"])
        user.job_title = spec["job_title"] + FICTIONAL_ACCOUNT_NOTE
        user.is_staff = user.is_superuser = False
        user.save()
        user.groups.set([champions])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        people[email] = user
    return people


# -- profiles -------------------------------------------------------------------------------


def create_profile(index, spec, user, terms):
    """A new profile with the demo content (inserted as a draft by the anonymisation guard)."""
    profile = ChampionProfilePage(slug=spec["slug"], owner=user)
    set_profile_fields(profile, spec, user, None, terms)
    index.add_child(instance=profile)
    return profile


def write_profile(profile, spec, user, profiles, terms):
    """The profile as its latest revision with the demo content set (a new revision saved if that
    changed anything), the champion's consent recorded if it is not (or no longer) given, and the
    yearly confirmation made if it is overdue (consent and review dates are the profile's state,
    kept on its row by ``consent.py``, not in revisions)."""
    if not profile.has_consent:
        consent.record_consent(profile, by=user, wording=CONSENT_WORDING)  # a review date a year ahead
    if profile.review_due is not None and profile.review_due < timezone.localdate():
        consent.confirm_profile(profile, by=user)
    profile = ChampionProfilePage.objects.get(pk=profile.pk)
    if profile.latest_revision_id:
        profile = profile.get_latest_revision_as_object()
    before = fingerprint(profile, PROFILE_FIELDS)
    set_profile_fields(profile, spec, user, profiles[spec["cover"]], terms)
    if profile.latest_revision_id is None or fingerprint(profile, PROFILE_FIELDS) != before:
        profile.save_revision(user=user)
    return profile


def set_profile_fields(profile, spec, user, cover, terms):
    profile.display_name = spec["name"]
    profile.first_name_only = spec["first_name_only"]
    profile.title = profile.shown_name
    profile.user = user
    profile.job_title = spec["job_title"]
    profile.agency = terms.resolve("agency", spec["agency"])
    profile.area = terms.resolve("area", spec["area"])
    profile.help_with = spec["help_with"]
    profile.topics.set([terms.resolve("theme", slug) for slug in spec["topics"]])
    profile.cover_contact = cover


def profile_needs_publishing(profile):
    """Whether the profile is not live on its latest revision (``profile`` is that revision)."""
    live_on_latest = profile.live_revision_id == profile.latest_revision_id
    return not profile.live or profile.has_unpublished_changes or not live_on_latest


# -- stories --------------------------------------------------------------------------------


def write_story(profile, spec, terms):
    """(the story, as its latest revision with the demo content set; whether that differs from
    the latest revision, i.e. a new one is needed). A new story is inserted as a draft."""
    story = ChampionStoryPage.objects.child_of(profile).filter(slug=spec["slug"]).first()
    creating = story is None
    if creating:
        story = ChampionStoryPage(slug=spec["slug"], owner=profile.user)
    elif story.latest_revision_id:
        story = story.get_latest_revision_as_object()
    before = None if creating else fingerprint(story, STORY_FIELDS)
    story.title = spec["title"]
    story.summary = spec["summary"]
    story.body = "".join(f"<p>{paragraph}</p>" for paragraph in spec["body"])
    story.area = terms.resolve("area", spec["area"])
    story.stage = terms.resolve("stage", spec["stage"])
    story.agencies = [terms.resolve("agency", slug) for slug in spec["agencies"]]
    story.concern_types = [terms.resolve("concern", slug) for slug in spec["concerns"]]
    story.themes.set([terms.resolve("theme", slug) for slug in spec["themes"]])
    if creating:
        profile.add_child(instance=story)
    return story, creating or fingerprint(story, STORY_FIELDS) != before


def put_in_state(story, spec, champion, editor, changed, stdout):
    """Leave the story in ``spec["state"]``, doing nothing if it is there with this content."""
    state = spec["state"]
    workflow_state = story.current_workflow_state  # in moderation or changes requested, or None
    if state == LIVE:
        if workflow_state is not None:
            workflow_state.cancel(user=None)
        if changed or not story.live or story.has_unpublished_changes:
            publish(story, stdout)  # a new revision first if the content changed
        return
    wanted = {MODERATION: WorkflowState.STATUS_IN_PROGRESS, CHANGES: WorkflowState.STATUS_NEEDS_CHANGES}
    if not changed and not story.live:
        current = workflow_state.status if workflow_state is not None else None
        if current == wanted.get(state):
            return
    if workflow_state is not None:
        workflow_state.cancel(user=None)
    if story.live:  # e.g. an editor approved it while trying the demo
        ChampionStoryPage.objects.get(pk=story.pk).unpublish(user=None)
        story.live, story.live_revision = False, None
    if changed or story.latest_revision_id is None:
        story.save_revision(user=champion)
    if state == DRAFT:
        return
    workflow_state = story.get_workflow().start(story, champion)  # submitted by the champion
    if state == CHANGES:
        task_state = workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, editor, "reject", comment=spec["editor_comment"])


def publish(page, stdout):
    try:
        findings = clear_and_publish(page, attest_by_system=True)  # demo text passes the check
    except PublishBlocked as refusal:
        stdout.write(f"    {page.title}: kept as a draft: {refusal.message}")
        return
    if findings:
        stdout.write(f"    {page.title}: kept as a draft, {len(findings)} anonymisation finding(s)")


# -- what the loader compares ----------------------------------------------------------------

PROFILE_FIELDS = ("title", "display_name", "first_name_only", "user_id", "job_title", "agency_id")
PROFILE_FIELDS += ("area_id", "help_with", "cover_contact_id", "topics")
STORY_FIELDS = ("title", "summary", "body", "area_id", "stage_id", "agencies", "concern_types", "themes")


def fingerprint(page, fields):
    """The fields the loader writes, as plain data (relations as sorted ids or slugs)."""
    data = {}
    for name in fields:
        value = getattr(page, name)
        if name in ("topics", "themes"):
            value = sorted(tag.slug for tag in value.all())
        elif name in ("agencies", "concern_types"):
            value = sorted(term.pk for term in value.all())
        data[name] = value
    return data


# -- scenarios and case studies that show a champion -------------------------------------------
#
# Video scenarios have a featured champion and case study reflections a champion (both added with
# the champions work). champions imports neither app: the pages are found by their content type.


def demo_page(app_label, model, slug):
    """The demo scenario or case study with this slug, as the specific page, or None."""
    page = (
        Page.objects.filter(slug=slug, content_type__app_label=app_label, content_type__model=model)
        .order_by("pk")
        .first()
    )
    return page.specific if page is not None else None


def feature_on_scenario(profiles):
    """The demo scenario features its champion. Returns whether it does (False when the video
    scenarios are not loaded)."""
    scenario_slug, champion_slug = FEATURED_SCENARIO
    page = demo_page("training", "scenariopage", scenario_slug)
    if page is None or not hasattr(page, "featured_champion_id"):
        return False
    profile = profiles[champion_slug]

    def choose(content):
        if content.featured_champion_id == profile.pk:
            return False
        content.featured_champion = profile
        return True

    return update_page(page, choose)


def quote_in_case_study(profiles):
    """The demo case study's practitioner reflection is by its champion. Returns whether it is
    (False when the case studies are not loaded or the story has no reflection)."""
    case_study_slug, champion_slug = REFLECTION_CASE_STUDY
    page = demo_page("case_studies", "casestudypage", case_study_slug)
    if page is None:
        return False
    profile = profiles[champion_slug]
    found = []

    def choose(content):
        changed = False
        for block in content.body:
            if block.block_type == "reflection" and "champion" in block.block.child_blocks:
                found.append(block)
                if getattr(block.value.get("champion"), "pk", None) != profile.pk:
                    block.value["champion"] = Page.objects.get(pk=profile.pk)
                    changed = True
        return changed

    return update_page(page, choose) and bool(found)


def update_page(page, change):
    """Apply ``change(content)`` (True if it changed anything) to the page's latest content; if
    it did, publish it through the check when the page was published, else save a draft.
    Returns whether the published page shows the change (or had it already)."""
    published = page.live and not page.has_unpublished_changes
    content = page.get_latest_revision_as_object() if page.latest_revision_id else page
    if not change(content):
        return published
    if published:
        try:
            if not clear_and_publish(content, attest_by_system=True):  # no findings: published
                return True
        except PublishBlocked:
            pass
    content.save_revision()
    return False
