"""
Compressed HTML, feeds and sitemaps where no proxy in front compresses them (COMPRESS_RESPONSES).

Brotli when the client accepts it (about a fifth smaller than gzip for our pages), else gzip. Static files are
not handled here: whitenoise serves them pre-compressed (.br and .gz made by collectstatic). Responses that
arrive already encoded (HTML cache hits) pass through untouched.
"""

import gzip

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

try:
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

COMPRESSIBLE = ("text/", "application/xml", "application/rss+xml", "application/json", "application/javascript")
MIN_BYTES = 200
_STRONG_ETAG = _lazy_re_compile(r'^"[^"]*"$')


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(settings, "COMPRESS_RESPONSES", True):
            return response
        if response.streaming or response.has_header("Content-Encoding") or len(response.content) < MIN_BYTES:
            return response
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.headers.get("Accept-Encoding", "")
        if brotli is not None and "br" in accepted:
            content, encoding = brotli.compress(response.content, quality=5), "br"
        elif "gzip" in accepted:
            content, encoding = gzip.compress(response.content, compresslevel=6), "gzip"
        else:
            return response
        if len(content) >= len(response.content):
            return response
        response.content = content
        response["Content-Length"] = str(len(content))
        response["Content-Encoding"] = encoding
        etag = response.get("ETag")
        if etag and _STRONG_ETAG.match(etag):
            # The bytes differ from the uncompressed ones: a weak ETag (RFC 9110), as Django's GZipMiddleware does.
            response["ETag"] = "W/" + etag
        return response
