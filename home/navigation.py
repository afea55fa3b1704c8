"""
The site's menus: the main navigation with its drop-downs, the header shortcuts and the footer.

Built from the live pages of the current locale (found by their shared ASCII slugs), turned into
plain data and cached per locale in the shared cache; `home.invalidation` clears it when pages, menus,
categories, view restrictions, sites or locales change. Each
main-menu page answers for its own drop-down (`menu_children()`): a text page lists its sub-pages,
a section its categories. Pages that are items of a listing (`is_listing_item`) are never menu entries.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, get_page_models

from . import invalidation
from .visibility import public

CACHE_KEY = "navigation:{language}"
CACHE_SECONDS = 60 * 60

# Slugs of the top-level pages, in menu order; their drop-downs come from the pages themselves.
MAIN_MENU = ["about", "notices", "association-news", "news", "members", "party-building", "investment-guide"]
HEADER_SHORTCUTS = ["join", "contact"]

# Footer columns as the seed has them: (heading, [(label or None for the page title, slug, query)]).
FOOTER_COLUMNS = [
    (
        _("About Us"),
        [(None, "overview", ""), (None, "charter", ""), (None, "party-building", "")],
    ),
    (
        _("News and Events"),
        [
            (_("Latest News"), "news", ""),
            (_("Policies"), "notices", "?category=policies"),
            (None, "association-news", ""),
            (_("Upcoming Events"), "news", "?when=upcoming"),
            (_("Past Events"), "news", "?when=past"),
            (None, "investment-guide", ""),
        ],
    ),
    (
        _("Member Centre"),
        [
            (None, "member-benefits", ""),
            (_("Member News"), "association-news", ""),
            (None, "member-services", ""),
            (None, "how-to-join", ""),
            (None, "join", ""),
        ],
    ),
    (
        _("Support and Help"),
        [(None, "privacy", ""), (None, "terms", ""), (None, "contact", "")],
    ),
]


@dataclass
class Link:
    title: str
    url: str
    slug: str = ""
    children: list["Link"] = field(default_factory=list)


def page_link(page: Page, request=None) -> Link:
    return Link(title=page.title, url=page.get_url(request), slug=page.slug)


def _listing_item_types() -> list[type]:
    return [model for model in get_page_models() if getattr(model, "is_listing_item", False)]


def _structural_pages(locale: Locale) -> tuple[Page | None, dict[str, Page]]:
    """The locale's home page and its structural pages (not listing items) by slug, in one query."""
    pages = list(
        public(Page.objects.live())
        .filter(locale=locale, depth__in=[2, 3, 4])
        .not_type(*_listing_item_types())
        .only("id", "title", "slug", "url_path", "depth", "path", "locale_id", "draft_title", "live")
        .order_by("path")
    )
    home = next((p for p in pages if p.depth == 2), None)
    return home, {p.slug: p for p in pages if p.depth > 2}


def _main_menu(by_slug: dict[str, Page], request) -> list[Link]:
    ids = [by_slug[slug].pk for slug in MAIN_MENU if slug in by_slug]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific(defer=True)}
    main = []
    for slug in MAIN_MENU:
        if slug not in by_slug:
            continue
        page = specific.get(by_slug[slug].pk, by_slug[slug])
        link = page_link(page, request)
        menu_children = getattr(page, "menu_children", None)
        link.children = menu_children(request) if menu_children else []
        main.append(link)
    return main


def build_navigation(locale: Locale, request=None) -> dict:
    home, by_slug = _structural_pages(locale)

    def link_for(slug: str, label=None, query: str = "") -> Link | None:
        page = by_slug.get(slug)
        if page is None:
            return None
        return Link(title=str(label or page.title), url=page.get_url(request) + query, slug=slug)

    footer = []
    for heading, entries in FOOTER_COLUMNS:
        links = [link for link in (link_for(slug, label, query) for label, slug, query in entries) if link]
        footer.append({"heading": str(heading), "links": links})

    return {
        "home": page_link(home, request) if home else None,
        "main": _main_menu(by_slug, request),
        "shortcuts": [link for link in (link_for(slug) for slug in HEADER_SHORTCUTS) if link],
        "footer": footer,
        "urls": {slug: page.get_url(request) for slug, page in by_slug.items()},
    }


def navigation_for(language: str, request=None) -> dict:
    key = CACHE_KEY.format(language=language)
    navigation = cache.get(key)
    if navigation is None:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return {"home": None, "main": [], "shortcuts": [], "footer": [], "urls": {}}
        navigation = build_navigation(locale, request)
        cache.set(key, navigation, CACHE_SECONDS)
    return navigation


def navigation_cache_keys(**change) -> list[str]:
    return [CACHE_KEY.format(language=code) for code, _label in settings.LANGUAGES]


def clear_navigation_cache() -> None:
    cache.delete_many(navigation_cache_keys())


# The menus show page titles and URLs, section categories, and only public pages of each language.
for _topic in ("page", "menu", "category", "view-restriction", "site", "locale"):
    invalidation.register(_topic, keys=navigation_cache_keys)
