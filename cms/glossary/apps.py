from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "cms.glossary"
    label = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from cms.users.personal_data import declare_not_personal

        declare_not_personal(
            "glossary.GlossaryTerm",
            user_fields=("steward",),
            reason="Its steward is named on the editorial record only (on_delete=SET_NULL): the public "
            "pages never show who, and the content stays when the account goes.",
        )

        from . import signals  # noqa: F401
