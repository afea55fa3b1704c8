"""Language-prefixed membership URLs that are not pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("membership/applications/<str:token>/", views.application_status, name="membership_application_status"),
]
