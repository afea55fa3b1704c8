"""
Site-wide views that gather every app's content: the search results page and the sitemap.

The project knows all apps; the apps know only the base (home) and never this module.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

from home.chinese import segment_query
from home.search_excerpts import highlight, normalise_query, page_text
from home.sitemap import page_entries, render_sitemap
from membership.search import member_results
from membership.sitemap import member_entries

MAX_RESULTS = 200
RESULTS_PER_PAGE = 10
SITEMAP_CACHE_SECONDS = 15 * 60


def search(request):
    """The visitor's language only: live public pages and published member units, Chinese-aware."""
    query = normalise_query(request.GET.get("q", ""))
    language = get_language()
    results: list[dict] = []
    if query:
        locale = Locale.objects.filter(language_code=language).first()
        page_hits = list(Page.objects.live().public().filter(locale=locale).search(query)[:MAX_RESULTS])
        pages = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in page_hits]).specific()}
        terms = [term for term in segment_query(query).split() if term]
        for hit in page_hits:
            page = pages.get(hit.pk)
            if page is None or page.alias_of_id is not None:
                continue  # aliases would show the other language's content under this one
            results.append(
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": page.specific_class._meta.verbose_name,
                    "date": getattr(page, "date", None),
                    "excerpt": highlight(page_text(page), terms),
                }
            )
        results.extend(member_results(query, terms, request, locale))

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        page_of_results = paginator.page(1)
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


@require_GET
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap(request):
    """Every live page of both locale trees, plus the member directory's detail pages."""
    entries = page_entries(request) + member_entries(request)
    return HttpResponse(render_sitemap(entries), content_type="application/xml")
