"""
Compressed HTML, feeds and sitemaps, and the one reading of `Accept-Encoding` (with its q-values) the site uses.

- Pages the HTML cache keeps are stored compressed (brotli and gzip) and answered, hit or miss, in the encoding the
  client prefers (home/caching/html_cache.py): they hold nothing of one visitor, so they need no padding.
- Every other response (forms with their CSRF token, the admin, searches) is gzip-compressed by Django's own
  GZipMiddleware, which pads each response with random bytes against BREACH-style length attacks. Django only looks
  for the word `gzip` in the header: a client that refuses gzip (`gzip;q=0`) gets an uncompressed answer here.

Static files are not handled here: whitenoise or nginx serve them pre-compressed (.br and .gz made by
collectstatic). COMPRESS_RESPONSES=0 turns this middleware off.
"""

from collections.abc import Sequence

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/json", "application/javascript")
MIN_BYTES = 200


def _quality(value: str) -> float:
    try:
        quality = float(value)
    except ValueError:
        return 0.0  # a malformed weight accepts nothing rather than everything
    return quality if 0 <= quality <= 1 else 0.0


def accepted_codings(header: str) -> dict[str, float]:
    """`Accept-Encoding` as {coding: q} (RFC 9110, 12.5.3): `gzip, br;q=0` → {"gzip": 1.0, "br": 0.0}."""
    codings: dict[str, float] = {}
    for item in header.split(","):
        name, *parameters = (part.strip() for part in item.split(";"))
        if not name:
            continue
        quality = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                quality = _quality(value.strip())
        codings[name.lower()] = quality
    return codings


def negotiate(header: str, available: Sequence[str]) -> str | None:
    """
    The coding of `available` (in the server's order of preference) that the client weighs highest, or None for
    no compression. A coding the client does not name is acceptable only through `*`; `q=0` refuses.
    """
    codings = accepted_codings(header)
    wildcard = codings.get("*", 0.0)
    best, best_quality = None, 0.0
    for coding in available:
        quality = codings.get(coding, wildcard)
        if quality > best_quality:
            best, best_quality = coding, quality
    return best


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (random padding against BREACH) for text responses, by the client's q-values."""

    def process_response(self, request, response):
        if not getattr(settings, "COMPRESS_RESPONSES", True) or response.has_header("Content-Encoding"):
            return response
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        if not response.streaming and len(response.content) < MIN_BYTES:
            return response
        if negotiate(request.headers.get("Accept-Encoding", ""), ["gzip"]) is None:
            patch_vary_headers(response, ("Accept-Encoding",))  # another client of a shared cache may accept it
            return response
        return super().process_response(request, response)
