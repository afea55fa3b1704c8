"""
Finding the page for a URL in two queries, whatever its depth.

Wagtail routes a request level by level: the Site (one query), its root page, the root's translation in the
active language, then for each path component the child by slug and its specific row — seven queries for an
article. Here the Site and the locales come from the shared cache (cleared through `home.caching.invalidation`), the
language's home comes from Wagtail's own cached site root paths, and one query on the indexed slug column finds
every page along the path; the deepest one's `.specific` row is the second query. That page's own `route()`
handles what is left of the path (the member directory's detail URLs), so routable pages work unchanged.
The result is handed to Wagtail's `serve` view, which keeps its hooks and privacy checks.
"""

from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site
from wagtail.views import serve as wagtail_serve

from home.caching import invalidation, request_cache

SITES_KEY = "routing:sites"
LOCALES_KEY = "routing:locales"
CACHE_SECONDS = 60 * 60
# Host names reach this code only after ALLOWED_HOSTS has vetted them; the cap is a second fence.
MAX_CACHED_HOSTS = 50


def site_for_request(request) -> Site | None:
    """Wagtail's `Site.find_for_request`, answered from the shared cache (and kept on the request)."""
    if not hasattr(request, "_wagtail_site"):
        host = f"{split_domain_port(request._get_raw_host())[0]}:{request.get_port()}"
        sites = request_cache.get(SITES_KEY) or {}
        if host not in sites:
            sites = dict(list(sites.items())[-MAX_CACHED_HOSTS + 1 :])
            sites[host] = Site._find_for_request(request)
            request_cache.store(SITES_KEY, sites, CACHE_SECONDS)
        request._wagtail_site = sites[host]
    return request._wagtail_site


# Views that never need a Site and must answer while the database is down (the load balancer's probes).
SITELESS_PATH_PREFIXES = ("/healthz",)


class CachedSiteMiddleware:
    """Sets the request's Wagtail Site from the shared cache, for every view (feeds, search, sitemaps…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(SITELESS_PATH_PREFIXES):
            site_for_request(request)
        return self.get_response(request)


def cached_locales() -> dict[str, Locale]:
    """Every Locale by language code, from the shared cache."""
    locales = request_cache.get(LOCALES_KEY)
    if locales is None:
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        request_cache.store(LOCALES_KEY, locales, CACHE_SECONDS)
    return locales


def language_codes_by_locale_id() -> dict[int, str]:
    """Locale id → language code, from the cached locales (no Locale row per page read)."""
    return {locale.pk: code for code, locale in cached_locales().items()}


def locale_for(language_code: str) -> Locale | None:
    """The Locale of a language code, from the shared cache."""
    return cached_locales().get(language_code)


def site_root_paths(request) -> list:
    """Wagtail's site root paths, read once per request (kept where Wagtail's own `get_url` looks for them)."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def home_url_path(request, site: Site, language_code: str) -> str | None:
    """The url_path of the site's home page in this language (else the site's own root)."""
    root_paths = [srp for srp in site_root_paths(request) if srp.site_id == site.id]
    for srp in root_paths:
        if srp.language_code == language_code:
            return srp.root_path
    return root_paths[-1].root_path if root_paths else None


def find_route(request, path: str):
    """(page, args, kwargs) for `path` under the active language's home page, or None (not found)."""
    site = site_for_request(request)
    locale = locale_for(get_language())
    root = home_url_path(request, site, locale.language_code) if site and locale else None
    if root is None:
        return None
    components = [component for component in path.split("/") if component]
    expected = [root + "".join(f"{part}/" for part in components[:depth]) for depth in range(len(components) + 1)]
    # Every page of this language whose slug is on the path (or the home page itself); one query, slug is indexed.
    candidates = Page.objects.filter(locale_id=locale.pk).filter(
        slug__in=[root.rstrip("/").rsplit("/", 1)[-1], *components]
    )
    on_path = {page.url_path: page for page in candidates.only("id", "url_path", "content_type_id", "depth")}
    for depth in range(len(expected) - 1, -1, -1):
        page = on_path.get(expected[depth])
        if page is not None:
            return page.specific.route(request, components[depth:])
    return None


def serve(request, path: str):
    """Wagtail's `serve`, with the route found by `find_route` (Wagtail reuses a route stored on the request)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = find_route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_serve(request, path)


request_cache.prefetch([SITES_KEY, LOCALES_KEY])
invalidation.register("site", keys=[SITES_KEY])
invalidation.register("locale", keys=[LOCALES_KEY])
