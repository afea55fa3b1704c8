"""Site search: the visitor's language only, live public pages and published member units, Chinese-aware."""

import re
import unicodedata

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.urls import translate_url
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from .chinese import segment_query
from .search import streamfield_text

MAX_QUERY_LENGTH = 100
MAX_RESULTS = 200
RESULTS_PER_PAGE = 10
EXCERPT_RADIUS = 60

_NOT_WORDY = re.compile(r"[^\w\s\-]+")


def normalise_query(raw: str) -> str:
    """Letters, digits and spaces only, at most 100 characters: quotes, operators, NUL and junk removed."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(char for char in text if unicodedata.category(char)[0] not in ("C",))  # control, surrogate
    text = _NOT_WORDY.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def highlight(text: str, terms: list[str]) -> str:
    """An escaped excerpt around the first match, with every term wrapped in <mark>."""
    text = " ".join(text.split())
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms if term and lowered.find(term.lower()) >= 0]
    start = max(min(positions) - EXCERPT_RADIUS, 0) if positions else 0
    excerpt = text[start : start + 2 * EXCERPT_RADIUS + 40]
    prefix, suffix = ("…" if start else ""), ("…" if start + len(excerpt) < len(text) else "")
    escaped = escape(excerpt)
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        escaped = re.sub(f"({re.escape(escape(term))})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    return mark_safe(prefix + escaped + suffix)


def _page_text(page) -> str:
    """The body (where matches usually are), else the summary or introduction."""
    return streamfield_text(getattr(page, "body", None)) or getattr(page, "summary", "") or getattr(page, "intro", "")


def search(request):
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
                    "excerpt": highlight(_page_text(page), terms),
                }
            )
        results.extend(_member_results(query, terms, request, locale))

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


def _member_results(query: str, terms: list[str], request, locale) -> list[dict]:
    from membership.models import MemberDirectoryPage, MemberUnit

    directory = MemberDirectoryPage.objects.live().filter(locale=locale).first()
    if directory is None:
        return []
    published = MemberUnit.objects.filter(published=True).select_related("industry")
    members = get_search_backend().search(query, published)[:MAX_RESULTS]
    base = directory.get_url(request)
    return [
        {
            "title": member.name,
            "url": f"{base}{member.pk}/",
            "type": MemberUnit._meta.verbose_name,
            "date": None,
            "excerpt": highlight(member.description or (member.industry.name if member.industry else ""), terms),
        }
        for member in members
    ]
