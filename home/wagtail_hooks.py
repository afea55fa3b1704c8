"""
Wagtail hooks of the base: its content loaders (the site first, the menus last: they link to every
app's pages), the editorial admin, the editable menus and footer, the sign-in lockouts, dashboard panels.
"""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import dashboard
from .content.navigation import NavigationContentLoader
from .content.site import SiteContentLoader
from .editorial import wagtail_hooks as editorial_hooks  # noqa: F401  (registers the editorial admin)
from .lockouts_admin import LockoutViewSet
from .menus_admin import SiteNavigationViewSet


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
