"""Announce changes of the page tree and of Wagtail's own records to `home.caching.invalidation`."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.caching import invalidation
from home.models import SiteSettings
from home.navigation.menus import SiteNavigation


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def page_tree_changed(sender, instance, **kwargs):
    invalidation.changed("page", page=instance)


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    invalidation.changed("page", page=instance)


invalidation.watch(PageViewRestriction, "view-restriction")
invalidation.watch(Site, "site")
invalidation.watch(Locale, "locale")
invalidation.watch(SiteSettings, "settings")
invalidation.watch(SiteNavigation, "menu")
