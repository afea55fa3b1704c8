"""
wagtail-localize's "Translate this page" and "Sync translated pages" in the page explorer's "More" menus, answered
for all the rows of a listing at once.

wagtail-localize's `page_listing_more_buttons` asks the database three questions for every row (is there a locale
without a translation of this page? its TranslatableObject; an enabled translation of its source?): ~150 queries
for the 50 rows of a section's explorer page, ~60 for a page of search results. Here the same answers are read
for every child of the row's parent in two queries, once per parent and request (the explorer's rows share one
parent; search results have a few), and the buttons are built exactly as wagtail-localize builds them. The page's
own header (`register_page_header_buttons`) keeps wagtail-localize's function: one page, no listing.

Upstream: none found; to report. Remove when wagtail-localize answers a listing's buttons in constant queries.
"""

import threading
from urllib.parse import urlencode

from django.core.signals import request_started
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

_answers = threading.local()


def forget_answers(**kwargs) -> None:
    _answers.by_parent = {}


request_started.connect(forget_answers, dispatch_uid="patches-localize-listing-buttons")


def sibling_answers(page: Page) -> dict[str, tuple[bool, int | None]]:
    """For every child of `page`'s parent, by translation key: (a locale lacks a translation, source to sync)."""
    parent_path = page.path[: -Page.steplen]
    cache = getattr(_answers, "by_parent", None)
    if cache is None:
        cache = _answers.by_parent = {}
    key = (parent_path, page.locale_id)
    if key not in cache:
        siblings = Page.objects.filter(path__startswith=parent_path, depth=page.depth).values("translation_key")
        locales = Locale.objects.count()
        translated_into = dict(
            Page.objects.filter(translation_key__in=siblings, alias_of__isnull=True)
            .order_by()  # pages are ordered by path: that would split the groups
            .values("translation_key")
            .annotate(locales=Count("locale_id", distinct=True))
            .values_list("translation_key", "locales")
        )
        sources = dict(
            TranslationSource.objects.filter(
                object_id__in=siblings, locale_id=page.locale_id, translations__enabled=True
            )
            .values_list("object_id", "id")
            .distinct()
        )
        cache[key] = {
            str(translation_key): (translated_into.get(translation_key, 0) < locales, sources.get(translation_key))
            for translation_key in set(translated_into) | set(sources)
        }
    return cache[key]


def page_listing_more_buttons(page: Page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons (same labels, URLs, icons and order), from the listing's batched answers."""
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    lacks_a_locale, source_id = sibling_answers(page).get(str(page.translation_key), (True, None))
    if lacks_a_locale:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield ListingButton(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def install() -> None:
    """Puts ours in the place of wagtail-localize's listing hook (called from PatchesConfig.ready)."""
    registered = hooks._hooks["register_page_listing_more_buttons"]
    for index, (function, order) in enumerate(registered):
        if function is localize_hooks.page_listing_more_buttons:
            registered[index] = (page_listing_more_buttons, order)
