"""Events and exhibitions: facts, agenda, and the registration settings (organisers and contacts: event_parties)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.absolute_urls import absolute_url
from home.caching import html_cache
from home.caching.routing import locale_for
from home.page_fields import SYNCHRONISED_SLUG
from home.privacy import privacy_policy
from news.admin_panels import SeatSummaryPanel
from news.choices import ACCEPTING_STATES, AttendanceMode, EventFormat, RegistrationState
from news.forms import RegistrationForm

from .pages import ArticlePage
from .querysets import next_midnight
from .registrations import Registration, SeatSummary

SCHEMA_ATTENDANCE_MODES = {
    EventFormat.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    EventFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventFormat.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("Time"), max_length=40, help_text=_("e.g. 09:00-10:40"))
    title = blocks.CharBlock(label=_("Item"))
    description = blocks.TextBlock(label=pgettext_lazy("block", "Description"), required=False)

    class Meta:
        icon = "time"
        label = _("Agenda item")


class EventPage(ArticlePage):
    """
    An invitation to an event or exhibition, listed among the articles of its section.

    The Chinese page is the source of an event's facts: capacity, registration window and waitlist
    are read from it whichever language a visitor registers in, and registrations belong to it.
    """

    start = models.DateTimeField(_("start"), null=True, blank=True, help_text=_("Blank: to be announced."))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Show dates only, without times (e.g. a three-day exhibition).")
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    event_format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, blank=True, help_text=_("Blank: not stated.")
    )
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    scale_note = models.CharField(_("scale"), max_length=255, blank=True, help_text=_("e.g. 50+ on site, 200 online"))
    exhibition_scope = models.TextField(_("exhibition scope"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True, verbose_name=_("agenda"))
    notes = models.TextField(_("notes"), blank=True, help_text=_("e.g. free booths for early registration"))

    registration_enabled = models.BooleanField(_("take registrations on this page"), default=False)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Blank: at the start of the event.")
    )
    capacity_onsite = models.PositiveIntegerField(
        _("on-site seats"), null=True, blank=True, help_text=_("Blank: unlimited.")
    )
    capacity_online = models.PositiveIntegerField(
        _("online places"), null=True, blank=True, help_text=_("Blank: unlimited.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=False)
    group_registration = models.BooleanField(_("allow several attendees per registration"), default=False)
    max_group_size = models.PositiveSmallIntegerField(_("largest group"), default=5)

    content_panels = ArticlePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("event_format"),
                FieldPanel("audience"),
                FieldPanel("scale_note"),
                FieldPanel("exhibition_scope"),
                FieldPanel("notes"),
            ],
            heading=_("Event"),
        ),
        InlinePanel("organisers", label=_("Organisers")),
        FieldPanel("agenda"),
        InlinePanel("contacts", label=_("Contacts")),
        SeatSummaryPanel(),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldRowPanel([FieldPanel("capacity_onsite"), FieldPanel("capacity_online")]),
                FieldPanel("waitlist_enabled"),
                FieldRowPanel([FieldPanel("group_registration"), FieldPanel("max_group_size")]),
            ],
            heading=_("Registration (set on the Chinese page; the English page follows it)"),
        ),
    ]
    search_fields = ArticlePage.search_fields + [index.SearchField("venue"), index.SearchField("audience")]
    override_translatable_fields = SYNCHRONISED_SLUG

    # The address may stay in Chinese on the English page (for taxi drivers and maps), marked lang="zh-hans".
    native_script_fields = ["address"]

    template = "news/event_page.html"
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # -- facts -----------------------------------------------------------------------------------
    @property
    def is_past(self) -> bool:
        """Ended (by its end, else its start). An event without a date is to be announced: never past."""
        now = timezone.now()
        if self.end:
            return self.end < now
        if self.start:
            return self.start < now
        return False

    @property
    def is_dated(self) -> bool:
        return bool(self.start or self.end)

    def organiser_rows(self) -> list[tuple[str, list[str]]]:
        """(role, names) in the order the roles first appear: two organisers share one “Organised by” row."""
        rows: dict[str, list[str]] = {}
        for organiser in self.organiser_list():
            rows.setdefault(organiser.get_role_display(), []).append(organiser.name)
        return list(rows.items())

    def source_event(self) -> "EventPage":
        """The Chinese event this page translates (itself on the Chinese tree): the one with the seats."""
        if not hasattr(self, "_source_event"):
            self._source_event = self._find_source_event()
        return self._source_event

    def _find_source_event(self) -> "EventPage":
        source_locale = locale_for(settings.LANGUAGE_CODE)
        if source_locale is None or self.locale_id == source_locale.pk:
            return self
        source = EventPage.objects.filter(translation_key=self.translation_key, locale_id=source_locale.pk).first()
        return source or self

    def attendance_modes(self) -> list[str]:
        if self.event_format == EventFormat.ONLINE:
            return [AttendanceMode.ONLINE]
        if self.event_format == EventFormat.HYBRID:
            return [AttendanceMode.ONSITE, AttendanceMode.ONLINE]
        return [AttendanceMode.ONSITE]

    def capacity_for(self, mode: str) -> int | None:
        return self.capacity_online if mode == AttendanceMode.ONLINE else self.capacity_onsite

    def registration_state(self, seats_left: dict[str, int | None] | None = None) -> str:
        """Where registration stands now; `seats_left` (by mode, None = unlimited) decides full vs open."""
        now = timezone.now()
        if self.is_past:
            return RegistrationState.PAST
        if not self.registration_enabled:
            return RegistrationState.CLOSED
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_OPEN
        closes = self.registration_closes or self.start
        if closes and now >= closes:
            return RegistrationState.CLOSED
        if seats_left is not None and all(left is not None and left <= 0 for left in seats_left.values()):
            return RegistrationState.WAITLIST if self.waitlist_enabled else RegistrationState.FULL
        return RegistrationState.OPEN

    def seats_left(self) -> dict[str, int | None]:
        """Seats left per attendance mode (None: unlimited), read fresh from the database."""
        # A new event being previewed in the admin has no row yet, hence no seats taken.
        taken = dict(self.seat_counters.values_list("mode", "taken")) if self.pk else {}
        left = {}
        for mode in self.attendance_modes():
            capacity = self.capacity_for(mode)
            left[mode] = None if capacity is None else max(capacity - taken.get(mode, 0), 0)
        return left

    @property
    def event(self) -> "EventPage":
        return self

    def seat_summary(self) -> SeatSummary:
        """Where the seats stand (on the Chinese source event, which the English page shares)."""
        return Registration.objects.seat_summaries([self.source_event()])[0]

    def organiser_list(self) -> list:
        """The organisers, read once per request (the page and its JSON-LD both show them)."""
        if not hasattr(self, "_organiser_list"):
            self._organiser_list = list(self.organisers.all())
        return self._organiser_list

    def schema_data(self, request) -> dict:
        """schema.org Event, in the page's language."""
        url = absolute_url(self.get_url(request))
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": url,
            "inLanguage": get_language(),
            "eventStatus": "https://schema.org/EventScheduled",
        }
        if self.summary:
            data["description"] = self.summary
        if self.start:
            data["startDate"] = self.start.isoformat()
        if self.end:
            data["endDate"] = self.end.isoformat()
        if self.event_format:
            data["eventAttendanceMode"] = SCHEMA_ATTENDANCE_MODES[self.event_format]
        if self.venue or self.address:
            data["location"] = {
                "@type": "Place",
                "name": self.venue or self.address,
                "address": self.address or self.venue,
            }
        if self.event_format == EventFormat.ONLINE:
            data["location"] = {"@type": "VirtualLocation", "url": url}
        organisers = [organiser.name for organiser in self.organiser_list()]
        if organisers:
            data["organizer"] = [{"@type": "Organization", "name": name} for name in organisers]
        return data

    # -- serving ---------------------------------------------------------------------------------
    def serve(self, request, *args, **kwargs):
        """
        The page, with the registration form (a posted one, bound, comes in `form` from
        news.registration_views.submit_registration, which takes the POST before Wagtail serves the page).
        """
        response = super().serve(request, *args, **kwargs)
        source = self.source_event()
        if request.method == "POST" or (source.registration_enabled and not source.is_past):
            # Seats left, registration state and the form's tokens must never come from a cache.
            add_never_cache_headers(response)
        else:
            # Past, or without registration: the same for everyone until it starts or ends.
            html_cache.expire_at(request, self.next_change())
        return response

    def next_change(self):
        """When this page next changes by itself: the event starts or ends (or, without times, its day ends)."""
        now = timezone.now()
        upcoming = [when for when in (self.start, self.end) if when and when > now]
        return min(upcoming) if upcoming else (None if self.is_past else next_midnight())

    def received_url(self, request) -> str:
        """
        Where every accepted submission lands, new or not: the event with a note of receipt. The
        registration's details and its cancel link go only by e-mail, to the address given.
        """
        return self.get_url(request) + "?received=1#register"

    def get_context(self, request, *args, **kwargs):
        """Seats, state and the form, from the Chinese source event; always computed fresh, never cached."""
        context = super().get_context(request, *args, **kwargs)
        form = kwargs.get("form")
        source = self.source_event()
        left = source.seats_left()
        state = source.registration_state(left)
        accepting = state in ACCEPTING_STATES
        if form is None and accepting:
            form = RegistrationForm(event=source)
        context.update(
            {
                "source_event": source,
                "registration_state": state,
                "registration_state_label": RegistrationState(state).label,
                "registration_form": form if accepting else None,
                # Why a just-posted form was refused, shown even when the form itself is no longer offered.
                "registration_errors": form.non_field_errors() if form is not None and form.is_bound else [],
                "seats": [
                    {"mode": mode, "left": left[mode], "capacity": source.capacity_for(mode)}
                    for mode in source.attendance_modes()
                    if source.registration_enabled
                ],
                "privacy_policy": privacy_policy(self.locale_id, request),
                "received": request.GET.get("received") == "1",
                "email_confirmation_hours": (
                    settings.REGISTRATION_CONFIRMATION_HOURS if settings.REGISTRATION_EMAIL_CONFIRMATION else None
                ),
            }
        )
        return context
