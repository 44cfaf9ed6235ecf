"""Certificates of completion: issued once per completed cycle, verified by code, revoked
by an Editor.

What a certificate says (holder, programme, modules, completion date) is copied when it
is issued, so it stays true to what was completed. Its verification code is 12 characters
from an alphabet without look-alikes (``models.completion.CODE_ALPHABET``), shown as
XXXX-XXXX-XXXX.

``issue_certificate(completion, module_titles)`` is the contract the progress code calls
when a cycle completes; calling it again for the same completion returns the same
certificate.
"""

import enum
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry

from ..models import Certificate
from ..models.completion import CODE_ALPHABET, CODE_LENGTH
from .progress import refresher_due

# The audit-log action recorded when an Editor revokes a certificate (registered for the
# admin's history views by ``register_log_actions`` below, from training/wagtail_hooks.py;
# ``revoke`` registers it itself if the hook has not).
REVOKE_ACTION = "training.certificate.revoke"
REASON_MAX_LENGTH = Certificate._meta.get_field("revoked_reason").max_length

# What people type or paste between the groups of a code: spaces of any kind, hyphens and
# the dashes a word processor swaps them for.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# Longest input worth looking at: a code with a separator between every character.
MAX_INPUT_LENGTH = CODE_LENGTH * 4


class Status(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


def holder_name(user):
    return (user.display_name or user.get_full_name() or user.email).strip()


def expiry_for(completion):
    """When a refresher falls due for this completion (``None``: the programme has none)."""
    return refresher_due(completion.completed_at, completion.programme.refresher_months)


def issue_certificate(completion, module_titles):
    """The certificate for `completion` (a ProgrammeCompletion with a user), made once."""
    defaults = {
        "user": completion.user,
        "holder_name": holder_name(completion.user)[:150],
        "programme_title": completion.programme.title,
        "modules": [str(title) for title in module_titles],
        "completed_at": completion.completed_at,
        "expires_at": expiry_for(completion),
    }
    try:
        with transaction.atomic():
            certificate, _ = Certificate.objects.get_or_create(completion=completion, defaults=defaults)
    except IntegrityError:
        # Issued at the same moment by another request: theirs is the certificate.
        certificate = Certificate.objects.get(completion=completion)
    return certificate


def status(certificate, now=None):
    """Valid, expired (its refresher fell due) or revoked (revoking wins)."""
    if certificate.revoked_at is not None:
        return Status.REVOKED
    now = now or timezone.now()
    if certificate.expires_at is not None and certificate.expires_at <= now:
        return Status.EXPIRED
    return Status.VALID


def normalise(code):
    """A code as typed (any case, with spaces or hyphens) in its stored form, or ``""`` if it
    cannot be a code: wrong length, or a character outside the alphabet (0, O, 1, I and L
    are never used, so a code with them simply is not found)."""
    if not isinstance(code, str) or len(code) > MAX_INPUT_LENGTH:
        return ""
    code = _SEPARATORS.sub("", code).upper()
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return ""
    return code


def display(code):
    """A stored code as people read it: XXXX-XXXX-XXXX."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def find(code, queryset=None):
    """The certificate with this code as typed, or ``None`` (malformed codes never reach the
    database)."""
    code = normalise(code)
    if not code:
        return None
    queryset = Certificate.objects.all() if queryset is None else queryset
    return queryset.filter(code=code).first()


def revoke(certificate, reason, by):
    """Revoke `certificate` for `reason`, recording `by` (the Editor) in Wagtail's audit log.

    Returns ``False`` (and changes nothing) if it was already revoked.
    """
    reason = " ".join(str(reason).split())[:REASON_MAX_LENGTH]
    if not log_registry.action_exists(REVOKE_ACTION):
        # Wagtail refuses to log an unregistered action; the hook normally registers it.
        register_log_actions(log_registry)
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if current.revoked_at is not None:
            certificate.revoked_at, certificate.revoked_reason = current.revoked_at, current.revoked_reason
            return False
        current.revoked_at = timezone.now()
        current.revoked_reason = reason
        current.save(update_fields=["revoked_at", "revoked_reason"])
        # The log's label is str(certificate), the code only: no holder's name in the history.
        log(current, REVOKE_ACTION, user=by, data={"reason": reason})
    certificate.revoked_at, certificate.revoked_reason = current.revoked_at, current.revoked_reason
    return True


def register_log_actions(actions):
    """For the ``register_log_actions`` hook: how the admin's history shows a revocation."""
    actions.register_action(REVOKE_ACTION, "Revoke certificate", "Certificate revoked")
