"""A person's scenario progress and reflections in "download my data"; both go with the
account (their user foreign keys are on_delete=CASCADE). Imported from TrainingConfig.ready().
"""

from cms.users.personal_data import register_exporter, register_personal_data

from .models import Reflection, WatchProgress

SECTION = "video_scenarios"

register_personal_data(WatchProgress, export=SECTION, user_fields=("user",))
register_personal_data(Reflection, export=SECTION, user_fields=("user",))


def _title(page):
    return page.title if page is not None else None


@register_exporter(SECTION)
def export_video_scenarios(user):
    return {
        "watched": [
            {
                "scenario": _title(progress.page),
                "ranges_watched_seconds": progress.ranges,
                "updated_at": progress.updated_at.isoformat(),
            }
            for progress in WatchProgress.objects.filter(user=user).select_related("page").order_by("pk")
        ],
        "reflections": [
            {
                "scenario": _title(reflection.page),
                "question": reflection.question,
                "answer": reflection.answer,
                "created_at": reflection.created_at.isoformat(),
                "updated_at": reflection.updated_at.isoformat(),
            }
            for reflection in Reflection.objects.filter(user=user).select_related("page")
        ],
    }
