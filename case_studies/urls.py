from django.urls import path

from .feedback import submit_feedback
from .learning import mark_read, mark_reflected

app_name = "case_studies"

urlpatterns = [
    path("feedback/<int:page_id>/", submit_feedback, name="feedback"),
    # "Your learning" on a case study page (case_studies/learning.py): POST only, signed in.
    path("learning/<int:page_id>/read/", mark_read, name="mark_read"),
    path("learning/<int:page_id>/reflected/", mark_reflected, name="mark_reflected"),
]
