"""The reflection form: private free-text answers to a scenario's reflective questions.

The site is never a channel for live case information, so the form says so, and each
answer goes through the anonymisation check's detector: an answer that looks like it
names a person or holds a date of birth, an address or a record number is sent back
with what to remove.
"""

from django import forms

from cms.anonymisation.detection import PERSONAL_KINDS, DetectorUnavailable, scan_text

MAX_ANSWER = 2000  # Reflection.answer's max_length
REAL_CASE_WARNING = (
    "Never enter details of a real case: names, dates, places or anything that could identify "
    "a child, family or colleague."
)


def identifying_details(text):
    """What in `text` looks like it could identify someone: the detector's advice, one line
    per kind. Empty when the detector cannot run: these answers are private and never
    published, so a fault in the check does not stop people reflecting (the warning stays)."""
    try:
        findings = scan_text(text)
    except DetectorUnavailable:
        return []
    advice = {}
    for finding in findings:
        if finding.kind in PERSONAL_KINDS:
            advice.setdefault(finding.kind, finding.message)
    return list(advice.values())


class ReflectionForm(forms.Form):
    """One optional answer per reflective question; at least one must be given."""

    def __init__(self, *args, questions, **kwargs):
        kwargs.setdefault("auto_id", "reflection-%s")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        only_one = len(self.questions) == 1
        for number, question in enumerate(self.questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question,
                required=only_one,
                max_length=MAX_ANSWER,
                strip=True,
                # The warning above the form (training/includes/reflection.html), read out
                # with each box.
                widget=forms.Textarea(attrs={"rows": 4, "aria-describedby": "reflection-warning"}),
                error_messages={
                    "required": "Write your answer.",
                    "max_length": f"Keep your answer to {MAX_ANSWER:,} characters or fewer.",
                },
            )

    def clean(self):
        cleaned = super().clean()
        given = False
        for name in self.fields:
            text = cleaned.get(name)
            if not text:
                continue
            given = True
            advice = identifying_details(text)
            if advice:
                self.add_error(
                    name,
                    "This looks like it could identify someone. " + " ".join(advice),
                )
        if not given and not self.errors:
            first = next(iter(self.fields), None)
            message = "Write an answer to at least one question."
            if first:
                self.add_error(first, message)
            else:
                raise forms.ValidationError(message)
        return cleaned

    def answers(self):
        """[(question, answer)] for the answers given, in question order."""
        return [
            (question, self.cleaned_data[f"answer_{number}"])
            for number, question in enumerate(self.questions)
            if self.cleaned_data.get(f"answer_{number}")
        ]
