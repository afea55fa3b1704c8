"""Counts on the admin's menu items ("Applications (3)"), for what waits for the secretariat."""

import copy

from django.utils.translation import gettext as _


def with_count(menu_items: list, name: str, count: int) -> None:
    """Show `count` on the menu item called `name` (a per-request copy: the registered item is shared)."""
    if not count:
        return
    for index, item in enumerate(menu_items):
        if item.name == name:
            badged = copy.copy(item)
            badged.label = _("%(label)s (%(count)s)") % {"label": item.label, "count": count}
            badged.attrs = {**item.attrs, "data-count": str(count)}
            menu_items[index] = badged
            return
