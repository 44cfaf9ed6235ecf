"""The publish guard: a guarded page's revision is published only with an anonymisation clearance.

Layers (each enough on its own; together they give early, friendly errors):

* ``guard_page_publish`` - a ``pre_save`` receiver on every guarded page model (see
  ``guard.py``). Wagtail's publish machinery (the admin Publish button, bulk publish,
  scheduled publishing, workflow approval, ``revision.publish()``) ends with
  ``page.save()`` with a new ``live_revision``; without a clearance for that revision
  the save raises :class:`PublishBlocked`. New guarded pages are always inserted as
  drafts (``live=False``), whatever the caller asked.
* ``guard_revision_schedule`` - a ``pre_save`` receiver on ``Revision`` refusing to
  schedule a guarded revision without a clearance.
* admin hooks (``wagtail_hooks.py``) turn the error into a message + redirect.

Fails closed: when the detector cannot run (a recogniser's library did not load), every
path that would publish raises :class:`PublishBlocked` with that reason.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.text import Truncator
from wagtail.log_actions import log

from .detection import DetectorUnavailable, Finding, check_available, scan_fields
from .extract import content_hash, extract_page_text
from .guard import is_guarded


class PublishBlocked(PermissionDenied):
    """Publishing was refused: no anonymisation clearance for the revision, or no check."""

    def __init__(self, message, findings=(), page=None, revision=None):
        super().__init__(message)
        self.message = message
        self.findings = list(findings)
        self.page = page
        self.revision = revision

    def __str__(self):
        return self.message


def unavailable_message(error: DetectorUnavailable) -> str:
    return (
        f"The anonymisation check cannot run ({error}), so nothing can be published until it is "
        "fixed. Your changes are safe; tell the site's administrators."
    )


def scan(fields, page=None, revision=None) -> list[Finding]:
    """``scan_fields`` that turns a detector that cannot run into :class:`PublishBlocked`."""
    try:
        return scan_fields(fields)
    except DetectorUnavailable as error:
        raise PublishBlocked(unavailable_message(error), page=page, revision=revision) from error


# --------------------------------------------------------------------------
# Findings and their dismissals
# --------------------------------------------------------------------------


def dismissals_for(page) -> dict:
    """{finding key: latest FindingDismissal} for the page."""
    from .models import FindingDismissal

    result = {}
    for dismissal in FindingDismissal.objects.filter(page_id=page.pk).order_by("created", "id"):
        result[dismissal.finding_key] = dismissal
    return result


def split_findings(page, findings: list[Finding]):
    """(unresolved findings, [(finding, dismissal), ...] already dismissed for this page)."""
    dismissals = dismissals_for(page) if page.pk else {}
    unresolved, dismissed = [], []
    for finding in findings:
        if finding.key in dismissals:
            dismissed.append((finding, dismissals[finding.key]))
        else:
            unresolved.append(finding)
    return unresolved, dismissed


def describe_finding(finding: Finding) -> str:
    return f"{finding.location}: “{Truncator(finding.text).chars(60)}” ({finding.kind.replace('_', ' ')})"


def finding_data(finding: Finding, **extra) -> dict:
    return {
        "key": finding.key,
        "kind": finding.kind,
        "location": finding.location,
        "text": finding.text,
        "message": finding.message,
        **extra,
    }


# --------------------------------------------------------------------------
# Clearances
# --------------------------------------------------------------------------


def find_clearance(revision, obj=None):
    """The clearance that lets ``revision`` be published, or None.

    A clearance of this revision counts if the revision's text is still the text that
    was attested. A revision whose scanned text is identical to an earlier cleared
    revision of the same page (e.g. only the review date changed) gets that clearance
    carried over: a new clearance row for this revision, ``carried_from`` the earlier one.
    """
    from .models import AnonymisationClearance

    obj = obj if obj is not None else revision.as_object()
    digest = content_hash(extract_page_text(obj))
    for clearance in AnonymisationClearance.objects.filter(revision=revision):
        if not clearance.content_hash or clearance.content_hash == digest:
            return clearance
    prior = (
        AnonymisationClearance.objects.filter(page_id=obj.pk, content_hash=digest)
        .exclude(revision=revision)
        .order_by("-attested_at", "-id")
        .first()
    )
    if prior is None:
        return None
    return AnonymisationClearance.objects.create(
        revision=revision,
        page_id=obj.pk,
        attested_by=prior.attested_by,
        is_system=prior.is_system,
        findings_count=prior.findings_count,
        dismissed_count=prior.dismissed_count,
        content_hash=digest,
        carried_from=prior,
    )


def blocked_message(obj, unresolved) -> str:
    title = getattr(obj, "draft_title", None) or getattr(obj, "title", "") or str(obj)
    if unresolved:
        listed = "; ".join(describe_finding(f) for f in unresolved[:5])
        more = f"; and {len(unresolved) - 5} more" if len(unresolved) > 5 else ""
        return (
            f"“{title}” cannot be published: {len(unresolved)} possible identifying "
            f"detail{'s' if len(unresolved) != 1 else ''} must be removed, or dismissed with a reason in the "
            f"anonymisation check, first. {listed}{more}."
        )
    return (
        f"“{title}” cannot be published until an editor attests it is anonymised. Submit it for review; "
        "an editor approves it there with the anonymisation attestation."
    )


def ensure_cleared(revision, obj=None):
    """Return the clearance for ``revision`` or raise :class:`PublishBlocked`."""
    obj = obj if obj is not None else revision.as_object()
    try:
        check_available()
    except DetectorUnavailable as error:
        raise PublishBlocked(unavailable_message(error), page=obj, revision=revision) from error
    clearance = find_clearance(revision, obj)
    if clearance is not None:
        return clearance
    unresolved = split_findings(obj, scan(extract_page_text(obj), obj, revision))[0]
    raise PublishBlocked(blocked_message(obj, unresolved), findings=unresolved, page=obj, revision=revision)


def guard_page_publish(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse to make a guarded page live on a revision without a clearance."""
    if raw or not is_guarded(sender):
        return
    if instance._state.adding and instance.live:
        # A guarded page is always created as a draft (Page.live defaults to True, and the
        # admin's "create and publish" inserts the page live before publishing its revision).
        instance.live = False
        instance.has_unpublished_changes = True
        instance.live_revision = None
        return
    if not instance.live or not instance.live_revision_id:
        return
    if update_fields is not None and not {"live", "live_revision", "live_revision_id"} & set(update_fields):
        return
    if instance.pk:
        from wagtail.models import Page

        before = Page.objects.filter(pk=instance.pk).values_list("live", "live_revision_id").first()
        if before == (True, instance.live_revision_id):
            return  # already live on this revision: not a publish
    ensure_cleared(instance.live_revision, obj=instance)


