"""The 'Approve (anonymisation attested)' form of the AnonymisationCheckTask.

Wagtail builds a task's action form from the action name alone (``form_class(POST)``),
so the form finds its page through a hidden ``task_state_id`` field; on GET the modal
template builds it with ``approval_form_for`` (see templatetags). One optional
"dismiss with reason" field per unresolved finding of the page's latest revision; the
form is valid only when every one has a reason (10+ characters) and the attestation is
ticked. ``cleaned_data`` is JSON-serialisable (the page editor posts it back as the
workflow action's extra data).
"""

import hashlib

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from .extract import extract_page_text
from .models import ATTESTATION_TEXT, MIN_REASON_LENGTH
from .publishing import PublishBlocked, scan, split_findings


def field_name_for(finding) -> str:
    return "dismiss_" + hashlib.sha1(finding.key.encode()).hexdigest()[:12]


class AnonymisationApprovalForm(forms.Form):
    task_state_id = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attest = forms.BooleanField(
        label=ATTESTATION_TEXT,
        required=True,
        error_messages={"required": _("Tick the attestation to approve. If you cannot, request changes.")},
    )

    def __init__(self, data=None, *args, task_state=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if task_state is None and self.is_bound:
            task_state = self._task_state_from_data()
        self.task_state = task_state
        self.page = self.revision = None
        self.unavailable = ""  # why the check cannot run, if it cannot
        self.findings, self.unresolved, self.dismissed = [], [], []
        self.finding_fields = []  # [(finding, bound field)]
        if task_state is None:
            return
        self.fields["task_state_id"].initial = task_state.pk
        obj = task_state.workflow_state.content_object
        self.page = obj.specific if hasattr(obj, "specific") else obj
        self.revision = self.page.get_latest_revision() or task_state.revision
        try:
            self.findings = scan(extract_page_text(self.revision.as_object()), self.page, self.revision)
        except PublishBlocked as blocked:
            self.unavailable = blocked.message
        self.unresolved, self.dismissed = split_findings(self.page, self.findings)
        for finding in self.unresolved:
            name = field_name_for(finding)
            self.fields[name] = forms.CharField(
                label=_("Why “%(text)s” is not identifying (dismiss with reason)")
                % {"text": Truncator(finding.text).chars(60)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=finding.message,
            )
        self.finding_fields = [(f, self[field_name_for(f)]) for f in self.unresolved]

    def _task_state_from_data(self):
        try:
            pk = int(self.data.get(self.add_prefix("task_state_id")))
        except (TypeError, ValueError):
            return None
        return TaskState.objects.filter(pk=pk).select_related("workflow_state").first()

    def clean(self):
        cleaned = super().clean()
        if self.task_state is None:
            raise forms.ValidationError(_("This review is no longer in progress. Reload the page."))
        if self.unavailable:
            raise forms.ValidationError(self.unavailable)
        # A page type's own publishing rule (a scenario needs captions) is said here, not as a 403.
        page = self.revision.as_object()
        problem = page.publish_problem() if hasattr(page, "publish_problem") else None
        if problem:
            raise forms.ValidationError(problem)
        dismissals = {}
        for finding in self.unresolved:
            name = field_name_for(finding)
            reason = (cleaned.get(name) or "").strip()
            if not reason:
                self.add_error(
                    name, _("Dismiss this finding with a reason, or request changes so it is removed.")
                )
            elif len(reason) < MIN_REASON_LENGTH:
                self.add_error(
                    name, _("Give a reason of at least %(n)d characters.") % {"n": MIN_REASON_LENGTH}
                )
            else:
                dismissals[finding.key] = reason
        if self.errors:
            return cleaned
        return {
            "task_state_id": self.task_state.pk,
            "comment": cleaned.get("comment", ""),
            "attest": bool(cleaned.get("attest")),
            "dismissals": dismissals,
        }
