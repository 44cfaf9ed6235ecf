"""The champions' admin pages, under /admin/champions/ (namespace ``champions_admin``)."""

from django.urls import path

from . import admin_views

app_name = admin_views.NAMESPACE

urlpatterns = [
    path("my-profile/", admin_views.MyChampionProfileView.as_view(), name="mine"),
    path("profiles/<int:pk>/consent/", admin_views.RecordConsentView.as_view(), name="consent"),
    path(
        "profiles/<int:pk>/consent/withdraw/",
        admin_views.WithdrawConsentView.as_view(),
        name="withdraw_consent",
    ),
    path("profiles/<int:pk>/confirm/", admin_views.ConfirmProfileView.as_view(), name="confirm_profile"),
]
