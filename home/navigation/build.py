"""
The site's menus: the main navigation with its drop-downs, the header shortcuts and the footer.

Editors build them in the admin (`home.navigation.menus.SiteNavigation`, one translatable record per locale);
this module turns the locale's record into plain data and caches it per locale. Chosen pages are
resolved to their live translation in the menu's locale in a fixed number of queries; a link whose
page is gone, unpublished or not translated yet is left out, and so is a link to a listing with nothing
published (a page that lists others answers `listing_is_empty(filter)` from its app's cached facts, see
`home.caching.presence`): it comes back with the first item. A main-menu entry without drop-down
links of its own asks its page (`menu_children()`): a text page lists its sub-pages, a section its
categories (those with items). What is left out, and why, is told to editors (`home.navigation.report`).
The cache is shared by every worker; `home.caching.invalidation` clears it when pages, menus, categories,
view restrictions, sites or locales change (`clear_navigation_cache()` does it by hand), and it expires when
time alone changes what it shows (the last upcoming event ends).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from home.caching import invalidation, request_cache
from home.caching.visibility import public
from home.navigation.menus import SiteNavigation

CACHE_KEY = "navigation:{language}"
CACHE_SECONDS = 60 * 60
EMPTY_NAVIGATION = {"home": None, "main": [], "shortcuts": [], "footer": [], "expires_at": None}


@dataclass
class Link:
    title: str
    url: str
    slug: str = ""
    children: list["Link"] = field(default_factory=list)


def page_link(page: Page, request=None) -> Link:
    return Link(title=page.title, url=page.get_url(request), slug=page.slug)


def list_values(raw_list) -> list[dict]:
    """Block values of a ListBlock in either of Wagtail's stored forms (plain, or with ids)."""
    values = []
    for item in raw_list or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item = item["value"]
        values.append(item)
    return values


class NavigationBuilder:
    """Builds one locale's menus from its SiteNavigation record."""

    def __init__(self, navigation: SiteNavigation, request=None):
        self.locale = navigation.locale
        self.request = request
        self.main = [block["value"] for block in navigation.main_menu.raw_data]
        self.shortcuts = [block["value"] for block in navigation.header_shortcuts.raw_data]
        self.columns = [block["value"] for block in navigation.footer_columns.raw_data]
        self.pages = self._resolve_pages(self._page_ids())
        # When time alone changes what the menus show (the last upcoming event ends): they are built again then.
        self.expires_at: datetime.datetime | None = None

    def _page_ids(self) -> set[int]:
        links = [*self.main, *self.shortcuts]
        links += [child for item in self.main for child in list_values(item.get("children"))]
        links += [link for column in self.columns for link in list_values(column.get("links"))]
        return {link["page"] for link in links if isinstance(link.get("page"), int)}

    def _resolve_pages(self, ids: set[int]) -> dict[int, Page]:
        """Chosen page id → its live, public page in this locale (the chosen one or its translation)."""
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        localized = public(Page.objects.live()).filter(locale=self.locale, translation_key__in=set(keys.values()))
        localized = localized.specific(defer=True)
        by_key = {page.translation_key: page for page in localized}
        return {pk: by_key[key] for pk, key in keys.items() if key in by_key}

    def is_empty_listing(self, page: Page, query: str = "") -> bool:
        """A listing with nothing published for this filter (asked of pages that list others, by their type)."""
        listing_is_empty = getattr(page, "listing_is_empty", None)
        if listing_is_empty is None:
            return False
        changes_at = getattr(page, "listing_state_changes_at", lambda: None)()
        if changes_at is not None:
            self.expires_at = min(self.expires_at, changes_at) if self.expires_at else changes_at
        return listing_is_empty(query)

    def link(self, value: dict) -> Link | None:
        if value.get("page"):
            page = self.pages.get(value["page"])
            if page is None or self.is_empty_listing(page, value.get("filter") or ""):
                return None
            url = page.get_url(self.request)
            if value.get("filter"):
                url += "?" + value["filter"]
            return Link(title=value.get("label") or page.title, url=url, slug=page.slug)
        if value.get("url") and value.get("label"):
            return Link(title=value["label"], url=value["url"])
        return None

    def links(self, values: list[dict]) -> list[Link]:
        return [link for link in (self.link(value) for value in values) if link is not None]

    def main_menu(self) -> list[Link]:
        entries = []
        for value in self.main:
            link = self.link(value)
            if link is None:
                continue
            link.children = self.links(list_values(value.get("children")))
            page = self.pages.get(value.get("page"))
            menu_children = getattr(page, "menu_children", None)
            if not link.children and value.get("automatic_dropdown", True) and menu_children:
                link.children = menu_children(self.request)
            entries.append(link)
        return entries

    def footer(self) -> list[dict]:
        """The footer's columns; a column whose links are all left out is left out too."""
        columns = [
            {"heading": column.get("heading", ""), "links": self.links(list_values(column.get("links")))}
            for column in self.columns
        ]
        return [column for column in columns if column["links"]]


def build_navigation(locale: Locale, request=None) -> dict:
    home = public(Page.objects.live()).filter(locale=locale, depth=2).first()
    navigation = SiteNavigation.objects.filter(locale=locale).select_related("locale").first()
    if navigation is None:
        return {**EMPTY_NAVIGATION, "home": page_link(home, request) if home else None}
    builder = NavigationBuilder(navigation, request)
    return {
        "home": page_link(home, request) if home else None,
        "main": builder.main_menu(),
        "shortcuts": builder.links(builder.shortcuts),
        "footer": builder.footer(),
        "expires_at": builder.expires_at,
    }


def cache_seconds(navigation: dict) -> int:
    """An hour, or less when an event starting or ending changes the menus before."""
    expires_at = navigation.get("expires_at")
    if expires_at is None:
        return CACHE_SECONDS
    return max(1, min(CACHE_SECONDS, int((expires_at - timezone.now()).total_seconds())))


def navigation_for(language: str, request=None) -> dict:
    key = CACHE_KEY.format(language=language)
    navigation = request_cache.get(key)
    if navigation is None:
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return EMPTY_NAVIGATION
        navigation = build_navigation(locale, request)
        request_cache.store(key, navigation, cache_seconds(navigation))
    return navigation


def navigation_cache_keys(**change) -> list[str]:
    return [CACHE_KEY.format(language=code) for code, _label in settings.LANGUAGES]


def clear_navigation_cache() -> None:
    cache.delete_many(navigation_cache_keys())
    request_cache.forget()


request_cache.prefetch(lambda request: [CACHE_KEY.format(language=get_language())])
# The menus show page titles and URLs, section categories, and only public pages of each language.
for _topic in ("page", "menu", "category", "view-restriction", "site", "locale"):
    invalidation.register(_topic, keys=navigation_cache_keys)
