"""What the anonymisation guard remembers: dismissed findings, clearances, the workflow task."""

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

MIN_REASON_LENGTH = 10


class FindingDismissal(models.Model):
    """An editor judged one finding not identifying, and said why.

    It applies to every later revision of the page that has the same finding
    (same ``Finding.key``: kind, location and normalised text).
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="anonymisation_dismissals"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finding_key = models.CharField(max_length=1000)
    kind = models.CharField(max_length=40)
    location = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    reason = models.TextField(validators=[MinLengthValidator(MIN_REASON_LENGTH)])
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["page", "finding_key"])]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("reason"), MIN_REASON_LENGTH),
                name="anonymisation_dismissal_reason_min_length",
            ),
        ]

    def __str__(self):
        return f"{self.kind} '{self.text}' dismissed on page {self.page_id}"


class AnonymisationClearance(models.Model):
    """A human (or, for clean imports, the system) attested this revision is anonymised.

    A revision of a guarded page may be published only when a clearance exists for it.
    """

    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="anonymisation_clearances"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anonymisation_clearances",
    )
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attested_at = models.DateTimeField(auto_now_add=True)
    is_system = models.BooleanField(
        default=False, help_text="Cleared automatically: the scan found nothing (e.g. an import)."
    )
    findings_count = models.PositiveIntegerField(default=0)
    dismissed_count = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(
        max_length=64, blank=True, help_text="Fingerprint of the text that was attested."
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Earlier clearance of identical text this one was carried over from.",
    )

    class Meta:
        ordering = ["-attested_at", "-id"]

    def __str__(self):
        return f"Clearance of revision {self.revision_id}"

    def save(self, *args, **kwargs):
        if self.page_id is None or not self.content_hash:
            from .extract import content_hash, extract_page_text

            obj = self.revision.as_object()
            if self.page_id is None:
                self.page_id = int(self.revision.object_id)
            if not self.content_hash:
                self.content_hash = content_hash(extract_page_text(obj))
        super().save(*args, **kwargs)


ATTESTATION_TEXT = _(
    "I attest this content is anonymised: no child, family or professional can be identified"
)


class AnonymisationCheckTask(AbstractGroupApprovalTask):
    """Workflow step: review the anonymisation findings, dismiss or fix each, attest, approve.

    Members of the chosen groups (the Editor group by default) and superusers may act.
    Approval publishes the revision (at the end of the workflow) only with a clearance.
    """

    class Meta:
        verbose_name = _("Anonymisation check task")
        verbose_name_plural = _("Anonymisation check tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups check the content for identifying details, dismiss or send back "
            "each finding, and attest the content is anonymised"
        )

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve (anonymisation attested)"), True),
            ]
        return []

    def get_form_for_action(self, action):
        if action == "approve":
            from .forms import AnonymisationApprovalForm

            return AnonymisationApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == "approve":
            return "anonymisation/approve_modal.html"
        return ""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from .publishing import attest_and_approve

            kwargs.pop("task_state_id", None)
            return attest_and_approve(self, task_state, user, **kwargs)
        return super().on_action(task_state, user, action_name, **kwargs)
