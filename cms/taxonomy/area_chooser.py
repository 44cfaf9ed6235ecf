"""The area chooser in the page editor, with a search box.

There are over 200 local authorities, so paging through them to find "Sheffield" is no
way to classify a story. Areas are not in the search index (nothing searches them on the
site), so the chooser's search matches the name, slug or GSS code in the database.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


class AreaFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="Search term", widget=forms.TextInput(attrs={"placeholder": "Search"}), required=False
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(
                Q(name__icontains=query) | Q(slug__icontains=query) | Q(gss_code__iexact=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


class AreaChooseView(ChooseView):
    filter_form_class = AreaFilterForm


class AreaChooseResultsView(ChooseResultsView):
    filter_form_class = AreaFilterForm


class AreaChooserViewSet(SnippetChooserViewSet):
    choose_view_class = AreaChooseView
    choose_results_view_class = AreaChooseResultsView
