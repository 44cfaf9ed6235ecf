"""A practitioner's side of booking (mounted at /sessions/ in cms/urls.py)."""

from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("mine/", views.my_bookings, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/book/", views.book, name="book"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/give-place/", views.give_place, name="give_place"),
    path("<int:pk>/calendar.ics", views.calendar_file, name="calendar"),
]
