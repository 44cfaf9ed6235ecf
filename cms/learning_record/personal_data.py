"""A person's learning events in "download my data"; they go with the account (CASCADE)."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from cms.users.personal_data import register_exporter, register_personal_data

from .models import LearningEvent

SECTION = "learning_record"

register_personal_data(LearningEvent, export=SECTION, user_fields=("user",))


@register_exporter(SECTION)
def export_learning_record(user):
    events = list(LearningEvent.objects.filter(user=user).order_by("occurred_at", "id"))
    ids_by_type = defaultdict(set)
    for event in events:
        ids_by_type[event.content_type_id].add(event.object_id)
    titles = {}  # (content type id, object id) -> title or str
    for content_type_id, ids in ids_by_type.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is None:  # the model has since been removed
            continue
        for obj in model._base_manager.filter(pk__in=ids):
            titles[content_type_id, obj.pk] = getattr(obj, "title", None) or str(obj)
    return [
        {
            "verb": event.verb,
            "object_type": str(ContentType.objects.get_for_id(event.content_type_id).name),
            "object": titles.get((event.content_type_id, event.object_id)),
            "occurred_at": event.occurred_at.isoformat(),
            "data": event.data,
        }
        for event in events
    ]