def guard_revision_schedule(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save on Revision: refuse to schedule a guarded revision without a clearance."""
    if raw or instance.approved_go_live_at is None or not instance.pk:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not is_guarded(model):
        return
    ensure_cleared(instance)


# --------------------------------------------------------------------------
# Attesting
# --------------------------------------------------------------------------


def _log_dismissal(page, revision, user, finding, dismissal):
    log(
        instance=page,
        action="anonymisation.dismiss",
        user=user,
        revision=revision,
        data={"finding": finding_data(finding), "reason": dismissal.reason, "dismissal_id": dismissal.pk},
    )


def _log_attestation(page, revision, user, clearance, findings, dismissed, system=False):
    from .models import ATTESTATION_TEXT

    log(
        instance=page,
        action="anonymisation.attest",
        user=user,
        revision=revision,
        data={
            "revision_id": revision.pk,
            "clearance_id": clearance.pk,
            "system": system,
            "attestation": "" if system else str(ATTESTATION_TEXT),
            "findings_count": len(findings),
            "dismissed_count": len(dismissed),
            "dismissed": [finding_data(f, reason=d.reason, dismissal_id=d.pk) for f, d in dismissed],
        },
    )


@transaction.atomic
def record_attestation(page, revision, user, *, attest, dismissals=None):
    """Check every finding of ``revision`` is dismissed (now or earlier) and store the clearance.

    ``dismissals``: {finding key: reason}. Raises PublishBlocked when the attestation is
    missing or a finding is neither gone nor dismissed with a reason of 10+ characters.
    """
    from .models import MIN_REASON_LENGTH, AnonymisationClearance, FindingDismissal

    if not attest:
        raise PublishBlocked("Tick the anonymisation attestation to approve.", page=page, revision=revision)
    dismissals = dismissals or {}
    obj = revision.as_object()
    fields = extract_page_text(obj)
    findings = scan(fields, page, revision)
    unresolved, dismissed = split_findings(page, findings)
    still_unresolved, new = [], []
    for finding in unresolved:
        reason = (dismissals.get(finding.key) or "").strip()
        if len(reason) >= MIN_REASON_LENGTH:
            new.append((finding, reason))
        else:
            still_unresolved.append(finding)
    if still_unresolved:
        raise PublishBlocked(
            blocked_message(obj, still_unresolved), findings=still_unresolved, page=page, revision=revision
        )
    for finding, reason in new:
        dismissal = FindingDismissal.objects.create(
            page_id=page.pk,
            revision=revision,
            finding_key=finding.key,
            kind=finding.kind,
            location=finding.location[:500],
            text=finding.text,
            reason=reason,
            dismissed_by=user,
        )
        _log_dismissal(page, revision, user, finding, dismissal)
        dismissed.append((finding, dismissal))
    clearance = AnonymisationClearance.objects.create(
        revision=revision,
        page_id=page.pk,
        attested_by=user,
        findings_count=len(findings),
        dismissed_count=len(dismissed),
        content_hash=content_hash(fields),
    )
    _log_attestation(page, revision, user, clearance, findings, dismissed)
    return clearance


def _workflow_page(task_state):
    obj = task_state.workflow_state.content_object
    return obj.specific if hasattr(obj, "specific") else obj


@transaction.atomic
def attest_and_approve(task, task_state, user, *, attest=False, dismissals=None, comment="", **kwargs):
    """AnonymisationCheckTask's approve action: record dismissals + clearance, then approve.

    The clearance is for the page's latest revision - the one Wagtail publishes when the
    workflow finishes (it may be newer than the submitted one if the reviewer edited it).
    """
    page = _workflow_page(task_state)
    if user is None or "approve" not in [name for name, _label, _modal in task.get_actions(page, user)]:
        raise PermissionDenied("You cannot approve the anonymisation check.")
    revision = page.get_latest_revision() or task_state.revision
    record_attestation(page, revision, user, attest=attest, dismissals=dismissals)
    task_state.approve(user=user, comment=comment or "")


# --------------------------------------------------------------------------
# Programmatic publishing (importer, demo loader)
# --------------------------------------------------------------------------

_BOOKKEEPING = {
    "pk",
    "id",
    "page_ptr",
    "latest_revision",
    "latest_revision_created_at",
    "live",
    "live_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "url_path",
    "path",
    "depth",
    "numchild",
    "expired",
    "content_type",
    "owner",
    "wagtail_admin_comments",
    "comments",
    "translation_key",
    "locale",
    "alias_of",
}


def _comparable(data):
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return {key: value for key, value in data.items() if key not in _BOOKKEEPING}


def _revision_for(page, user):
    """The latest revision, or a new one when the in-memory page differs from it."""
    latest = page.get_latest_revision() if page.pk else None
    if latest is not None and _comparable(latest.content) == _comparable(page.serializable_data()):
        return latest
    return page.save_revision(user=user)


def clear_and_publish(page, user=None, attest_by_system=False) -> list[Finding]:
    """Publish ``page`` if its latest content has no unresolved finding; else return the findings.

    Scans the latest revision (saving one first if the page instance has unsaved
    changes). No unresolved findings: records a clearance - attested by ``user``, or by
    the system (``attested_by`` None, ``is_system``) when ``attest_by_system`` or no user
    is given - logs ``anonymisation.attest`` and publishes; returns ``[]``. Otherwise the
    page stays a draft and the unresolved findings are returned.
    """
    from .models import AnonymisationClearance

    page = (
        page.specific if hasattr(page, "specific_class") and type(page) is not page.specific_class else page
    )
    with transaction.atomic():
        revision = _revision_for(page, user)
        obj = revision.as_object()
        fields = extract_page_text(obj)
        findings = scan(fields, page, revision)
        unresolved, dismissed = split_findings(page, findings)
        if unresolved:
            return unresolved
        system = attest_by_system or user is None
        attester = None if system else user
        clearance = AnonymisationClearance.objects.create(
            revision=revision,
            page_id=page.pk,
            attested_by=attester,
            is_system=system,
            findings_count=len(findings),
            dismissed_count=len(dismissed),
            content_hash=content_hash(fields),
        )
        _log_attestation(page, revision, user, clearance, findings, dismissed, system=system)
        revision.publish(user=user)
    page.refresh_from_db()
    return []
