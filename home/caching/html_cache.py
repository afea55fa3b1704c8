"""
Whole-response cache of public pages for anonymous visitors, in the shared cache, invalidated exactly.

Why our own middleware rather than wagtail-cache or Django's `cache_page`: an entry must depend on *what it
shows* (the page, its section's listings, the menus…) so that a publish clears exactly those entries on every
app server at once, expire at the next event start or end it shows, and never hold a CSRF token. Entries record
the tokens of their dependency names (`home.caching.invalidation`); a change bumps a name and every entry that depends
on it is stale on the next read. `cache_page` keys on the URL only and clears by time; wagtail-cache clears
everything or one URL.

What is cached: 200 responses to GET from visitors without a session (no editors, no flash messages), of Wagtail
pages outside private subtrees and of views marked with `@html_cache(...)` (feeds, sitemaps), whose response sets
no cookie, is not `no-store`/`private`, and did not use a CSRF token (a page with a form). A HEAD is answered from
the cache but never fills it. Entries are stored compressed (brotli, gzip) so a hit costs no compression; the ETag
is the hash of the uncompressed body. The miss that fills an entry is answered from it too, so both carry the
same bytes.

The same decision marks what a proxy in front may keep for a moment: such responses, and only they, carry
`X-Accel-Expires: EDGE_CACHE_SECONDS` (nginx's micro-cache in ops/nginx/cdats.conf; nginx removes the header).
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from home.caching import invalidation, visibility
from home.caching.compression import negotiate

try:  # brotli is a runtime requirement; without it entries are kept with gzip only
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

logger = logging.getLogger(__name__)

# Dependency names shared by the apps.
SITEWIDE = "html"  # menus, settings, categories, the page tree's structure: every page shows them
SITEMAP = "sitemap"


def listings(language: str) -> str:
    """Every listing of one language: section listings, the home page, feeds."""
    return f"listings:{language}"


def page_dependency(page) -> str:
    """The page in every language (the language switcher of each translation links to the others)."""
    return f"page:{page.translation_key}"


KEY_PREFIX = "html-cache:"
# Query parameters that select content; a URL with any other parameter is served but not cached (one entry
# per tracking parameter would let anyone fill the cache).
CACHE_KEY_PARAMS = {"category", "when", "page", "notice", "industry", "grade"}
MAX_PARAM_LENGTH = 60
# Every header of the response is kept (security headers set by middleware below this one: frame options, CSP…)
# except those that belong to one response or are set again on each hit.
NOT_STORED_HEADERS = {
    "set-cookie", "vary", "content-length", "content-encoding", "etag", "last-modified", "cache-control",
    "expires", "x-cache", "x-accel-expires", "x-bench-cpu-ms", "x-bench-queries",
}  # fmt: skip
COMPRESSIBLE_MIN_BYTES = 200


def max_age() -> int:
    return int(getattr(settings, "HTML_CACHE_SECONDS", 0))


def edge_seconds() -> int:
    return int(getattr(settings, "EDGE_CACHE_SECONDS", 0))


def browser_cache_control(response) -> None:
    """Browsers revalidate (a 304 is cheap); a CDN in front may keep the page for HTML_CACHE_SHARED_MAX_AGE."""
    shared = int(getattr(settings, "HTML_CACHE_SHARED_MAX_AGE", 0))
    if shared:
        patch_cache_control(response, max_age=0, must_revalidate=True, s_maxage=shared, public=True)
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)


def depend_on(request, *names: str) -> None:
    """While a response is made: it shows data that changes with these dependency names."""
    if request is not None:
        request.html_cache_dependencies = [*getattr(request, "html_cache_dependencies", []), *names]


def expire_at(request, when) -> None:
    """While a response is made: what it shows changes at `when` (an aware datetime: an event starts or ends)."""
    if request is not None and when is not None:
        current = getattr(request, "html_cache_expires_at", None)
        request.html_cache_expires_at = min(current, when) if current else when


def html_cache(view):
    """Mark a view's responses cacheable (feeds, sitemaps); they call `depend_on` for what they show."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.html_cache_view = True
        return response

    return wrapped


def _policy_of(request, response) -> tuple[list[str], float | None] | None:
    """Dependencies and expiry of a Wagtail page or a marked view, or None: not a cacheable kind of response."""
    names = [SITEWIDE, *getattr(request, "html_cache_dependencies", [])]
    route = getattr(request, "_wagtail_route_for_request", None)
    if route and visibility.is_restricted(route[0]):
        return None  # a private page, or its password form: never shared (Wagtail marks them no-store too)
    if route:
        names.append(page_dependency(route[0]))
    elif not getattr(response, "html_cache_view", False):
        return None
    expires_at = getattr(request, "html_cache_expires_at", None)
    return names, expires_at.timestamp() if expires_at else None


# This worker's memory of each cached URL's dependency names (see HtmlCacheMiddleware.current_entry), bounded.
_dependency_names: OrderedDict[str, tuple[str, ...]] = OrderedDict()
REMEMBERED_URLS = 5000


