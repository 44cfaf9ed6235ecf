"""Wagtail admin user management with our profile fields (display name, agency...).

Editors may grant roles (groups) but only a superuser may create or edit administrators.
"""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

PROFILE_FIELDS = {"display_name", "agency", "job_title", "area"}


class AdminUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = {"email", "is_superuser", "groups"} | PROFILE_FIELDS


class AdminUserEditForm(UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = {"email", "is_active", "is_superuser", "groups"} | PROFILE_FIELDS


class _NoSuperuserEscalation:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class CreateView(_NoSuperuserEscalation, wagtail_users.CreateView):
    pass


class EditView(_NoSuperuserEscalation, wagtail_users.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.is_superuser and not self.request.user.is_superuser:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return obj


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
