"""
The shared-cache entries every page reads, fetched in one round trip when the request starts.

A page reads the same few entries of the shared cache — the sites and locales, the restricted paths, its
language's menus, the next event change — some of them several times: eleven round trips to Redis for a home
page, each a network call and an unpickling. The modules that own those entries register their keys here
(`prefetch`); `RequestCacheMiddleware` reads them all with one `get_many`, and `get()` answers from that batch for
the rest of the request (anything else from the cache itself).

Reads only: `store()` writes to the cache and to the batch; an invalidation (`home.invalidation`) empties the batch,
so a request that changes something reads fresh values afterwards. Outside a request there is no batch.
"""

from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.core.cache import cache

# Keys to fetch for a request: a callable of the request (its language, say) or fixed names.
_prefetched: list[Callable[..., Iterable[str]]] = []
_batch: ContextVar[dict | None] = ContextVar("request_cache_batch", default=None)
_ABSENT = object()


def prefetch(keys: Iterable[str] | Callable[..., Iterable[str]]) -> None:
    """Fetch these keys (or `keys(request)`) with the others when a request starts."""
    _prefetched.append(keys if callable(keys) else (lambda request, keys=tuple(keys): keys))


def get(key: str, default=None):
    batch = _batch.get()
    if batch is not None and key in batch:
        value = batch[key]
        return default if value is _ABSENT else value
    return cache.get(key, default)


def store(key: str, value, timeout) -> None:
    cache.set(key, value, timeout)
    batch = _batch.get()
    if batch is not None:
        batch[key] = value


def forget() -> None:
    """Drop the batch: what a change made stale is read again from the cache."""
    batch = _batch.get()
    if batch is not None:
        batch.clear()


class RequestCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        keys = list(dict.fromkeys(key for keys in _prefetched for key in keys(request)))
        try:
            found = cache.get_many(keys) if keys else {}
        except Exception:
            found = None  # the cache is down: no batch, each read asks (and fails over) on its own
        batch = None if found is None else {key: found.get(key, _ABSENT) for key in keys}
        token = _batch.set(batch)
        try:
            return self.get_response(request)
        finally:
            _batch.reset(token)
