"""The vocabularies of events and registrations, kept apart from the models so forms and services share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    OFFLINE = "offline", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("On site and online")


class AttendanceMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")


class RegistrationState(models.TextChoices):
    NOT_OPEN = "not_open", _("Registration not yet open")
    OPEN = "open", _("Registration open")
    WAITLIST = "waitlist", _("Fully booked: joining the waiting list")
    FULL = "full", _("Fully booked")
    CLOSED = "closed", _("Registration closed")
    PAST = "past", _("This event has ended")


ACCEPTING_STATES = (RegistrationState.OPEN, RegistrationState.WAITLIST)
