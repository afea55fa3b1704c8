"""
Wagtail hooks of the base: its content loaders (the site first, the menus last: they link to every
app's pages) and the admin for the editable menus and footer.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import dashboard
from .content.navigation import NavigationContentLoader
from .content.site import SiteContentLoader
from .menus import SiteNavigation


@hooks.register("register_site_content_loader", order=0)
def site_content_loader():
    return SiteContentLoader


@hooks.register("register_site_content_loader", order=100)
def navigation_content_loader():
    return NavigationContentLoader


class EditOnlyPolicy(ModelPermissionPolicy):
    """One record per locale, made by the loader or by translating the Chinese one: edited, never added or deleted."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


class SiteNavigationViewSet(SnippetViewSet):
    model = SiteNavigation
    icon = "list-ul"
    menu_label = _("Menus and footer")
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["__str__", "locale"]
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return EditOnlyPolicy(self.model)

    @property
    def breadcrumbs_items(self):
        # Wagtail 7.4's snippet viewset builds the "Home" crumb with a non-lazy gettext once, at URL
        # set-up: it stays in whichever language the first request had. A lazy label follows each user.
        first, *rest = super().breadcrumbs_items
        return [{**first, "label": _("Home")}, *rest]


register_snippet(SiteNavigationViewSet)


@hooks.register("construct_homepage_panels")
def add_base_panels(request, panels):
    panels.extend(dashboard.dashboard_panels(request))
