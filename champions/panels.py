"""The "Consent and review" panel at the top of a champion profile's edit form.

It shows whether the champion's consent is recorded (who, when), when the profile is next
due for the champion's yearly confirmation, and links to the admin views that change them
(``admin_views.py``), for the people who may use them. It renders nothing on the create
form (a profile needs to exist before anyone can consent to it).
"""

from wagtail.admin.panels import Panel


class ChampionStatusPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", "Consent and yearly check")
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "champions/admin/status_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "pk", None))

        def get_context_data(self, parent_context=None):
            from .admin_views import profile_status

            context = super().get_context_data(parent_context)
            context.update(profile_status(self.instance, self.request.user))
            context["next_url"] = self.request.get_full_path()
            return context
