"""Numbered, elided pagination (1 … 4 5 6 … 127) for every listing of the site."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from home.caching import invalidation

LISTING_PAGE_SIZE = 10
KEYS_CACHE_PREFIX = "listing-keys:"


def listing_keys(queryset: QuerySet, dependency: str) -> list:
    """
    The primary keys of a listing in its order, from the shared cache while `dependency` (the listings of a
    language, bumped by every publish that changes them) stays current.

    Counting and ordering a section's articles is a scan of all of them: at 13,000 articles ~27 ms a page, every
    page. The list of keys (13,000 integers) costs one cache read; the page's rows are then read by key.
    """
    return listings_keys([queryset], dependency)[0]


def listings_keys(querysets: list[QuerySet], dependency: str) -> list[list]:
    """listing_keys of several listings at once: two round trips to the cache, whatever their number."""
    token = invalidation.dependency_tokens([dependency])[dependency]
    cache_keys = []
    for queryset in querysets:
        sql, params = queryset.query.sql_with_params()
        digest = hashlib.sha1(repr((sql, params)).encode(), usedforsecurity=False).hexdigest()
        cache_keys.append(f"{KEYS_CACHE_PREFIX}{dependency}:{token}:{digest}")
    found = cache.get_many(cache_keys)
    missing = {}
    for cache_key, queryset in zip(cache_keys, querysets, strict=True):
        if cache_key not in found:
            missing[cache_key] = found[cache_key] = list(queryset.values_list("pk", flat=True))
    if missing:
        cache.set_many(missing, settings.LISTING_KEYS_CACHE_SECONDS)
    return [found[cache_key] for cache_key in cache_keys]


class LateRowPaginator(Paginator):
    """
    Deep pages of a queryset cost about what the first one does: the page's primary keys are found first, in a
    narrow query the database can answer from an index, and only those rows are then read in full. Reading full
    rows (all page and event columns) under a deep OFFSET makes the database sort and skip wide rows.

    With `keys_depend_on` (a dependency name of home.caching.invalidation), the listing's keys in order come from
    the shared cache (listing_keys): the count and the page's keys cost no scan. Only for listings whose order does
    not change with the clock (not upcoming or past events).
    """

    def __init__(self, object_list, per_page, *args, keys_depend_on: str = "", **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        cached = isinstance(object_list, QuerySet) and settings.LISTING_KEYS_CACHE_SECONDS
        self.keys_depend_on = keys_depend_on if cached else ""

    @cached_property
    def cached_keys(self) -> list | None:
        return listing_keys(self.object_list, self.keys_depend_on) if self.keys_depend_on else None

    @cached_property
    def count(self):
        return len(self.cached_keys) if self.cached_keys is not None else super().count

    def page(self, number):
        number = self.validate_number(number)
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if self.cached_keys is not None:
            keys = self.cached_keys[bottom:top]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def paginate(
    items, page_param: str | None, per_page: int = LISTING_PAGE_SIZE, keys_depend_on: str = ""
) -> PaginatorPage:
    """
    A page of `items` (no parameter: the first). A page that does not exist — past the last, zero,
    negative or not a number — is a 404: a search engine must not index the same items under many URLs.
    """
    paginator = LateRowPaginator(items, per_page, keys_depend_on=keys_depend_on)
    try:
        page = paginator.page(page_param or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page
