from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from cms.taxonomy.models import Agency, Area

from .models import User

# The longest address SMTP allows (RFC 5321's path limit) and the column's length. Longer ones
# are refused here: allauth would otherwise cut them to fit, dropping the "@" and the domain.
MAX_EMAIL_LENGTH = User._meta.get_field("email").max_length


def validate_email_length(email):
    if email and len(email) > MAX_EMAIL_LENGTH:
        raise forms.ValidationError(
            f"Email address must be {MAX_EMAIL_LENGTH} characters or fewer", code="max_length"
        )
    return email


class ProfileFieldsMixin(forms.Form):
    display_name = forms.CharField(
        label="Display name",
        max_length=80,
        required=False,
        help_text="How your name appears to others, for example on a session register. Optional.",
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.all(),
        required=False,
        empty_label="Choose your agency",
        help_text="The kind of service you work in. It helps trainers balance the agency mix in sessions.",
    )
    job_title = forms.CharField(label="Role or job title", max_length=120, required=False)
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.all(),
        required=False,
        empty_label="Choose your area",
        help_text="The local authority area you mostly work in.",
    )


class SignupForm(ProfileFieldsMixin, AllauthSignupForm):
    """Sign up with email and password plus the optional profile fields."""

    field_order = ["email", "password1", "password2", "display_name", "agency", "job_title", "area"]

    def clean_email(self):
        validate_email_length(self.cleaned_data.get("email"))
        return super().clean_email()

    def save(self, request):
        user = super().save(request)
        for name in ("display_name", "agency", "job_title", "area"):
            setattr(user, name, self.cleaned_data.get(name))
        user.save(update_fields=["display_name", "agency", "job_title", "area"])
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "agency", "job_title", "area", "learning_reminders"]
        labels = {"learning_reminders": "Email me learning reminders"}
        help_texts = {
            "display_name": "How your name appears to others, for example on a session register.",
            "learning_reminders": "When a refresher of a programme you completed falls due, and a nudge at "
            "most once a fortnight about a programme you have started but not finished.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].empty_label = "Not set"
        self.fields["area"].empty_label = "Not set"


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand my account, profile and learning record will be deleted and cannot be recovered.",
        required=True,
        error_messages={"required": "Tick the box to confirm you want to delete your account."},
    )
