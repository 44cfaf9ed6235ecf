from django.urls import path

from . import mfa, views

app_name = "users"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/download/", views.download_data, name="download_data"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    # allauth's authenticator-app set-up, at its own URL (this pattern comes first).
    path("2fa/totp/activate/", mfa.activate_totp, name="activate_totp"),
]
