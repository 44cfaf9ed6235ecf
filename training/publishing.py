"""A scenario is published only with a ready video that has English captions, on every path.

Captions are what make a video usable for deaf and hard-of-hearing practitioners (and the
transcript and text version are built from them), so the rule is enforced like the
anonymisation guard (``cms/anonymisation/publishing.py``), in layers:

* ``guard_scenario_publish`` - ``pre_save`` on ScenarioPage: the admin Publish button,
  bulk publish, workflow approval, ``revision.publish()``, ``page.publish()`` and
  scheduled publishing all end with ``page.save()`` going live on a new revision; without
  a ready, captioned video that save raises :class:`ScenarioNotPublishable`. A new page
  inserted live without one is inserted as a draft.
* ``guard_scenario_schedule`` - ``pre_save`` on Revision: scheduling a scenario's revision
  for later needs the same.
* admin hooks (``wagtail_hooks.py``) turn the refusal into a message and a redirect, and
  warn in the editor before anyone tries.

Fails closed: if the check itself cannot run, publishing stops with a message saying so.
"""

from __future__ import annotations

import logging

from cms.anonymisation.publishing import PublishBlocked

logger = logging.getLogger(__name__)

CAPTIONS_MESSAGE = (
    "Add English captions to the video before publishing: scenarios cannot be published without captions."
)


class ScenarioNotPublishable(PublishBlocked):
    """A scenario's publish was refused: no ready video with English captions, or no check."""


def unavailable_message(error) -> str:
    return (
        f"The captions check cannot run ({error.__class__.__name__}: {error}), so this scenario cannot be "
        "published until it is fixed. Your changes are safe; tell the site's administrators."
    )


def _problem(page) -> str | None:
    from media.captions import read_track
    from media.models import TranscodeStatus, Video

    from .models import english_captions

    if not page.video_id:
        return (
            "Choose the scenario's video before publishing, and add English captions to it: "
            "scenarios cannot be published without captions."
        )
    video = Video.objects.filter(pk=page.video_id).first()
    if video is None:
        return "The scenario's video no longer exists: choose another before publishing."
    if video.status == TranscodeStatus.FAILED:
        reason = video.failure_reason or "no reason given"
        return (
            f"The video “{video.title}” could not be prepared for the web ({reason}): "
            "retry it under Media, or choose another, before publishing."
        )
    if not video.is_ready:
        return (
            f"The video “{video.title}” is still being prepared ({video.get_status_display().lower()}): "
            "publish the scenario when it is ready."
        )
    track = english_captions(video)
    if track is None:
        return CAPTIONS_MESSAGE
    if not read_track(track):
        return (
            f"The English captions of “{video.title}” cannot be read (the file is missing or damaged): "
            "upload them again. Scenarios cannot be published without captions."
        )
    return None


def publish_problem(page) -> str | None:
    """Why ``page`` (a ScenarioPage, as it would be published) cannot be published, or None.
    When the check cannot run, that is the reason."""
    try:
        return _problem(page)
    except Exception as error:  # fail closed: whatever broke, nothing is published
        logger.exception("The scenario captions check could not run for page %s", getattr(page, "pk", None))
        return unavailable_message(error)


def ensure_publishable(page, revision=None):
    """Raise :class:`ScenarioNotPublishable` unless ``page`` may be published."""
    problem = publish_problem(page)
    if problem:
        raise ScenarioNotPublishable(problem, page=page, revision=revision)


def guard_scenario_publish(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse to make a scenario live without a ready, captioned video."""
    if raw or not instance.live:
        return
    if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & set(update_fields):
        return
    if instance._state.adding:
        # Inserted live (Page.live defaults to True; the admin's "create and publish" inserts
        # the page before publishing its revision): kept a draft unless it could be published.
        # The anonymisation guard makes every new guarded page a draft anyway; this holds
        # whichever receiver runs first.
        if publish_problem(instance):
            instance.live = False
            instance.has_unpublished_changes = True
            instance.live_revision = None
        return
    if instance.pk:
        from wagtail.models import Page

        before = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
        if before == (True, instance.live_revision_id):
            return  # already live on this revision: not a publish
    ensure_publishable(instance, instance.live_revision if instance.live_revision_id else None)


def guard_scenario_schedule(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save on Revision: refuse to schedule a scenario's revision without a captioned video."""
    if raw or instance.approved_go_live_at is None or not instance.pk:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    from .models import ScenarioPage

    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not issubclass(model, ScenarioPage):
        return
    ensure_publishable(instance.as_object(), instance)
