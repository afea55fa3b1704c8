"""Keep cached menus in step with the page tree."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .navigation import clear_navigation_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def page_tree_changed(sender, **kwargs):
    clear_navigation_cache()


@receiver(post_save, sender="news.SectionCategory")
@receiver(post_delete, sender="news.SectionCategory")
@receiver(post_save, sender="news.Category")
@receiver(post_delete, sender="wagtailcore.Page")
def menu_data_changed(sender, **kwargs):
    clear_navigation_cache()
