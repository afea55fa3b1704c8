"""Limits on what a request may carry: its body size (counted as it is read) and no NUL in the query."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import QueryDict


class RequestTooLarge(BadRequest):
    """A request body over the limit; the 400 handler (home.error_pages.bad_request) answers it with a 413."""


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
