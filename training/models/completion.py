"""Completion tracking: who is taking which programme, who finished it, their
certificates, and their before-and-after confidence.

Progress itself is never stored here: it is read from the learning record
(``cms.learning_record``), the one seam every feature app writes to. These tables hold
only what the learning record cannot: a person's current cycle of a programme (so a
refresher restarts it), each completed cycle (kept without the person after account
deletion, for the dashboards' anonymous counts), the certificate issued for it, and
the confidence questionnaire's answers (never shown individually to anyone).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..choices import ConfidenceStage, ConfidenceStatement
from .programmes import InductionProgrammePage

# Verification codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
# shown as XXXX-XXXX-XXXX. 31**12 is about 8e17: a made-up code never matches.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_certificate_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Enrolment(models.Model):
    """A person's current cycle of a programme.

    Cycle 1 counts everything the person has done; a refresher starts the next cycle,
    which counts only what is done after ``started_at``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(InductionProgrammePage, on_delete=models.CASCADE, related_name="enrolments")
    cycle = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Reminders (training.completion.reminders): at most one nudge a fortnight, one
    # "refresher due soon" per cycle.
    last_nudged_at = models.DateTimeField(null=True, blank=True)
    refresher_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="one_enrolment_per_person_programme")
        ]
        permissions = [
            ("view_learning_dashboard", "Can view the learning dashboard (aggregate figures only)"),
        ]

    def __str__(self):
        return f"Enrolment {self.pk} in programme {self.programme_id}, cycle {self.cycle}"


class ProgrammeCompletion(models.Model):
    """One completed cycle of a programme.

    The person's agency and area are copied at completion, so the dashboards count by
    them without reading profiles, and the row survives account deletion as an
    anonymous count (the user becomes NULL).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        InductionProgrammePage, on_delete=models.CASCADE, related_name="completions"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    agency = models.ForeignKey(
        "taxonomy.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        "taxonomy.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["completed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "cycle"],
                condition=Q(user__isnull=False),
                name="one_completion_per_person_cycle",
            )
        ]

    def __str__(self):
        return f"Completion {self.pk} of programme {self.programme_id}, cycle {self.cycle}"


class Certificate(models.Model):
    """The certificate for one completed cycle. What it says is copied at issue, so it
    stays true to what was completed even if the programme page changes later."""

    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_certificate_code, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completion = models.OneToOneField(
        ProgrammeCompletion, on_delete=models.CASCADE, related_name="certificate"
    )
    holder_name = models.CharField(max_length=150)
    programme_title = models.CharField(max_length=255)
    modules = models.JSONField(default=list, help_text="The titles of the modules completed, in order.")
    completed_at = models.DateTimeField()
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="When a refresher falls due; empty: never."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-completed_at", "pk"]

    def __str__(self):
        return f"Certificate {self.display_code}"

    @property
    def display_code(self):
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class ConfidenceResponse(models.Model):
    """One answer (1 to 5) to one confidence statement, before or after a programme.

    Matched per person (user, programme, cycle) for the dashboard's before-and-after
    change; never shown individually. No free text, by design.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        InductionProgrammePage, on_delete=models.CASCADE, related_name="confidence_responses"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    stage = models.CharField(max_length=16, choices=ConfidenceStage.choices)
    statement = models.CharField(max_length=40, choices=ConfidenceStatement.choices)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "cycle", "stage", "statement"], name="one_confidence_answer_each"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="confidence_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Confidence answer {self.pk}"