_dependency_names_lock = threading.Lock()


def remember_dependencies(key: str, tokens: dict[str, str]) -> None:
    with _dependency_names_lock:
        _dependency_names[key] = tuple(tokens)
        _dependency_names.move_to_end(key)
        while len(_dependency_names) > REMEMBERED_URLS:
            _dependency_names.popitem(last=False)


class HtmlCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        try:
            entry = self.current_entry(key)
            if entry is not None:
                return self.from_entry(request, entry, "hit")
        except Exception:
            # The cache is a help, never a requirement: a failed read is a miss.
            logger.warning("HTML cache read failed", exc_info=True)
        response = self.get_response(request)
        response["X-Cache"] = "miss"
        if request.method != "GET":
            return response  # a HEAD never fills the cache: an entry holds what a GET produced
        entry = self.store(key, request, response)
        return response if entry is None else self.from_entry(request, entry, "miss")

    @staticmethod
    def current_entry(key: str) -> dict | None:
        """
        The entry if it is still current. A URL's dependency names rarely change, so this worker remembers them:
        the entry and its dependencies' tokens then come in one round trip to the cache, not two.
        """
        names = _dependency_names.get(key)
        token_keys = [invalidation.DEPENDENCY_KEY_PREFIX + name for name in names or ()]
        found = cache.get_many([key, *token_keys])
        entry = found.get(key)
        if not entry or entry["expires"] <= time.time():
            return None
        stored = entry["dependencies"]
        remember_dependencies(key, stored)
        if names == tuple(stored):
            current = all(found.get(invalidation.DEPENDENCY_KEY_PREFIX + name) == stored[name] for name in names)
        else:
            current = invalidation.tokens_still_current(stored)
        return entry if current else None

    # -- what is cached --------------------------------------------------------------------------
    @staticmethod
    def cache_key(request) -> str | None:
        if max_age() <= 0 or request.method not in ("GET", "HEAD"):
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return None  # editors and visitors with a session (or a pending message) see their own page
        if set(request.GET) - CACHE_KEY_PARAMS or any(len(value) > MAX_PARAM_LENGTH for value in request.GET.values()):
            return None
        target = f"{request.get_host()}{request.get_full_path()}"
        return KEY_PREFIX + hashlib.sha256(target.encode()).hexdigest()

    @staticmethod
    def policy(request, response) -> tuple[list[str], float | None] | None:
        if response.status_code != 200 or response.streaming or response.cookies:
            return None
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return None  # the page carries a CSRF token: never shared with another visitor
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("no-store", "no-cache", "private")):
            return None
        return _policy_of(request, response)

    def store(self, key: str, request, response) -> dict | None:
        """The entry made of a cacheable response, written to the cache (None: not cacheable)."""
        policy = self.policy(request, response)
        if policy is None:
            return None
        names, expires_at = policy
        now = time.time()
        expires = min(now + max_age(), expires_at or float("inf"))
        if expires - now < 1:
            return None
        body = response.content
        compressible = len(body) >= COMPRESSIBLE_MIN_BYTES
        entry = {
            "body": body,
            "gzip": gzip.compress(body, compresslevel=6) if compressible else None,
            "br": brotli.compress(body, quality=5) if brotli and compressible else None,
            "headers": {name: value for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS},
            "etag": f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
            "stored": now,
            "expires": expires,
        }
        try:
            entry["dependencies"] = invalidation.dependency_tokens(names)
            cache.set(key, entry, int(expires - now) + 1)
            remember_dependencies(key, entry["dependencies"])
        except Exception:
            logger.warning("HTML cache write failed", exc_info=True)
        return entry

    @staticmethod
    def from_entry(request, entry: dict, status: str) -> HttpResponse:
        """The response of an entry: the smallest encoding the client accepts (its q-values), marked hit or miss."""
        available = [name for name in ("br", "gzip") if entry.get(name)]
        encoding = negotiate(request.headers.get("Accept-Encoding", ""), available)
        body = entry[encoding] if encoding else entry["body"]
        response = HttpResponse(body)
        for name, value in entry["headers"].items():
            response[name] = value
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored"])
        response["X-Cache"] = status
        browser_cache_control(response)
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        if edge_seconds() > 0:
            # Never longer than the entry itself lives (an event starting ends both).
            response["X-Accel-Expires"] = str(max(1, min(edge_seconds(), int(entry["expires"] - time.time()))))
        return response


def _page_dependencies(page, **change) -> Iterable[str]:
    language = page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE
    names = [page_dependency(page), listings(language), SITEMAP]
    if not getattr(page.specific_class, "is_listing_item", False):
        names.append(SITEWIDE)  # a structural page is in the menus, breadcrumbs and footers of every page
    return names


invalidation.register("page", dependencies=_page_dependencies)
for _topic in ("menu", "settings", "category", "view-restriction", "site", "locale"):
    invalidation.register(_topic, dependencies=[SITEWIDE])
