"""A person's programmes, completions, certificates and confidence answers in "download my
data", and what deleting the account does to them. Imported from ``TrainingConfig.ready()``.

- Enrolments, certificates and confidence answers are the person's and go with the account
  (their user foreign keys are on_delete=CASCADE). The export is to the person themselves, so
  it holds their own confidence answers, which no one else ever sees individually.
- A completed cycle (``ProgrammeCompletion``) is exported too, but outlives the account as an
  anonymous count for the dashboards: before the account goes, ``anonymise_completions``
  detaches it (``user`` empty, as the foreign key's SET_NULL would) and rounds its start
  and completion times down to the day, so what is left is a programme, a cycle, an agency,
  an area and two dates: enough for the figures, and nothing that pins the row to the
  moment of one person's register mark or learning event.

It is registered with an exporter and an anonymiser rather than put on the allow-list
(``declare_not_personal``): while the account exists the row says what that person
completed and when, so it belongs in their export, and the anonymiser does more than
SET_NULL would (the dates).
"""

from django.utils import timezone

from cms.users.personal_data import register_anonymiser, register_exporter, register_personal_data

from ..models import Certificate, ConfidenceResponse, Enrolment, ProgrammeCompletion

SECTION = "learning"


def _iso(moment):
    return moment.isoformat() if moment else None


@register_exporter(SECTION)
def export_learning(user):
    """The person's programmes (current cycle), completed cycles, certificates and confidence
    answers, oldest first."""
    enrolments = Enrolment.objects.filter(user=user).select_related("programme").order_by("started_at", "pk")
    completions = (
        ProgrammeCompletion.objects.filter(user=user)
        .select_related("programme", "agency", "area")
        .order_by("completed_at", "pk")
    )
    certificates = Certificate.objects.filter(user=user).order_by("completed_at", "pk")
    answers = (
        ConfidenceResponse.objects.filter(user=user)
        .select_related("programme")
        .order_by("answered_at", "programme_id", "cycle", "stage", "statement", "pk")
    )
    return {
        "enrolments": [
            {
                "programme": enrolment.programme.title,
                "cycle": enrolment.cycle,
                "started_at": _iso(enrolment.started_at),
                "completed_at": _iso(enrolment.completed_at),
            }
            for enrolment in enrolments
        ],
        "completions": [
            {
                "programme": completion.programme.title,
                "cycle": completion.cycle,
                "agency": completion.agency.name if completion.agency else None,
                "area": completion.area.name if completion.area else None,
                "started_at": _iso(completion.started_at),
                "completed_at": _iso(completion.completed_at),
            }
            for completion in completions
        ],
        "certificates": [
            {
                "programme": certificate.programme_title,
                "holder_name": certificate.holder_name,
                "code": certificate.display_code,
                "modules": list(certificate.modules),
                "completed_at": _iso(certificate.completed_at),
                "issued_at": _iso(certificate.issued_at),
                "expires_at": _iso(certificate.expires_at),
                "revoked_at": _iso(certificate.revoked_at),
                "revoked_reason": certificate.revoked_reason,
            }
            for certificate in certificates
        ],
        "confidence_answers": [
            {
                "programme": answer.programme.title,
                "cycle": answer.cycle,
                "stage": answer.get_stage_display(),
                "statement": answer.get_statement_display(),
                "score": answer.score,
                "answered_at": _iso(answer.answered_at),
            }
            for answer in answers
        ],
    }


def start_of_day(moment):
    """Midnight (local time) of the day `moment` falls on."""
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


@register_anonymiser
def anonymise_completions(user):
    """Keep the person's completed cycles as anonymous counts: detached, dated to the day."""
    for completion in ProgrammeCompletion.objects.filter(user=user):
        completion.user = None
        completion.started_at = start_of_day(completion.started_at)
        completion.completed_at = start_of_day(completion.completed_at)
        completion.save(update_fields=["user", "started_at", "completed_at"])


register_personal_data(Enrolment, export=SECTION, user_fields=("user",))
register_personal_data(Certificate, export=SECTION, user_fields=("user",))
register_personal_data(ConfidenceResponse, export=SECTION, user_fields=("user",))
register_personal_data(
    ProgrammeCompletion, export=SECTION, erase=anonymise_completions, user_fields=("user",)
)
