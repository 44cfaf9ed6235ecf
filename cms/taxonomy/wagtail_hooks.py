"""Taxonomy terms are editable snippets, grouped under one admin menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .area_chooser import AreaChooserViewSet
from .models import Agency, Area, ConcernType, EvidenceType, JourneyStage, Theme


def _viewset(model_, icon_="tag", ordering=("sort_order", "name"), columns=("name", "slug"), **extra):
    return type(
        f"{model_.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model_,
            "icon": icon_,
            "list_display": list(columns),
            "ordering": list(ordering),
            "search_fields": ["name", "slug"],
            **extra,
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomy"
    menu_icon = "tag"
    menu_order = 400
    items = (
        _viewset(Agency, "group"),
        _viewset(JourneyStage, "list-ol"),
        _viewset(ConcernType, "warning"),
        _viewset(EvidenceType, "doc-full"),
        _viewset(
            Area,
            "site",
            ordering=("name",),
            columns=("name", "slug", "gss_code", "nation"),
            chooser_viewset_class=AreaChooserViewSet,  # with a search box: over 200 areas
        ),
        _viewset(Theme, "tag", ordering=("name",)),
    )


register_snippet(TaxonomyGroup)
