"""
The site's menus: the main navigation with its drop-downs, the header shortcuts and the footer.

Built from the live pages of the current locale (found by their shared ASCII slugs), turned into
plain data and cached per locale; signals clear the cache when pages are published or moved.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

CACHE_KEY = "navigation:{language}"
CACHE_SECONDS = 60 * 60

# (slug of the top-level page, where its drop-down comes from)
MAIN_MENU = [
    ("about", "children"),
    ("notices", "categories"),
    ("association-news", None),
    ("news", "categories"),
    ("members", None),
    ("party-building", None),
    ("investment-guide", None),
]
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


def _content_pages(locale: Locale) -> tuple[Page | None, dict[str, Page], dict[int, list[Page]]]:
    """The locale's home page, its non-article pages by slug, and their children by parent id."""
    from news.models import ArticlePage

    pages = list(
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__in=[2, 3, 4])
        .not_type(ArticlePage)
        .only("id", "title", "slug", "url_path", "depth", "path", "locale_id", "draft_title", "live")
        .order_by("path")
    )
    home = next((p for p in pages if p.depth == 2), None)
    by_slug = {p.slug: p for p in pages if p.depth > 2}
    children: dict[int, list[Page]] = {}
    by_path = {p.path: p for p in pages}
    for page in pages:
        parent = by_path.get(page.path[: -Page.steplen])
        if parent is not None:
            children.setdefault(parent.id, []).append(page)
    return home, by_slug, children


def _section_categories(locale: Locale) -> dict[int, list]:
    from news.models import SectionCategory

    result: dict[int, list] = {}
    for link in SectionCategory.objects.filter(page__locale=locale).select_related("category").order_by("sort_order"):
        result.setdefault(link.page_id, []).append(link.category)
    return result


def build_navigation(locale: Locale, request=None) -> dict:
    home, by_slug, children = _content_pages(locale)
    categories = _section_categories(locale)

    def link_for(slug: str, label=None, query: str = "") -> Link | None:
        page = by_slug.get(slug)
        if page is None:
            return None
        return Link(title=str(label or page.title), url=page.get_url(request) + query, slug=slug)

    main = []
    for slug, dropdown in MAIN_MENU:
        link = link_for(slug)
        if link is None:
            continue
        page = by_slug[slug]
        if dropdown == "children":
            link.children = [Link(c.title, c.get_url(request), c.slug) for c in children.get(page.id, [])]
        elif dropdown == "categories":
            link.children = [
                Link(c.name, f"{link.url}?category={c.slug}", c.slug) for c in categories.get(page.id, [])
            ]
        main.append(link)

    footer = []
    for heading, entries in FOOTER_COLUMNS:
        links = [link for link in (link_for(slug, label, query) for label, slug, query in entries) if link]
        footer.append({"heading": str(heading), "links": links})

    return {
        "home": Link(home.title, home.get_url(request), "") if home else None,
        "main": main,
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


def clear_navigation_cache() -> None:
    from django.conf import settings

    cache.delete_many([CACHE_KEY.format(language=code) for code, _label in settings.LANGUAGES])
