"""Contact a champion (mounted at /contact-a-champion/ in cms/urls.py, beside the Wagtail
pages at /champions/ so no champion's page slug can clash with it)."""

from django.urls import path

from . import views

app_name = "champions"

urlpatterns = [
    path("<int:profile_id>/", views.contact_champion, name="contact"),
    path("<int:profile_id>/sent/", views.contact_sent, name="contact_sent"),
]
