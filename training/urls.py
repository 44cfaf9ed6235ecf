"""What the scenario player sends (mounted at /scenario-progress/ in cms/urls.py)."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("<int:page_id>/watch/", views.watch, name="watch"),
    path("<int:page_id>/decisions/<int:point>/", views.answer, name="answer"),
    path("<int:page_id>/reflections/", views.reflections, name="reflections"),
    path("reflections/<int:pk>/delete/", views.delete_reflection, name="delete_reflection"),
]
