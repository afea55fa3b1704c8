"""
sitemap.xml over both locale trees, with hreflang alternates (Wagtail's own sitemap lists only the
default locale and no alternates: wagtail#12420), and robots.txt pointing to it.

`/sitemap.xml` is a sitemap index of paged sitemaps (`/sitemap-pages-1.xml`, …), each of at most
SITEMAP_PAGE_SIZE items, so that each is cheap to build whatever the size of the site and stays far inside
the protocol's limits (50,000 URLs, 50 MB). The pages of every app are found through the page tree; other
entries (member units) are gathered by the project's sitemap views, which render them with `render_sitemap`.
"""

import datetime
from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from wagtail import hooks
from wagtail.models import Page

from home.absolute_urls import absolute_url
from home.caching.routing import language_codes_by_locale_id
from home.caching.visibility import public
from home.navigation.alternates import HREFLANG

# Each paged sitemap is built cold in a few tens of milliseconds (every entry resolves its translations' URLs).
SITEMAP_PAGE_SIZE = 250
SITEMAP_FIELDS = ("id", "url_path", "translation_key", "last_published_at", "latest_revision_created_at", "locale_id")


# Apps whose pages carry a date of their own (an article's) answer `{page id: date}` for a list of page ids: the
# sitemap's lastmod is that date, not the day the page was loaded or last re-published.
SITEMAP_DATES_HOOK = "register_sitemap_dates"


def page_dates(ids: list[int]) -> dict[int, datetime.date]:
    dates: dict[int, datetime.date] = {}
    for hook in hooks.get_hooks(SITEMAP_DATES_HOOK):
        dates.update(hook(ids))
    return dates


def _sitemap_pages():
    return public(Page.objects.live()).filter(depth__gt=1, alias_of__isnull=True)


def page_count() -> int:
    return _sitemap_pages().count()


def page_entries(request, offset: int = 0, limit: int = SITEMAP_PAGE_SIZE) -> list[dict]:
    """Entries of the pages number offset…offset+limit in tree order, with their translations and dates (3 queries)."""
    pages = list(_sitemap_pages().only(*SITEMAP_FIELDS).order_by("path")[offset : offset + limit])
    # Their other languages only (the pages themselves are in hand): half the rows to read and build.
    translations = (
        _sitemap_pages()
        .filter(translation_key__in={page.translation_key for page in pages})
        .exclude(pk__in=[page.pk for page in pages])
        .only(*SITEMAP_FIELDS)
    )
    languages = language_codes_by_locale_id()
    dates = page_dates([page.pk for page in pages])
    by_key: dict = defaultdict(dict)
    for page in [*pages, *translations]:
        by_key[page.translation_key][languages[page.locale_id]] = page
    entries = []
    for page in pages:
        translations = by_key[page.translation_key]
        alternates = {code: absolute_url(other.get_url(request)) for code, other in translations.items()}
        entries.append(
            {
                "loc": alternates[languages[page.locale_id]],
                "lastmod": dates.get(page.pk) or page.last_published_at or page.latest_revision_created_at,
                "alternates": alternates if len(alternates) > 1 else {},
            }
        )
    return entries


def render_sitemap(entries: list[dict]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries:
        lines.append("<url>")
        lines.append(f"<loc>{escape(entry['loc'])}</loc>")
        lastmod = entry["lastmod"]
        if lastmod:
            day = lastmod.date() if isinstance(lastmod, datetime.datetime) else lastmod
            lines.append(f"<lastmod>{day.isoformat()}</lastmod>")
        alternates = entry["alternates"]
        for code, href in alternates.items():
            lines.append(f'<xhtml:link rel="alternate" hreflang="{HREFLANG.get(code, code)}" href={quoteattr(href)}/>')
        if alternates and settings.LANGUAGE_CODE in alternates:
            default = alternates[settings.LANGUAGE_CODE]
            lines.append(f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(default)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_sitemap_index(locations: list[str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    lines += [f"<sitemap><loc>{escape(location)}</loc></sitemap>" for location in locations]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zh-hans/registrations/",
        "Disallow: /en/registrations/",
        "Disallow: /zh-hans/membership/applications/",
        "Disallow: /en/membership/applications/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
