"""Wagtail admin: event registrations for the secretariat (list, filters, search, actions, CSV)."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from home.editorial.badges import with_count
from home.site_facts import PERSONAL_DATA_HOOK, PersonalData

from . import admin_views, dashboard, registration_views
from .article_listing import article_listing_viewset, section_articles_url
from .bulk_actions import CheckInBulkAction
from .bulk_content import BulkNewsBuilder
from .content import NewsContentLoader
from .event_lists import source_events
from .models import ArticlePage, Category, EventPage, Registration, SectionPage
from .personal_data import RegistrationSource


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are created by visitors only and never deleted: nothing is lost."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


def registration_actions(registration: Registration) -> str:
    """Links to the confirm-then-POST action views, for the listing."""
    available = ["resend"]
    if (
        registration.status == Registration.Status.CONFIRMED
        and not registration.checked_in_at
        and not registration.awaits_email_confirmation
    ):
        available.insert(0, "check_in")
    if registration.can_be_promoted:
        available.insert(0, "promote")
    if registration.is_active:
        available.append("cancel")
    return format_html_join(
        " · ",
        '<a href="{}">{}</a>',
        (
            (reverse("news_registration_action", args=[registration.pk, action]), admin_views.ACTIONS[action])
            for action in available
        ),
    )


def email_state(registration: Registration) -> str:
    if registration.awaits_email_confirmation:
        return format_html(
            '<span class="w-text-warning-100" title="{}">{}</span>',
            gettext("Held until %(time)s")
            % {"time": date_format(localtime(registration.confirm_by), "DATETIME_FORMAT")},
            _("awaiting confirmation"),
        )
    if registration.email_error:
        return format_html(
            '<span class="w-text-critical-200" title="{}">{}</span>', registration.email_error, _("failed")
        )
    return _("sent") if registration.email_sent_at else "—"


class RegistrationIndexView(IndexView):
    """
    The listing: checkboxes for bulk check-in, the chosen event's seat summary above the rows, and
    "Export CSV" / "Export XLSX" buttons that keep the current event and status filters.
    """

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="registration"), *super().columns]

    def get_base_queryset(self):
        # Each row's event (its column) and the free places of its attendance mode (the actions column), in the
        # listing's own query rather than one query per row.
        return super().get_base_queryset().select_related("event").with_places_left()

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda registration: f"registration_{registration.pk}_title"
        )

    @cached_property
    def header_buttons(self):
        query = {key: self.request.GET[key] for key in ("event", "status") if self.request.GET.get(key)}
        url = reverse("news_registration_export")
        return [
            *super().header_buttons,
            HeaderButton(_("Export CSV"), url=url + ("?" + urlencode(query) if query else ""), icon_name="download"),
            HeaderButton(
                _("Export XLSX"), url=url + "?" + urlencode({**query, "format": "xlsx"}), icon_name="download"
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event_id = self.request.GET.get("event", "")
        event = source_events().filter(pk=int(event_id)).first() if event_id.isdigit() else None
        context["seat_summary"] = Registration.objects.seat_summaries([event])[0] if event is not None else None
        return context


class RegistrationInspectView(InspectView):
    """Wagtail's inspect view in the staff member's language: no "None" for empty dates, languages by name."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value

    def get_language_display_value(self):
        return settings.LANGUAGE_LABELS.get(self.object.language, self.object.language)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    url_prefix = "registrations"
    icon = "list-ul"
    menu_label = _("Event registrations")
    menu_name = "registrations"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = RegistrationInspectView
    # Internal keys (row id, submission token, the address as matched, last change) mean nothing to staff.
    inspect_view_fields_exclude = ["id", "submission_token", "email_normalised", "updated_at"]
    list_display = [
        "reference",
        "name",
        "organisation",
        "event",
        "status",
        "attendance_mode",
        "attendees",
        "created_at",
        "checked_in_at",
        Column("email_state", label=_("E-mail"), accessor=email_state),
        Column("actions", label=pgettext_lazy("listing", "Actions"), accessor=registration_actions),
    ]
    list_filter = ["status", "attendance_mode", "event", "language"]
    search_fields = ["reference", "name", "organisation", "email", "phone"]
    # Status and seats change only through the actions, which keep the seat counters right.
    form_fields = ["remarks"]
    permission_policy = RegistrationPermissionPolicy(Registration)

    index_view_class = RegistrationIndexView
    index_template_name = "news/admin/registration_index.html"
    index_results_template_name = "news/admin/registration_index_results.html"


