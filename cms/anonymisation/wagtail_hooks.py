"""Admin wiring of the anonymisation guard: log actions, friendly publish refusals, editor warnings."""

from django.contrib import messages as django_messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter

from .extract import extract_page_text
from .guard import is_guarded
from .publishing import PublishBlocked, ensure_cleared, find_clearance, scan, split_findings

MAX_LISTED = 8


def findings_html(findings):
    return mark_safe(
        render_to_string(
            "anonymisation/findings_message.html",
            {
                "findings": findings[:MAX_LISTED],
                "more": max(len(findings) - MAX_LISTED, 0),
            },
        )
    )


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# --------------------------------------------------------------------------
# Audit log
# --------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_anonymisation_log_actions(actions):
    @actions.register_action("anonymisation.attest")
    class AttestFormatter(LogFormatter):
        label = _("Attest anonymisation")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            if data.get("system"):
                return _(
                    "Anonymisation cleared automatically: the scan found no unresolved finding "
                    "(%(dismissed)s dismissed earlier)"
                ) % {"dismissed": data.get("dismissed_count", 0)}
            return _(
                "Attested anonymised: %(findings)s finding(s) scanned, %(dismissed)s dismissed with a reason"
            ) % {"findings": data.get("findings_count", 0), "dismissed": data.get("dismissed_count", 0)}

    @actions.register_action("anonymisation.dismiss")
    class DismissFormatter(LogFormatter):
        label = _("Dismiss anonymisation finding")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            finding = data.get("finding") or {}
            return _("Dismissed %(kind)s finding “%(text)s” in %(location)s: %(reason)s") % {
                "kind": str(finding.get("kind", "")).replace("_", " "),
                "text": finding.get("text", ""),
                "location": finding.get("location", ""),
                "reason": data.get("reason", ""),
            }


# --------------------------------------------------------------------------
# Publish refusals
# --------------------------------------------------------------------------


@hooks.register("before_publish_page")
def refuse_publish_without_clearance(request, page):
    """Admin Publish (edit and create views) runs after the draft revision is saved: refuse nicely."""
    if not is_guarded(page):
        return None
    revision = page.get_latest_revision()
    try:
        if revision is None:
            raise PublishBlocked(f"“{page.title}” has no saved draft to publish.", page=page)
        ensure_cleared(revision)
    except PublishBlocked as blocked:
        detail = findings_html(blocked.findings) if blocked.findings else ""
        django_messages.error(
            request,
            messages.render(
                _("Not published. %(reason)s Your changes are saved as a draft.")
                % {"reason": blocked.message},
                [],
                detail,
            ),
        )
        return redirect(_edit_url(page))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_without_clearance(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    pages = list(objects)
    form = getattr(action_class_instance, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants().not_live().specific())
    blocked = []
    for page in pages:
        page = page.specific
        if not is_guarded(page):
            continue
        revision = page.get_latest_revision()
        if revision is None or find_clearance(revision) is None:
            blocked.append(page)
    if not blocked:
        return None
    messages.error(
        request,
        format_html(
            "{} {}",
            _(
                "Nothing was published: these pages need the anonymisation check and attestation first "
                "(submit them for review):"
            ),
            ", ".join(f"“{page.title}”" for page in blocked[:10]) + ("…" if len(blocked) > 10 else ""),
        ),
    )
    return redirect(action_class_instance.next_url)


# --------------------------------------------------------------------------
# Findings shown to authors and editors while they edit
# --------------------------------------------------------------------------


@hooks.register("before_edit_page")
def warn_about_findings(request, page):
    if request.method != "GET" or not is_guarded(page):
        return None
    page = page.specific
    revision = page.get_latest_revision()
    obj = revision.as_object() if revision else page
    try:
        unresolved, _dismissed = split_findings(page, scan(extract_page_text(obj), page, revision))
    except PublishBlocked as blocked:
        django_messages.error(request, blocked.message)
        return None
    if unresolved:
        django_messages.warning(
            request,
            messages.render(
                format_html(
                    "{} {}",
                    ngettext(
                        "Anonymisation check: %(n)s possible identifying detail in the latest draft.",
                        "Anonymisation check: %(n)s possible identifying details in the latest draft.",
                        len(unresolved),
                    )
                    % {"n": len(unresolved)},
                    _(
                        "Remove them before submitting for review. An editor may instead dismiss one "
                        "with a reason when approving, if it cannot identify anyone."
                    ),
                ),
                [],
                findings_html(unresolved),
            ),
        )
    return None
