from django.apps import AppConfig


class CanIShareConfig(AppConfig):
    name = "cms.can_i_share"
    label = "can_i_share"
    verbose_name = "Can I share? decision aid"

    def ready(self):
        from cms.users.personal_data import declare_not_personal

        declare_not_personal(
            "can_i_share.DecisionTree",
            user_fields=("steward",),
            reason="Its steward is named on the editorial record only (on_delete=SET_NULL): the public "
            "pages never show who, and the content stays when the account goes.",
        )