registration_viewset = RegistrationViewSet("news_registration")


# After Wagtail's own before_serve_page hooks (its view restrictions): a private event takes no registration
# from a visitor who may not see it.
@hooks.register("before_serve_page", order=100)
def take_posted_registration(page, request, serve_args, serve_kwargs):
    """A registration posted to an event page goes to the registration service, not to the page model."""
    if request.method == "POST" and isinstance(page, EventPage):
        return registration_views.submit_registration(page, request, serve_args, serve_kwargs)
    return None


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_viewset")
def register_article_listing_viewset():
    return article_listing_viewset


@hooks.register("register_page_header_buttons")
def section_articles_button(page, user, view_name, next_url=None):
    """A section's explorer: its articles in the listing that filters by category and month and sorts by date."""
    if isinstance(page.specific_deferred, SectionPage):
        yield Button(
            pgettext_lazy("article listing", "Find articles (category, month, state)"),
            url=section_articles_url(page),
            icon_name="filter",
            priority=5,
        )


@hooks.register("register_admin_urls")
def registration_admin_urls():
    return [
        path(
            "registrations/<int:pk>/action/<str:action>/",
            admin_views.registration_action,
            name="news_registration_action",
        ),
        path("registrations/export.csv", admin_views.export_registrations, name="news_registration_export"),
    ]


@hooks.register("register_site_content_loader", order=10)
def news_content_loader():
    return NewsContentLoader


@hooks.register(PERSONAL_DATA_HOOK)
def personal_data():
    """For the privacy policy's list of who can see what (home.site_facts)."""
    return [PersonalData(_("event registration data"), "news.view_registration")]


@hooks.register("register_menu_link_filters")
def menu_link_filters():
    """What a menu link to a section may filter: the site-wide event views and every category (by slug)."""
    categories = Category.objects.filter(locale=Locale.get_default()).order_by("slug")
    return [
        ("when=upcoming", gettext("Upcoming Events")),
        ("when=past", gettext("Past Events")),
        *[
            (f"category={category.slug}", gettext("Category: %(name)s") % {"name": category.name})
            for category in categories
        ],
    ]


@hooks.register("construct_homepage_panels")
def add_event_panels(request, panels):
    panels.extend(dashboard.dashboard_panels(request))


@hooks.register("construct_main_menu")
def count_waiting_list(request, menu_items):
    """The registrations menu item shows how many people wait for a seat at events still to come."""
    if request.user.has_perm(dashboard.VIEW_PERMISSION):
        with_count(menu_items, "registrations", dashboard.waiting_list_count())


hooks.register("register_bulk_action", CheckInBulkAction)


@hooks.register("register_bulk_content_builder", order=10)
def news_bulk_content(options: dict, progress) -> list[str]:
    """Demo articles and events for `manage.py populate_bulk`."""
    builder = BulkNewsBuilder()
    translated = builder.build_articles(options["articles"], progress)
    translated += builder.build_events(options["events"], progress)
    return [f"{translated} English translations"]


@hooks.register("register_personal_data_source", order=10)
def registration_personal_data():
    return RegistrationSource()


@hooks.register("register_sitemap_dates")
def article_dates(ids: list[int]) -> dict:
    """An article's or event's own date is its sitemap lastmod (not the day the seed was loaded)."""
    return dict(ArticlePage.objects.filter(pk__in=ids).values_list("pk", "date"))
