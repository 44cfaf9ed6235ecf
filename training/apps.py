from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training"

    def ready(self):
        from wagtail.models import Revision

        from . import personal_data  # noqa: F401  (registers the reflections in the data export)
        from .models import ScenarioIndexPage, ScenarioPage
        from .publishing import guard_scenario_publish, guard_scenario_schedule
        from .setup import index_page_saved

        post_save.connect(index_page_saved, sender=ScenarioIndexPage, dispatch_uid="scenario-index-setup")
        # Publishing needs a ready video with English captions, whatever path publishes.
        pre_save.connect(guard_scenario_publish, sender=ScenarioPage, dispatch_uid="scenario-captions-guard")
        pre_save.connect(
            guard_scenario_schedule, sender=Revision, dispatch_uid="scenario-captions-guard-schedule"
        )
        register_search()


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
