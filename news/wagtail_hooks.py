"""Wagtail admin: event registrations for the secretariat (list, filters, search, actions, CSV)."""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from home.site_facts import PERSONAL_DATA_HOOK, PersonalData

from . import admin_views
from .content import NewsContentLoader
from .models import Registration
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
    if registration.status == Registration.Status.CONFIRMED and not registration.checked_in_at:
        available.insert(0, "check_in")
    if registration.status == Registration.Status.WAITLISTED:
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
    if registration.email_error:
        return format_html(
            '<span class="w-text-critical-200" title="{}">{}</span>', registration.email_error, _("failed")
        )
    return _("sent") if registration.email_sent_at else "—"


class RegistrationIndexView(IndexView):
    """The listing, with an "Export CSV" button that keeps the current event and status filters."""

    @cached_property
    def header_buttons(self):
        query = {key: self.request.GET[key] for key in ("event", "status") if self.request.GET.get(key)}
        url = reverse("news_registration_export") + ("?" + urlencode(query) if query else "")
        return [*super().header_buttons, HeaderButton(_("Export CSV"), url=url, icon_name="download")]


class RegistrationViewSet(ModelViewSet):
    model = Registration
    url_prefix = "registrations"
    icon = "list-ul"
    menu_label = _("Event registrations")
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = True
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
        Column("actions", label=_("Actions"), accessor=registration_actions),
    ]
    list_filter = ["status", "attendance_mode", "event", "language"]
    search_fields = ["reference", "name", "organisation", "email", "phone"]
    # Status and seats change only through the actions, which keep the seat counters right.
    form_fields = ["remarks"]
    permission_policy = RegistrationPermissionPolicy(Registration)

    index_view_class = RegistrationIndexView


registration_viewset = RegistrationViewSet("news_registration")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


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


@hooks.register("register_personal_data_source", order=10)
def registration_personal_data():
    return RegistrationSource()
