"""A practitioner's own learning (mounted at /my-learning/ in cms/urls.py)."""

from django.urls import path

from . import certificate_views, confidence_views, views

app_name = "my_learning"

urlpatterns = [
    path("", views.my_learning, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("programmes/<int:programme_id>/enrol/", views.enrol, name="enrol"),
    path("programmes/<int:programme_id>/refresher/", views.start_refresher, name="start_refresher"),
    path(
        "programmes/<int:programme_id>/modules/<str:module_id>/done/",
        views.mark_module_done,
        name="mark_module_done",
    ),
    path("certificates/<str:code>.pdf", certificate_views.download, name="certificate_pdf"),
    path(
        "programmes/<int:programme_id>/confidence/<str:stage>/",
        confidence_views.questionnaire,
        name="confidence",
    ),
]
