"""
The shared-cache entries every page reads, fetched in one round trip at the first read of one of them.

A page reads the same few entries of the shared cache — the sites and locales, the restricted paths, its
language's menus, the next event change — some of them several times: eleven round trips to Redis for a home
page, each a network call and an unpickling. The modules that own those entries register their keys here
(`prefetch`); the first `get()` of one of them in a request (under `RequestCacheMiddleware`) reads them all with
one `get_many`, and `get()` answers from that batch for the rest of the request (anything else from the cache).

Reads only: `store()` writes to the cache and to the batch; an invalidation (`home.caching.invalidation`)
empties the batch, so a request that changes something reads fresh values afterwards. Outside a request
there is no batch.
"""

from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.core.cache import cache

# Keys to fetch for a request: a callable of the request (its language, say) or fixed names.
_prefetched: list[Callable[..., Iterable[str]]] = []
_ABSENT = object()


class _Batch:
    """
    A request's batch, fetched at its first read of a registered key: a request that reads none of them (a health
    check, a static file, an admin JSON call) makes no round trip for it.
    """

    def __init__(self, request):
        self.request = request
        self.values: dict | None = None

    def lookup(self, key: str):
        """The batched value (or _ABSENT: not in the cache), or None when `key` is not one the batch holds."""
        if self.values is None:
            keys = list(dict.fromkeys(key for keys in _prefetched for key in keys(self.request)))
            try:
                found = cache.get_many(keys) if keys else {}
            except Exception:
                found = None  # the cache is down: each read asks (and fails over) on its own
            self.values = {} if found is None else {name: found.get(name, _ABSENT) for name in keys}
        return self.values.get(key)


_batch: ContextVar[_Batch | None] = ContextVar("request_cache_batch", default=None)


def prefetch(keys: Iterable[str] | Callable[..., Iterable[str]]) -> None:
    """Fetch these keys (or `keys(request)`) with the others at a request's first read of one of them."""
    _prefetched.append(keys if callable(keys) else (lambda request, keys=tuple(keys): keys))


def get(key: str, default=None):
    batch = _batch.get()
    value = batch.lookup(key) if batch is not None else None
    if value is None:
        return cache.get(key, default)
    return default if value is _ABSENT else value


def store(key: str, value, timeout) -> None:
    cache.set(key, value, timeout)
    batch = _batch.get()
    if batch is not None and batch.values is not None:
        batch.values[key] = value


def forget() -> None:
    """Drop the batch: what a change made stale is read again from the cache."""
    batch = _batch.get()
    if batch is not None:
        batch.values = {}


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _batch.set(_Batch(request))
        try:
            return self.get_response(request)
        finally:
            _batch.reset(token)
