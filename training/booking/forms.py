"""The practitioner's booking forms: access needs when booking, a colleague's email to give a place."""

from django import forms

ACCESS_NEEDS_MAX = 500  # Booking.access_needs' max_length
ACCESS_NEEDS_HINT = (
    "Optional. Only the trainers running this session see it, and it is deleted after the session."
)


class BookForm(forms.Form):
    access_needs = forms.CharField(
        label="Access needs",
        help_text=ACCESS_NEEDS_HINT,
        required=False,
        max_length=ACCESS_NEEDS_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "true"}),
        error_messages={"max_length": f"Keep your access needs to {ACCESS_NEEDS_MAX} characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "book-%s")
        super().__init__(*args, **kwargs)


class GivePlaceForm(forms.Form):
    colleague_email = forms.EmailField(
        label="Your colleague's email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your colleague's email address.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
            "max_length": "Enter an email address of 254 characters or fewer.",
        },
    )

    def __init__(self, *args, user, agency_name="", **kwargs):
        kwargs.setdefault("auto_id", "give-%s")
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["colleague_email"].help_text = (
            f"They need an account on this service, with {agency_name} as their agency in their profile."
            if agency_name
            else "They need an account on this service, with the same agency as you in their profile."
        )

    def clean_colleague_email(self):
        email = self.cleaned_data["colleague_email"].strip()
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError("Enter your colleague's email address, not your own.")
        return email
