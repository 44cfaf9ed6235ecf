from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class ChampionsConfig(AppConfig):
    name = "champions"
    verbose_name = "Champions"

    def ready(self):
        connect_setup()
        connect_permissions()
        connect_publish_rule()
        register_personal_data()
        register_search()
        register_worker_hooks()


def connect_setup():
    """A champion index, however it was created, gets the review workflow and its permissions."""
    from .models import ChampionIndexPage
    from .setup import index_page_saved

    post_save.connect(index_page_saved, sender=ChampionIndexPage, dispatch_uid="champion-index-setup")


def connect_permissions():
    """Each profile's own group (its champion edits only their own subtree): kept in step with
    the profile's user, removed with the profile (``permissions.py``)."""
    from .models import ChampionProfilePage
    from .permissions import profile_deleted, profile_saved

    post_save.connect(profile_saved, sender=ChampionProfilePage, dispatch_uid="champion-profile-group")
    post_delete.connect(profile_deleted, sender=ChampionProfilePage, dispatch_uid="champion-profile-group")


def connect_publish_rule():
    """Consent first: profiles and stories are published only with the champion's recorded
    consent, whatever path publishes them (``publishing.py``)."""
    from wagtail.models import Revision

    from .models import ChampionProfilePage, ChampionStoryPage
    from .publishing import guard_champion_publish, guard_champion_schedule

    for model in (ChampionProfilePage, ChampionStoryPage):
        pre_save.connect(
            guard_champion_publish, sender=model, dispatch_uid=f"champion-consent-{model._meta.model_name}"
        )
    pre_save.connect(guard_champion_schedule, sender=Revision, dispatch_uid="champion-consent-schedule")


def register_personal_data():
    """Profiles, consent records and messages in "download my data" and account deletion."""
    from . import personal_data, personal_data_messages  # noqa: F401  (they register on import)


def register_search():
    """Champion profiles and stories in the site search (/search/), with their facets."""
    from .search_registration import register_search as register

    register()


def register_worker_hooks():
    """Messages to champions deleted after the retention period, daily from the worker."""
    from cms.core.worker import register_startup_hook

    from .tasks import start_retention

    register_startup_hook("champions.message_retention", start_retention)
