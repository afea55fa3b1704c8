"""
Limits on what a request may carry: its body size (413 before an oversized upload is read, and counted as it
is read) and no NUL in the query.
"""

from django.conf import settings
from django.http import QueryDict

from home.operations.error_pages import RequestTooLarge, bad_request, request_too_large


def request_body_limit(request) -> int:
    if request.path_info.startswith("/admin/"):
        return settings.ADMIN_REQUEST_MAX_BYTES
    return settings.REQUEST_MAX_BYTES


class CountingStream:
    """Counts what is read from the request body and stops at the limit, whatever the headers said."""

    def __init__(self, stream, limit: int):
        self._stream = stream
        self._limit = limit
        self._read = 0

    def _count(self, data):
        self._read += len(data)
        if self._read > self._limit:
            raise RequestTooLarge("Request body over the limit")
        return data

    def read(self, *args, **kwargs):
        return self._count(self._stream.read(*args, **kwargs))

    def readline(self, *args, **kwargs):
        return self._count(self._stream.readline(*args, **kwargs))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def without_nul(query: QueryDict) -> QueryDict:
    """The query parameters with NUL characters removed: no public parameter takes one, and PostgreSQL
    refuses NUL in any query (a filter on `?category=a%00b` would end in a 500)."""
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


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
