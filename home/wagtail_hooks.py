"""
Wagtail hooks of the base: its content loaders (the site first, the menus last: they link to every
app's pages), the editorial admin, the editable menus and footer, the sign-in lockouts, dashboard panels, the
audit log's actions, the personal-data screen and the second factor's recovery codes.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from home.content.navigation import NavigationContentLoader
from home.content.site import SiteContentLoader
from home.editorial import dashboard
from home.editorial import wagtail_hooks as editorial_hooks  # noqa: F401  (registers the editorial admin)
from home.navigation.viewsets import SiteNavigationViewSet
from home.personal_data import views as personal_data_views
from home.personal_data.audit import register_audit_actions
from home.personal_data.form_submissions import FormSubmissionSource
from home.personal_data.login_records import LoginRecordSource
from home.personal_data.models import MANAGE_PERMISSION
from home.personal_data.retention import PURGE_ACTION
from home.security.lockouts import LockoutViewSet
from home.security.recovery_codes import RecoveryCodesView
from home.site_facts import PERSONAL_DATA_HOOK, PersonalData


@hooks.register("register_site_content_loader", order=0)
def site_content_loader():
    return SiteContentLoader


@hooks.register("register_site_content_loader", order=100)
def navigation_content_loader():
    return NavigationContentLoader


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet("sign_in_lockouts")


register_snippet(SiteNavigationViewSet)


@hooks.register("construct_homepage_panels")
def add_base_panels(request, panels):
    panels.extend(dashboard.dashboard_panels(request))


@hooks.register("register_log_actions")
def audit_log_actions(actions):
    register_audit_actions(actions)
    actions.register_action(personal_data_views.SEARCH_ACTION, _("Search for a person's data"), _("Searched"))
    actions.register_action(personal_data_views.EXPORT_ACTION, _("Export of a person's data"), _("Exported"))
    actions.register_action(personal_data_views.ERASE_ACTION, _("Erasure of a person's data"), _("Erased"))
    actions.register_action(PURGE_ACTION, _("Retention purge"), _("Purged after the retention period"))


# After the apps' sources: the screen lists registrations and applications first.
@hooks.register("register_personal_data_source", order=30)
def form_submission_source():
    return FormSubmissionSource()


@hooks.register("register_personal_data_source", order=40)
def login_record_source():
    return LoginRecordSource()


@hooks.register(PERSONAL_DATA_HOOK)
def personal_data_requests():
    """For the privacy policy's list of who can see what: the staff who answer requests see all of it."""
    return [PersonalData(_("any personal data, to answer a request for a copy or deletion"), MANAGE_PERMISSION)]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(_("Personal data"), reverse("personal_data"), icon_name="user", order=260)


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path("personal-data/", personal_data_views.screen, name="personal_data"),
        path("personal-data/export/", personal_data_views.export, name="personal_data_export"),
        path("personal-data/erase/", personal_data_views.erase, name="personal_data_erase"),
    ]


@hooks.register("register_admin_urls")
def recovery_code_urls():
    return [path("2fa/recovery-codes/", RecoveryCodesView.as_view(), name="account_recovery_codes")]


@hooks.register("register_account_menu_item")
def recovery_codes_account_item(request):
    return {
        "url": reverse("account_recovery_codes"),
        "label": pgettext_lazy("second factor", "Recovery codes"),
        "help_text": pgettext_lazy(
            "second factor",
            "Single-use codes for signing in when the phone with your authenticator app is not at hand.",
        ),
    }
