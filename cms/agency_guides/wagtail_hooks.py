"""Agency guides are snippets that Editors keep, each with a steward and a review date."""

import re

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AgencyGuide

# Eight or more digits (spaces and dashes allowed between) look like a phone number;
# short public numbers such as 999, 111 or 101 are fine.
PHONE_NUMBER = re.compile(r"\+?\d[\d\s()-]{6,}\d")
EMAIL_ADDRESS = re.compile(r"\S@\S")
PERSONAL_CONTACT = "Give a role or a published route, never a phone number or an email address."


class AgencyGuideForm(WagtailAdminModelForm):
    def clean_how_to_reach(self):
        """Routes name roles and published routes: refuse anything like a number or email."""
        value = self.cleaned_data["how_to_reach"]
        errors = {}
        for index, block in enumerate(value):
            fields = {
                name: ValidationError(PERSONAL_CONTACT)
                for name in ("route", "when")
                if PHONE_NUMBER.search(block.value[name] or "")
                or EMAIL_ADDRESS.search(block.value[name] or "")
            }
            if fields:
                errors[index] = StructBlockValidationError(block_errors=fields)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class AgencyGuideViewSet(SnippetViewSet):
    model = AgencyGuide
    icon = "group"
    menu_label = "Agency guides"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["agency", "steward", "review_date", "updated_at"]
    list_filter = ["agency"]
    ordering = ["agency__sort_order", "agency__name"]
    edit_handler = ObjectList(AgencyGuide.panels, base_form_class=AgencyGuideForm)


register_snippet(AgencyGuideViewSet)
