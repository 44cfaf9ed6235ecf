from django.urls import path

from . import views

app_name = "agency_guides"

urlpatterns = [
    path("", views.guide_list, name="list"),
    path("<slug:slug>.pdf", views.guide_download, name="pdf"),
    path("<slug:slug>/", views.guide_detail, name="detail"),
]
