"""Wagtail admin for membership: applications (review), member units, industries, grades."""

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from home.editorial.badges import with_count
from home.site_facts import PERSONAL_DATA_HOOK, PersonalData

from . import admin_views, dashboard, views
from .bulk_content import build_members
from .content import MembershipContentLoader
from .models import Industry, MemberGrade, MembershipApplication, MembershipPage, MemberUnit
from .personal_data import ApplicationSource


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come only from the public form and are never deleted; review needs its own permission."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "change", "copy"):
            return False
        if action == "view":
            return user.has_perm(admin_views.REVIEW_PERMISSION)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def review_link(application: MembershipApplication) -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse("membership_application_review", args=[application.pk]), _("Review")
    )


class ApplicationIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        query = {"status": self.request.GET["status"]} if self.request.GET.get("status") else {}
        url = reverse("membership_application_export")
        return [
            *super().header_buttons,
            HeaderButton(_("Export CSV"), url=url + ("?" + urlencode(query) if query else ""), icon_name="download"),
            HeaderButton(
                _("Export XLSX"), url=url + "?" + urlencode({**query, "format": "xlsx"}), icon_name="download"
            ),
        ]


class ApplicationViewSet(ModelViewSet):
    model = MembershipApplication
    url_prefix = "membership/applications"
    icon = "form"
    menu_label = _("Applications")
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    list_display = [
        "reference",
        "company_name_zh",
        "company_name_en",
        "status",
        "requested_grade",
        "industry",
        "created_at",
        Column("review", label=_("Review"), accessor=review_link),
    ]
    list_filter = ["status", "requested_grade", "industry", "registered_in", "created_at"]
    search_fields = ["reference", "company_name_zh", "company_name_en", "uscc", "contact_name", "contact_email"]
    form_fields = ["info_request"]
    permission_policy = ApplicationPermissionPolicy(MembershipApplication)


def published_in_words(member) -> str:
    # Wagtail prints a boolean field's value as "True" / "False": words in the admin's language instead.
    return _("Yes") if member.published else _("No")


class MemberUnitViewSet(ModelViewSet):
    model = MemberUnit
    url_prefix = "membership/members"
    icon = "group"
    menu_label = _("Member units")
    list_display = [
        "name_zh_hans",
        "name_en",
        "industry",
        "grade",
        "member_since",
        Column(
            "published",
            label=capfirst(MemberUnit._meta.get_field("published").verbose_name),
            accessor=published_in_words,
        ),
    ]
    list_filter = ["published", "industry", "grade", "is_sample"]
    search_fields = ["name_zh_hans", "name_en", "short_name_zh_hans", "short_name_en"]


class IndustryViewSet(ModelViewSet):
    model = Industry
    url_prefix = "membership/industries"
    icon = "tag"
    menu_label = _("Industries")
    list_display = ["name_zh_hans", "name_en", "slug", "sort_order"]


class MemberGradeViewSet(ModelViewSet):
    model = MemberGrade
    url_prefix = "membership/grades"
    icon = "order"
    menu_label = _("Membership grades")
    list_display = ["name_zh_hans", "name_en", "slug", "sort_order"]


class MembershipViewSetGroup(ModelViewSetGroup):
    menu_label = _("Membership")
    menu_name = "membership"
    menu_icon = "group"
    menu_order = 240
    items = (ApplicationViewSet("membership_application"), MemberUnitViewSet("membership_memberunit"),
             IndustryViewSet("membership_industry"), MemberGradeViewSet("membership_membergrade"))  # fmt: skip


# After Wagtail's own before_serve_page hooks (its view restrictions).
@hooks.register("before_serve_page", order=100)
def serve_join_page(page, request, serve_args, serve_kwargs):
    """The Join page's form and posted applications are handled by membership.views, above the models."""
    if isinstance(page, MembershipPage):
        return views.serve_membership_page(page, request, serve_args, serve_kwargs)
    return None


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return MembershipViewSetGroup()


@hooks.register("register_admin_urls")
def membership_admin_urls():
    return [
        path("membership/review/<int:pk>/", admin_views.review_application, name="membership_application_review"),
        path("membership/review/<int:pk>/licence/", admin_views.download_licence, name="membership_licence"),
        path("membership/review/export.csv", admin_views.export_applications, name="membership_application_export"),
    ]


@hooks.register("register_site_content_loader", order=20)
def membership_content_loader():
    return MembershipContentLoader


@hooks.register(PERSONAL_DATA_HOOK)
def personal_data():
    """For the privacy policy's list of who can see what (home.site_facts)."""
    return [PersonalData(_("membership application data"), "membership.view_membershipapplication")]


@hooks.register("construct_homepage_panels")
def add_membership_panels(request, panels):
    panels.extend(dashboard.dashboard_panels(request))


@hooks.register("construct_main_menu")
def count_waiting_applications(request, menu_items):
    """The membership menu shows how many applications wait for review."""
    if request.user.has_perm(admin_views.REVIEW_PERMISSION):
        with_count(menu_items, "membership", dashboard.waiting_count())


@hooks.register("register_bulk_content_builder", order=20)
def membership_bulk_content(options: dict, progress) -> list[str]:
    """Demo member units for `manage.py populate_bulk`."""
    return [f"{build_members(options['members'], progress)} member units"]


@hooks.register("register_personal_data_source", order=20)
def membership_personal_data():
    return ApplicationSource()


@hooks.register("register_log_actions")
def membership_log_actions(actions):
    actions.register_action(admin_views.VIEW_ACTION, _("View a membership application"), _("Viewed"))
    actions.register_action(admin_views.LICENCE_ACTION, _("Download a licence file"), _("Downloaded the licence"))
    actions.register_action(admin_views.DECISION_ACTIONS["approve"], _("Approve an application"), _("Approved"))
    actions.register_action(
        admin_views.DECISION_ACTIONS["reject"],
        _("Reject an application"),
        pgettext_lazy("membership application", "Rejected"),
    )
    actions.register_action(
        admin_views.DECISION_ACTIONS["request_info"], _("Request more information"), _("Requested more information")
    )
