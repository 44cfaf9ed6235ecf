"""The confidence check's page: /my-learning/programmes/<id>/confidence/<stage>/.

Only for the signed-in person's own enrolment (anyone else, or a programme they are not
enrolled in, gets "not found"). One GOV.UK page per questionnaire: each statement is a
fieldset of five radios, all required. A stage already answered shows only the date it
was answered, never the answers; a stage not open now says so and saves nothing.
See ``confidence.py`` for when each stage is open.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..choices import ConfidenceStage, ConfidenceStatement
from . import confidence

TEMPLATE_DIR = "training/confidence"

HEADINGS = {
    ConfidenceStage.BEFORE: "Before you start: how confident do you feel?",
    ConfidenceStage.AFTER: "You have finished: how confident do you feel now?",
    ConfidenceStage.FOLLOW_UP: "Some weeks on: how confident do you feel now?",
}


def field_name(statement):
    return statement.replace("-", "_")


class ConfidenceForm(forms.Form):
    """One required 1-to-5 choice per statement; nothing else (no free text, by design)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for statement in ConfidenceStatement:
            self.fields[field_name(statement.value)] = forms.TypedChoiceField(
                label=statement.label,
                choices=confidence.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select how much you agree that “{statement.label}”",
                    "invalid_choice": f"Select how much you agree that “{statement.label}”",
                },
            )

    def scores(self):
        return {
            statement.value: self.cleaned_data[field_name(statement.value)]
            for statement in ConfidenceStatement
        }


def _render(request, template, status, context, http_status=200):
    context = {
        "programme": status.programme,
        "stage": status.stage,
        "stage_label": ConfidenceStage(status.stage).label,
        "heading": HEADINGS[ConfidenceStage(status.stage)],
        "status": status,
        **context,
    }
    return render(request, f"{TEMPLATE_DIR}/{template}", context, status=http_status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def questionnaire(request, programme_id, stage):
    status = confidence.stage_status(request.user, programme_id, stage)
    if status is None:  # not a stage, or not this person's enrolment
        raise Http404
    if status.answered:
        if request.method == "POST":  # a second submit: nothing changes
            return redirect(request.path)
        return _render(request, "answered.html", status, {})
    if not status.is_open():
        return _render(
            request, "closed.html", status, {}, http_status=409 if request.method == "POST" else 200
        )

    form = ConfidenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = confidence.save_answers(request.user, programme_id, stage, form.scores())
        if outcome == confidence.Outcome.SAVED:
            messages.success(request, "Thank you. Your answers have been saved.")
            return redirect("my_learning:index")
        # Answered or closed between the page and the save: show where it stands now.
        return redirect(request.path)
    return _render(request, "questionnaire.html", status, {"form": form, "scale": confidence.SCALE})
