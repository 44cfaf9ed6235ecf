"""A person's messages to champions in "download my data"; they go with the account
(``ContactMessage.sender`` is on_delete=CASCADE). Imported from ChampionsConfig.ready().

A held message's text was never kept (``champions.contact``), so its entry says why it
was held instead.
"""

from cms.users.personal_data import register_exporter, register_personal_data

from .models import ContactMessage

SECTION = "champion_messages"

register_personal_data(ContactMessage, export=SECTION, user_fields=("sender",))


@register_exporter(SECTION)
def export_champion_messages(user):
    """Every message the person has sent (or had held), oldest first."""
    messages = (
        ContactMessage.objects.filter(sender=user).select_related("profile").order_by("created_at", "pk")
    )
    return [
        {
            "champion": message.profile.shown_name,
            "body": message.body,
            "status": message.get_status_display(),
            "held_reason": message.held_reason,
            "created_at": message.created_at.isoformat(),
        }
        for message in messages
    ]
