from django.apps import AppConfig


class AgencyGuidesConfig(AppConfig):
    name = "cms.agency_guides"
    label = "agency_guides"
    verbose_name = "Agency guides"

    def ready(self):
        from cms.users.personal_data import declare_not_personal

        declare_not_personal(
            "agency_guides.AgencyGuide",
            user_fields=("steward",),
            reason="Its steward is named on the editorial record only (on_delete=SET_NULL): the public "
            "pages never show who, and the content stays when the account goes.",
        )
