"""
wagtail-localize's "Translate this page" and "Sync translated pages" in the page explorer's "More" menus, answered
for all the rows of a listing at once.

wagtail-localize's `page_listing_more_buttons` asks the database three questions for every row (is there a locale
without a translation of this page? its TranslatableObject; an enabled translation of its source?): ~150 queries
for the 50 rows of a section's explorer page, ~60 for a page of search results. Here the same answers are read
for the rows of the listing being drawn in two queries, and the buttons are built exactly as wagtail-localize
builds them. The rows are the ones Wagtail's page table (`PageTable`: the explorer, the page search, the Articles
listing) was made with: its constructor is wrapped to note them for the request. Reading the answers for every
child of the rows' parent instead (an earlier version) cost ~0.8 s of CPU on a section of 13,000 articles. A page
asked for outside such a table is answered alone (two queries). The page's own header
(`register_page_header_buttons`) keeps wagtail-localize's function: one page, no listing.

Upstream: none found; to report. Remove when wagtail-localize answers a listing's buttons in constant queries.
"""

import threading
from urllib.parse import urlencode

from django.core.signals import request_started
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.tables.pages import PageTable
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

_answers = threading.local()
wagtail_page_table_init = PageTable.__init__


def forget_answers(**kwargs) -> None:
    _answers.by_key = {}
    _answers.listed = ()


request_started.connect(forget_answers, dispatch_uid="patches-localize-listing-buttons")


def page_table_init(self, *args, **kwargs) -> None:
    """Wagtail's constructor, then the table's rows noted as the ones whose buttons are about to be drawn."""
    wagtail_page_table_init(self, *args, **kwargs)
    _answers.listed = self.data


def read_answers(pages: list[Page]) -> dict[tuple, tuple[bool, int | None]]:
    """
    By translation key and locale (a search lists a page and its translation): (a locale lacks a translation of
    the page, the source to sync or None).
    """
    keys = {page.translation_key for page in pages}
    locales = Locale.objects.count()
    translated_into = dict(
        Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
        .order_by()  # pages are ordered by path: that would split the groups
        .values("translation_key")
        .annotate(locales=Count("locale_id", distinct=True))
        .values_list("translation_key", "locales")
    )
    sources = {
        (object_id, locale_id): source_id
        for object_id, locale_id, source_id in TranslationSource.objects.filter(
            object_id__in=keys, translations__enabled=True
        )
        .values_list("object_id", "locale_id", "id")
        .distinct()
    }
    return {
        (page.translation_key, page.locale_id): (
            translated_into.get(page.translation_key, 0) < locales,
            sources.get((page.translation_key, page.locale_id)),
        )
        for page in pages
    }


def listing_answers(page: Page) -> tuple[bool, int | None]:
    """The answers for `page`, read with those of the other rows of its listing the first time one is asked."""
    by_key = getattr(_answers, "by_key", None)
    if by_key is None:
        forget_answers()
        by_key = _answers.by_key
    key = (page.translation_key, page.locale_id)
    if key not in by_key:
        listed = [row for row in _answers.listed if isinstance(row, Page)]
        by_key.update(read_answers(listed if any(row.pk == page.pk for row in listed) else [page]))
    return by_key[key]


def page_listing_more_buttons(page: Page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons (same labels, URLs, icons and order), from the listing's batched answers."""
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    lacks_a_locale, source_id = listing_answers(page)
    if lacks_a_locale:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield ListingButton(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def install() -> None:
    """
    Puts ours in the place of wagtail-localize's listing hook and notes each page table's rows (called from
    patches/wagtail_hooks.py).
    """
    PageTable.__init__ = page_table_init
    registered = hooks._hooks["register_page_listing_more_buttons"]
    for index, (function, order) in enumerate(registered):
        if function is localize_hooks.page_listing_more_buttons:
            registered[index] = (page_listing_more_buttons, order)
