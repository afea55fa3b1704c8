"""Section categories are drop-down entries of the main menu: a change clears the cached menus."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from home.navigation import clear_navigation_cache

from .models import Category, SectionCategory


@receiver(post_save, sender=SectionCategory)
@receiver(post_delete, sender=SectionCategory)
@receiver(post_save, sender=Category)
def menu_categories_changed(sender, **kwargs):
    clear_navigation_cache()
