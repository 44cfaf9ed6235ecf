"""The "Can I share?" decision aid, mounted at /can-i-share/ (see ``views``)."""

from django.urls import path

from . import views

app_name = "can_i_share"

urlpatterns = [
    path("", views.start, name="start"),
    # Before the question pattern: "answer" and "result" are never node ids (tree.RESERVED_IDS).
    path("answer/", views.answer, name="answer"),
    path("result/", views.result, name="result"),
    path("<slug:node_id>/", views.question, name="question"),
]
