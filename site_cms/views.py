"""
Site-wide views that gather every app's content: the search results page and the sitemap.

The project knows all apps; the apps know only the base (home) and never this module.
"""

import math

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from wagtail.models import Page

from home.absolute_urls import absolute_url
from home.caching import html_cache
from home.caching.routing import locale_for
from home.caching.visibility import public
from home.search.chinese import segment_query
from home.search.excerpts import SearchResult, normalise_query
from home.sitemap import SITEMAP_PAGE_SIZE, page_count, page_entries, render_sitemap, render_sitemap_index
from membership.search import MemberHits
from membership.sitemap import member_count, member_entries

MAX_RESULTS = 200
HIT_FIELDS = ("id", "title", "url_path", "content_type_id", "alias_of_id", "depth", "path", "locale_id")
RESULTS_PER_PAGE = 10


class SearchHits:
    """
    Page hits, then member hits, as one sequence the paginator counts and slices: each part is counted by one
    query and only the rows of the shown page are read (a query may match 1,300 articles; a page shows ten).
    """

    def __init__(self, *parts):
        self.parts = parts

    @cached_property
    def counts(self) -> list[int]:
        return [part.count() for part in self.parts]

    def count(self) -> int:
        return sum(self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        start, stop, shown, offset = window.start or 0, window.stop, [], 0
        for part, size in zip(self.parts, self.counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                shown.extend(part[low:high])
            offset += size
        return shown


class PageHits:
    """The live, public pages of one locale matching a query: their base rows only (see `shown_results`)."""

    def __init__(self, query: str, locale):
        # Aliases would show the other language's content under this one.
        # (Filtered by id: the search backend filters only on indexed fields, and `alias_of` is not one.)
        aliases = Page.objects.filter(alias_of__isnull=False).values("pk")
        pages = public(Page.objects.live()).filter(locale=locale).exclude(pk__in=aliases)
        self.hits = pages.only(*HIT_FIELDS).search(query)

    def count(self) -> int:
        return min(self.hits.count(), MAX_RESULTS)

    def __getitem__(self, window: slice) -> list:
        return list(self.hits[window])


def search(request):
    """The visitor's language only: live public pages and published member units, Chinese-aware."""
    query = normalise_query(request.GET.get("q", ""))
    language = get_language()
    hits, terms = SearchHits(), []
    if query:
        locale = locale_for(language)
        terms = [term for term in segment_query(query).split() if term]
        hits = SearchHits(PageHits(query, locale), MemberHits(query, terms, request, locale))

    paginator = Paginator(hits, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
    # URLs, dates and excerpts are made for the shown page of results alone.
    page_of_results.object_list = shown_results(list(page_of_results.object_list), terms, request)
    page_of_results.elided_range = list(paginator.get_elided_page_range(page_of_results.number, on_each_side=1))
    other_language = "en" if language != "en" else "zh-hans"
    return render(
        request,
        "home/search_results.html",
        {
            "query": query,
            "items": page_of_results,
            "result_count": paginator.count,
            "other_language_url": translate_url(request.get_full_path(), other_language),
            "other_language": other_language,
        },
    )


# Each section of the sitemap: (items, entries of items offset…offset+limit). Member entries come in pairs
# (one per language), so a members' sitemap holds half as many members.
SITEMAP_SECTIONS = {
    "pages": (page_count, page_entries, SITEMAP_PAGE_SIZE),
    "members": (member_count, member_entries, SITEMAP_PAGE_SIZE // 2),
}


def shown_results(hits: list, terms: list[str], request) -> list[SearchResult]:
    """The shown hits as results: pages read in full (date, body for the excerpt) in one query per page type."""
    pages = {
        page.pk: page for page in Page.objects.filter(pk__in=[h.pk for h in hits if isinstance(h, Page)]).specific()
    }
    results = []
    for hit in hits:
        if not isinstance(hit, Page):
            results.append(hit)  # already a result (member units)
            continue
        page = pages.get(hit.pk, hit)
        result = SearchResult(
            title=page.title, url=page.get_url(request), type=page.specific_class._meta.verbose_name, terms=terms
        )
        result.fill(page)
        results.append(result)
    return results


@require_safe
@html_cache.html_cache
def sitemap_index(request):
    """
    The sitemap index: one paged sitemap per SITEMAP_PAGE_SIZE items of each section (two COUNT queries). A section
    with nothing published (no member listed yet) is left out: an empty `<urlset/>` is a dead end for a crawler.
    """
    html_cache.depend_on(request, html_cache.SITEMAP)
    locations = []
    for name, (count, _entries, size) in SITEMAP_SECTIONS.items():
        for number in range(1, math.ceil(count() / size) + 1):
            locations.append(absolute_url(reverse("sitemap_section", args=[name, number])))
    return HttpResponse(render_sitemap_index(locations), content_type="application/xml")


@require_safe
@html_cache.html_cache
def sitemap_section(request, section: str, number: int):
    """One page of a section: live pages of both locale trees, or the member directory's detail pages."""
    if section not in SITEMAP_SECTIONS or number < 1:
        raise Http404
    html_cache.depend_on(request, html_cache.SITEMAP)
    _count, entries_of, size = SITEMAP_SECTIONS[section]
    entries = entries_of(request, (number - 1) * size, size)
    if not entries:
        raise Http404
    return HttpResponse(render_sitemap(entries), content_type="application/xml")
