"""
The root of the page tree in the staff member's language.

Wagtail's first migration names the tree's root page "Root"; the explorer, its breadcrumbs, the page chooser
and the sidebar's page explorer show that title through `Page.get_admin_display_title()`. It is data, not a
string of the catalogue, so a Chinese-speaking editor met English there. The title stays as Wagtail made it
(nothing else depends on it, and an English-speaking editor still reads "Root"); while it is Wagtail's default,
the admin shows it translated. A root page someone has renamed keeps its own title.
"""

from django.utils.translation import gettext

from wagtail.models import Page

WAGTAIL_ROOT_TITLE = "Root"

wagtail_get_admin_display_title = Page.get_admin_display_title


def get_admin_display_title(page) -> str:
    title = wagtail_get_admin_display_title(page)
    if page.depth == 1 and title == WAGTAIL_ROOT_TITLE:
        return gettext("Root")
    return title


def install() -> None:
    Page.get_admin_display_title = get_admin_display_title
