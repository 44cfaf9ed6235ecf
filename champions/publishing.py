"""Consent first: a champion's profile, and each of their stories, is published only while the
champion's consent is recorded (``consent.py``), on every path.

Enforced like the anonymisation guard (``cms/anonymisation/publishing.py``) and the
scenarios' captions rule (``training/publishing.py``), in layers:

* ``guard_champion_publish`` - ``pre_save`` on ChampionProfilePage and ChampionStoryPage:
  the admin Publish button, bulk publish, workflow approval, ``revision.publish()``,
  ``page.publish()`` and scheduled publishing all end with ``page.save()`` going live on a
  new revision; without consent that save raises :class:`ConsentMissing`. A page inserted
  live without consent is inserted as a draft.
* ``guard_champion_schedule`` - ``pre_save`` on Revision: scheduling a profile's or story's
  revision for later needs consent too (and the scheduled publish checks again).
* admin hooks (``wagtail_hooks.py``) turn the refusal into a message and a redirect, and say
  in the editor why a page cannot be published before anyone tries; the review's approval
  form says it too (``publish_problem()`` on the page models).

Consent is read from the database (the profile's row), never from the revision being
published: an old draft cannot bring back a consent that has since been withdrawn.

Fails closed: if the check itself cannot run, publishing stops with a message saying so.
"""

from __future__ import annotations

import logging

from cms.anonymisation.publishing import PublishBlocked

logger = logging.getLogger(__name__)


class ConsentMissing(PublishBlocked):
    """A champion page's publish was refused: no recorded consent, or no check."""


def unavailable_message(error) -> str:
    return (
        f"The consent check cannot run ({error.__class__.__name__}: {error}), so champion profiles and "
        "stories cannot be published until it is fixed. Your changes are safe; tell the site's "
        "administrators."
    )


def profile_message(name) -> str:
    return (
        f"The profile of “{name}” cannot be published: the champion's consent is not recorded "
        "(or they have withdrawn it). Record their consent first, from the profile's “Consent and "
        "yearly check” panel."
    )


def story_message(title, name) -> str:
    return (
        f"“{title}” cannot be published: its champion, {name}, has no recorded consent for their "
        "profile and stories to be published (or has withdrawn it). Their consent must be recorded "
        "on their profile first."
    )


def _consent_recorded(profile) -> bool:
    """The profile's consent as the database has it (the instance's own values for a profile
    not yet saved)."""
    from .models import ChampionProfilePage

    row = None
    if profile.pk is not None and not profile._state.adding:
        row = (
            ChampionProfilePage.objects.filter(pk=profile.pk)
            .values_list("consent_given_at", "consent_withdrawn_at")
            .first()
        )
    given, withdrawn = row if row is not None else (profile.consent_given_at, profile.consent_withdrawn_at)
    return given is not None and withdrawn is None


def _story_profile(story):
    from wagtail.models import Page

    from .models import ChampionProfilePage

    if not story.path or story.depth is None or story.depth <= 1:
        return None
    parent_path = story.path[: -Page.steplen]
    return ChampionProfilePage.objects.filter(path=parent_path).first()


def _problem(page) -> str | None:
    from .models import ChampionProfilePage, ChampionStoryPage

    if isinstance(page, ChampionProfilePage):
        if _consent_recorded(page):
            return None
        return profile_message(page.shown_name or page.title)
    if isinstance(page, ChampionStoryPage):
        profile = _story_profile(page)
        if profile is None:
            return (
                f"“{page.title}” cannot be published: a champion's story must sit under their profile. "
                "Move it under the profile of the champion who wrote it."
            )
        if _consent_recorded(profile):
            return None
        return story_message(page.title, profile.shown_name)
    return None


def publish_problem(page) -> str | None:
    """Why ``page`` (a champion profile or story, as it would be published) cannot be published,
    or None. When the check cannot run, that is the reason."""
    try:
        return _problem(page)
    except Exception as error:  # fail closed: whatever broke, nothing is published
        logger.exception("The champion consent check could not run for page %s", getattr(page, "pk", None))
        return unavailable_message(error)


def ensure_publishable(page, revision=None):
    """Raise :class:`ConsentMissing` unless ``page`` may be published."""
    problem = publish_problem(page)
    if problem:
        raise ConsentMissing(problem, page=page, revision=revision)


def guard_champion_publish(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse to make a champion's profile or story live without their consent."""
    if raw or not instance.live:
        return
    if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & set(update_fields):
        return
    if instance._state.adding:
        # Inserted live (Page.live defaults to True): kept a draft unless it could be published.
        if publish_problem(instance):
            instance.live = False
            instance.has_unpublished_changes = True
            instance.live_revision = None
        return
    from wagtail.models import Page

    before = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
    if before == (True, instance.live_revision_id):
        return  # already live on this revision: not a publish
    ensure_publishable(instance, instance.live_revision if instance.live_revision_id else None)


def guard_champion_schedule(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save on Revision: refuse to schedule a champion page's revision without consent."""
    if raw or instance.approved_go_live_at is None or not instance.pk:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    from .models import ChampionProfilePage, ChampionStoryPage

    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not issubclass(model, (ChampionProfilePage, ChampionStoryPage)):
        return
    ensure_publishable(instance.as_object(), instance)
