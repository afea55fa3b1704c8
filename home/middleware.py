"""
Request middleware of the site: permanent redirects from common Chinese language prefixes (/zh/,
/zh-cn/…) to /zh-hans/, and the request body limit (413 before an oversized upload is read).
"""

import re

from django.http import HttpResponsePermanentRedirect

from .error_pages import bad_request, request_too_large
from .language import CHINESE_ALIASES
from .request_limits import CountingStream, request_body_limit, without_nul

_PREFIX = re.compile(r"^/([A-Za-z]{2}(?:[-_][A-Za-z]{2,4}){0,2})(/.*)?$")


class ChineseLanguagePrefixRedirectMiddleware:
    """`/zh-cn/news/` → 301 `/zh-hans/news/`; the exact `/zh-hans/` prefix passes through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _PREFIX.match(request.path)
        if match:
            prefix, rest = match.group(1), match.group(2) or "/"
            if prefix.lower() in CHINESE_ALIASES and prefix != "zh-hans":
                target = "/zh-hans" + rest
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(target + ("?" + query if query else ""))
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """
    Refuse an oversized request body with 413 before it is read (and drop NUL characters from the query).

    A declared Content-Length over the limit is answered at once, without reading a byte; the body
    is also counted as it is read, for a server that streams without a length. The limit is
    REQUEST_MAX_BYTES on the public site (a 10 MB licence and the form fields) and
    ADMIN_REQUEST_MAX_BYTES in the admin (images and documents).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw_query = request.META.get("QUERY_STRING", "")
        if "%00" in raw_query or "\x00" in raw_query:
            request.GET = without_nul(request.GET)
        limit = request_body_limit(request)
        raw_length = str(request.META.get("CONTENT_LENGTH") or "0").strip()
        if not raw_length.isascii() or not raw_length.isdigit():
            # "abc" or "-1": Django's request.body would fail on int() with a 500 further down.
            return bad_request(request)
        declared = int(raw_length)
        if declared > limit:
            return request_too_large(request)
        if getattr(request, "_stream", None) is not None:
            request._stream = CountingStream(request._stream, limit)
        return self.get_response(request)
