"""Only the Wagtail pages: for the test that the profile's contact link needs the contact form."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [path("", include(wagtail_urls))]
