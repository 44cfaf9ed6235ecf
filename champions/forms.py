"""The "Contact a champion" form: one message, checked by ``contact.send_message``."""

from django import forms

from .contact import MAX_MESSAGE


class MessageField(forms.CharField):
    """A textarea's text with line endings as the browser's character count sees them:
    browsers send each line break as two characters (CR LF) but count it as one."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class ContactForm(forms.Form):
    message = MessageField(
        label="Your question",
        max_length=MAX_MESSAGE,
        strip=True,
        help_text=(
            "A general question about sharing information, for example when you can share without "
            "consent, or who to ask in their agency."
        ),
        error_messages={
            "required": "Write your question.",
            "max_length": f"Keep your question to {MAX_MESSAGE:,} characters or fewer.",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)

    def hold(self, explanation):
        """Show why the message was held, beside the box and in the error summary."""
        self.add_error("message", explanation)

    def could_not_check(self, explanation):
        self.add_error(None, explanation)
