from django.urls import path

from .feedback import submit_feedback

app_name = "case_studies"

urlpatterns = [
    path("feedback/<int:page_id>/", submit_feedback, name="feedback"),
]
