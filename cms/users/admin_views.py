"""Wagtail admin user management with our profile fields (display name, agency...).

Editors may grant roles (groups) but only a superuser may make, change, deactivate,
re-role or delete a superuser, on every path:

- the single-user views (edit, delete) raise PermissionDenied for a superuser, which
  Wagtail answers as it answers every refusal (the dashboard with "Sorry, you do not have
  permission to access this area"; 403 for XHR), and the listing does not link to them;
- the bulk actions (set active state, assign role, delete; registered over Wagtail's own
  in wagtail_hooks.py) leave superusers out and list them under "You don't have
  permission to edit these users", acting on the rest of the selection; a
  ``before_bulk_action`` hook refuses any user bulk action that would still reach one;
- the "superuser" field is removed from the create and edit forms of non-superusers, and
  the roles they may grant are our four roles only.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.views import chooser as wagtail_query_chooser
from wagtail.contrib.search_promotions.views.reports import (
    SearchTermsReportView as WagtailSearchTermsReportView,
)
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import bulk_actions
from wagtail.users.views import users as wagtail_users

from . import roles

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


def may_manage(acting_user, target):
    """May ``acting_user`` change, deactivate, re-role or delete ``target`` at all?
    (Their model permissions are checked as well, by Wagtail.)"""
    return acting_user.is_superuser or not target.is_superuser


def grantable_groups(acting_user, target=None):
    """Superusers may grant any group; everyone else our four roles (and a user's existing
    groups stay selectable, so saving their form does not silently remove them)."""
    if acting_user.is_superuser:
        return Group.objects.all()
    keep = target.groups.values("pk") if target is not None and target.pk else Group.objects.none()
    return Group.objects.filter(Q(name__in=roles.ALL_ROLES) | Q(pk__in=keep))


class _NoSuperuserEscalation:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
            if "groups" in form.fields:
                form.fields["groups"].queryset = grantable_groups(
                    self.request.user, getattr(self, "object", None)
                )
        return form


class IndexView(wagtail_users.IndexView):
    def get_edit_url(self, instance):
        if may_manage(self.request.user, instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if may_manage(self.request.user, instance):
            return super().get_delete_url(instance)


class CreateView(_NoSuperuserEscalation, wagtail_users.CreateView):
    pass


class EditView(_NoSuperuserEscalation, wagtail_users.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may_manage(self.request.user, obj):
            raise PermissionDenied
        return obj


class CopyView(_NoSuperuserEscalation, CopyViewMixin, wagtail_users.CreateView):
    """ "Copy user" is a create view pre-filled from another account: the same guards apply,
    and an administrator cannot be copied by a non-superuser."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may_manage(self.request.user, obj):
            raise PermissionDenied
        return obj


class DeleteView(wagtail_users.DeleteView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not may_manage(self.request.user, obj):
            raise PermissionDenied
        return obj


# -- bulk actions: registered in wagtail_hooks.py over Wagtail's, same action_type ---------


class _LeaveSuperusersOut:
    """Superusers selected by a non-superuser are listed as "no permission" and not acted on."""

    def check_perm(self, obj):
        return may_manage(self.request.user, obj) and super().check_perm(obj)


class RoleForm(bulk_actions.assign_role.RoleForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["role"].queryset = grantable_groups(user)


class AssignRoleBulkAction(_LeaveSuperusersOut, bulk_actions.AssignRoleBulkAction):
    form_class = RoleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class SetActiveStateBulkAction(_LeaveSuperusersOut, bulk_actions.SetActiveStateBulkAction):
    pass


class DeleteBulkAction(_LeaveSuperusersOut, bulk_actions.DeleteBulkAction):
    pass


USER_BULK_ACTIONS = [AssignRoleBulkAction, SetActiveStateBulkAction, DeleteBulkAction]


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_class = CopyView

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm


# -- search: the "Search terms" report and the query chooser (wagtail_hooks.py serves them
# at Wagtail's own URLs) -------------------------------------------------------------------

# Wagtail's report is for superusers only; ours for anyone with this permission (Editors,
# granted in migration 0004). The search terms are what the public typed.
SEARCH_TERMS_PERMISSION = "wagtailsearchpromotions.view_query"
SEARCH_PROMOTION_PERMISSIONS = [
    f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")
]


def can_view_search_terms(user):
    return user.is_active and user.has_perm(SEARCH_TERMS_PERMISSION)


def can_pick_promotions(user):
    return user.is_active and any(user.has_perm(perm) for perm in SEARCH_PROMOTION_PERMISSIONS)


class SearchTermsReportView(WagtailSearchTermsReportView):
    def dispatch(self, request, *args, **kwargs):
        if not can_view_search_terms(request.user):
            raise PermissionDenied
        # Wagtail's own dispatch refuses everyone but superusers: skip it, keep ReportView's.
        return ReportView.dispatch(self, request, *args, **kwargs)


def query_chooser(request, get_results=False):
    """Wagtail's chooser of popular search terms (used when picking promotions) lists the
    same search terms, but checks no permission beyond admin access."""
    if not can_pick_promotions(request.user):
        raise PermissionDenied
    return wagtail_query_chooser(request, get_results=get_results)


def query_chooser_results(request):
    return query_chooser(request, get_results=True)
