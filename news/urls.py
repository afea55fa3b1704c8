"""Language-prefixed URLs of the news app that are not pages."""

from django.urls import path

from home.caching import html_cache

from . import registration_views
from .feeds import SectionFeed

urlpatterns = [
    path("registrations/<str:token>/", registration_views.registration_confirmation, name="registration_confirmation"),
    path("registrations/<str:token>/cancel/", registration_views.registration_cancel, name="registration_cancel"),
    path("events/<int:page_id>/calendar.ics", registration_views.event_calendar_download, name="event_calendar"),
    path("feeds/<slug:slug>.xml", html_cache.html_cache(SectionFeed()), name="section_feed"),
]
