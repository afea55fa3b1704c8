"""Wagtail hooks of the base: its content loader runs first (the apps build their sections on the home page)."""

from wagtail import hooks

from .content.site import SiteContentLoader
from .editorial import wagtail_hooks as editorial_hooks  # noqa: F401  (registers the editorial admin)


@hooks.register("register_site_content_loader", order=0)
def site_content_loader():
    return SiteContentLoader
