"""Keep cached menus in step with the page tree (the apps clear them for their own menu data too)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .menus import SiteNavigation
from .navigation import clear_navigation_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs):
    clear_navigation_cache()


@receiver(post_delete, sender=Page)
def page_deleted(sender, **kwargs):
    clear_navigation_cache()


@receiver(post_save, sender=SiteNavigation)
@receiver(post_delete, sender=SiteNavigation)
def menus_edited(sender, **kwargs):
    clear_navigation_cache()
