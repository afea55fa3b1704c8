"""
Site-wide views that gather every app's content: the search results page and the sitemap.

The project knows all apps; the apps know only the base (home) and never this module.
"""

import math

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Page

from home import html_cache
from home.chinese import segment_query
from home.routing import locale_for
from home.search_excerpts import SearchResult, normalise_query
from home.sitemap import SITEMAP_PAGE_SIZE, page_count, page_entries, render_sitemap, render_sitemap_index
from home.urls_util import absolute_url
from home.visibility import public
from membership.search import member_results
from membership.sitemap import member_count, member_entries

MAX_RESULTS = 200
RESULTS_PER_PAGE = 10


def search(request):
    """The visitor's language only: live public pages and published member units, Chinese-aware."""
    query = normalise_query(request.GET.get("q", ""))
    language = get_language()
    results: list[SearchResult] = []
    if query:
        locale = locale_for(language)
        # The hits' base rows only (title, URL, type); bodies are read for the shown page of results alone.
        page_hits = list(public(Page.objects.live()).filter(locale=locale).search(query)[:MAX_RESULTS])
        terms = [term for term in segment_query(query).split() if term]
        results = [
            SearchResult(
                title=hit.title,
                url=hit.get_url(request),
                type=hit.specific_class._meta.verbose_name,
                terms=terms,
                page_id=hit.pk,
            )
            for hit in page_hits
            if hit.alias_of_id is None  # aliases would show the other language's content under this one
        ]
        results.extend(member_results(query, terms, request, locale))

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
    shown = {result.page_id: result for result in page_of_results.object_list if result.page_id}
    for page in Page.objects.filter(pk__in=list(shown)).specific():
        shown[page.pk].fill(page)
    page_of_results.elided_range = list(paginator.get_elided_page_range(page_of_results.number, on_each_side=1))
    other_language = "en" if language != "en" else "zh-hans"
    return render(
        request,
        "home/search_results.html",
        {
            "query": query,
            "items": page_of_results,
            "result_count": len(results),
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


@require_GET
@html_cache.html_cache
def sitemap_index(request):
    """The sitemap index: one paged sitemap per SITEMAP_PAGE_SIZE items of each section (two COUNT queries)."""
    html_cache.depend_on(request, html_cache.SITEMAP)
    locations = []
    for name, (count, _entries, size) in SITEMAP_SECTIONS.items():
        for number in range(1, max(1, math.ceil(count() / size)) + 1):
            locations.append(absolute_url(reverse("sitemap_section", args=[name, number])))
    return HttpResponse(render_sitemap_index(locations), content_type="application/xml")


@require_GET
@html_cache.html_cache
def sitemap_section(request, section: str, number: int):
    """One page of a section: live pages of both locale trees, or the member directory's detail pages."""
    if section not in SITEMAP_SECTIONS or number < 1:
        raise Http404
    html_cache.depend_on(request, html_cache.SITEMAP)
    _count, entries_of, size = SITEMAP_SECTIONS[section]
    entries = entries_of(request, (number - 1) * size, size)
    if not entries and number > 1:
        raise Http404
    return HttpResponse(render_sitemap(entries), content_type="application/xml")
