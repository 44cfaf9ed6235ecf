"""The admin form of a champion profile.

A profile has no title field: its title is the champion's name as shown (set by the model
from ``display_name``). Its address (slug) is made from the role and area when left blank,
never from the name: the address is published, and a champion who shows only their first
name must not have their surname in it.
"""

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm

SLUG_HELP = (
    "The profile's web address. Leave it blank and it is made from the role and area: never put the "
    "champion's name in it."
)


class ChampionProfileForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def clean(self):
        from wagtail.models import Page

        cleaned_data = super().clean()
        job_title, area = cleaned_data.get("job_title"), cleaned_data.get("area")
        if "slug" in self.fields and not cleaned_data.get("slug") and job_title and area:
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            base = slugify(f"{job_title} {area.name}")[:80].strip("-") or "champion"
            candidate, suffix = base, 1
            while not Page._slug_is_available(candidate, parent, self.instance):
                suffix += 1
                candidate = f"{base}-{suffix}"
            cleaned_data["slug"] = candidate
        return cleaned_data
