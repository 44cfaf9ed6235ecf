from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        from wagtail.models import Revision

        from . import personal_data  # noqa: F401  (registers the reflections in the data export)
        from .booking import personal_data as booking_data  # noqa: F401  (bookings: export and deletion)
        from .completion import personal_data as completion_data  # noqa: F401  (learning: export, deletion)
        from .models import ProgrammeIndexPage, ScenarioIndexPage, ScenarioPage
        from .programme_setup import index_page_saved as programme_index_saved
        from .publishing import guard_scenario_publish, guard_scenario_schedule
        from .setup import index_page_saved

        post_save.connect(index_page_saved, sender=ScenarioIndexPage, dispatch_uid="scenario-index-setup")
        post_save.connect(
            programme_index_saved, sender=ProgrammeIndexPage, dispatch_uid="programme-index-permissions"
        )
        # Publishing needs a ready video with English captions, whatever path publishes.
        pre_save.connect(guard_scenario_publish, sender=ScenarioPage, dispatch_uid="scenario-captions-guard")
        pre_save.connect(
            guard_scenario_schedule, sender=Revision, dispatch_uid="scenario-captions-guard-schedule"
        )
        register_search()
        register_session_search()
        register_completion_tracking()
        register_worker_hooks()


def register_completion_tracking():
    """Programme completion follows the learning record (``training/completion/``)."""
    from .completion.signals import connect

    connect()


def register_session_search():
    """Induction programmes in the site search, carrying their upcoming sessions, and kept in
    step with them (``training/session_search.py``)."""
    from .session_search import connect, register

    register()
    connect()


def register_search():
    """Video scenarios in the site search (/search/), with their facets."""
    from search.registry import register

    from .models import ScenarioPage

    register(
        ScenarioPage,
        slug="scenario",
        label="Video scenario",
        plural="Video scenarios",
        facets=["agency", "theme"],
        snippet_fields=["summary", "transcript_text", "learning_objectives", "decision_points"],
        summary_field="summary",
        select_related=["video"],
        prefetch_related=["video__tracks"],  # the transcript's snippet reads the captions track
    )


def register_worker_hooks():
    """Reminders, released places and erased access needs, every 15 minutes from the worker;
    learning reminders (refresher due soon, unfinished-programme nudge) once a day."""
    from cms.core.worker import register_startup_hook

    from .booking.tasks import start_housekeeping
    from .completion.tasks import start_reminders

    register_startup_hook("training.session_housekeeping", start_housekeeping)
    register_startup_hook("training.learning_reminders", start_reminders)
