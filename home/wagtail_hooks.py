"""Wagtail hooks of the base: its content loader runs first, the editorial admin, the sign-in lockouts."""

from wagtail import hooks

from .content.site import SiteContentLoader
from .editorial import wagtail_hooks as editorial_hooks  # noqa: F401  (registers the editorial admin)
from .lockouts_admin import LockoutViewSet


@hooks.register("register_site_content_loader", order=0)
def site_content_loader():
    return SiteContentLoader


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet("sign_in_lockouts")
