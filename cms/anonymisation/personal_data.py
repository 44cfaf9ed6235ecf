"""An editor's dismissals and attestations in their "download my data".

On deletion the audit trail stays (who published what is the site's record), but it no
longer points at the person: the links are cleared before the account goes.
"""

from cms.users.personal_data import register_anonymiser, register_exporter, register_personal_data

from .models import AnonymisationClearance, FindingDismissal

SECTION = "anonymisation_reviews"


@register_exporter(SECTION)
def export_reviews(user):
    return {
        "dismissed_findings": [
            {
                "page": str(d.page),
                "kind": d.kind,
                "text": d.text,
                "reason": d.reason,
                "when": d.created.isoformat(),
            }
            for d in FindingDismissal.objects.filter(dismissed_by=user)
            .select_related("page")
            .order_by("created")
        ],
        "attestations": [
            {
                "page": str(c.page) if c.page_id else None,
                "revision": c.revision_id,
                "when": c.attested_at.isoformat(),
            }
            for c in AnonymisationClearance.objects.filter(attested_by=user)
            .select_related("page")
            .order_by("attested_at")
        ],
    }


@register_anonymiser
def detach_reviews(user):
    FindingDismissal.objects.filter(dismissed_by=user).update(dismissed_by=None)
    AnonymisationClearance.objects.filter(attested_by=user).update(attested_by=None)


register_personal_data(FindingDismissal, export=SECTION, erase=detach_reviews, user_fields=("dismissed_by",))
register_personal_data(
    AnonymisationClearance, export=SECTION, erase=detach_reviews, user_fields=("attested_by",)
)
