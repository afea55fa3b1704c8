"""
The access token and the JS-SDK's `jsapi_ticket`, shared by every worker and server through the shared cache.

WeChat replaces a token when a new one is issued, and limits how often either may be fetched, so one token
serves the whole site: it is kept in the shared cache (Redis in production) until shortly before it
expires, and one worker at a time fetches a new one. The refresher holds a lock (`cache.add`, atomic on
Redis and the database cache, with a timeout in case it dies); the others poll the cache for the new value
for a few seconds instead of asking WeChat themselves. When WeChat rate-limits us (or cannot be reached) a
short cool-down stops every worker from asking again at once; pages keep working without the SDK meanwhile.
"""

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from .api import WeChatClient, WeChatError, WeChatUnavailable

logger = logging.getLogger(__name__)

# Refresh this long before WeChat's stated expiry (clocks differ; a page signed at the edge must still verify).
EXPIRY_MARGIN_SECONDS = 300
MIN_CACHE_SECONDS = 60
# A refresher that died (a killed worker) frees the lock after this.
LOCK_SECONDS = 30
# How long a worker waits for another's refresh before giving up (longer than one call's timeout).
WAIT_SECONDS = 8.0
POLL_SECONDS = 0.05
# After a rate limit or an unreachable WeChat: no worker asks for this long.
COOL_DOWN_SECONDS = 60


class CredentialsUnavailable(Exception):
    """No token or ticket now (rate limit, WeChat down, another worker's refresh still pending)."""


def _key(name: str) -> str:
    # Per AppID: a changed account never uses the previous account's token.
    return f"wechat:{settings.WECHAT_APP_ID}:{name}"


def cooling_down() -> bool:
    return bool(cache.get(_key("cool-down")))


def _cool_down(error: Exception) -> None:
    logger.warning("WeChat credentials unavailable (%s); no JS-SDK configuration for %ss", error, COOL_DOWN_SECONDS)
    cache.set(_key("cool-down"), 1, COOL_DOWN_SECONDS)


def _shared(name: str, fetch: Callable[[], tuple[str, int]], stale: str | None = None) -> str:
    """
    The cached value of `name`, or a fresh one fetched by exactly one worker. `stale`: the value WeChat just
    refused; it is not returned again (but a newer one another worker fetched meanwhile is).
    """
    key = _key(name)
    value = cache.get(key)
    if value and value != stale:
        return value
    if cooling_down():
        raise CredentialsUnavailable(f"{name}: cooling down")
    lock, owner = f"{key}:lock", uuid.uuid4().hex
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(lock, owner, LOCK_SECONDS):
            try:
                # Another worker may have finished its refresh between our read and the lock.
                value = cache.get(key)
                if value and value != stale:
                    return value
                try:
                    value, lifetime = fetch()
                except WeChatError as error:
                    if error.invalid_token:
                        raise
                    _cool_down(error)
                    raise CredentialsUnavailable(str(error)) from error
                except WeChatUnavailable as error:
                    _cool_down(error)
                    raise CredentialsUnavailable(str(error)) from error
                cache.set(key, value, max(lifetime - EXPIRY_MARGIN_SECONDS, MIN_CACHE_SECONDS))
                return value
            finally:
                if cache.get(lock) == owner:
                    cache.delete(lock)
        # Someone else is refreshing: wait for their value rather than fetching (and replacing) our own.
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value and value != stale:
            return value
        if cooling_down():
            raise CredentialsUnavailable(f"{name}: the refresh failed")
        if time.monotonic() > deadline:
            raise CredentialsUnavailable(f"{name}: another worker's refresh did not finish in time")


def access_token(client: WeChatClient | None = None, stale: str | None = None) -> str:
    """The account's access token; with `stale` (a token WeChat refused), a newer one."""
    client = client or WeChatClient()
    return _shared("access-token", lambda: client.fetch_access_token(force_refresh=stale is not None), stale)


def with_access_token(call: Callable[[str], object], client: WeChatClient | None = None):
    """`call(token)`; when WeChat says the token is invalid or expired, once more with a new token."""
    client = client or WeChatClient()
    token = access_token(client)
    try:
        return call(token)
    except WeChatError as error:
        if not error.invalid_token:
            raise
        logger.info("WeChat refused the access token (%s); fetching a new one", error.code)
        return call(access_token(client, stale=token))


def jsapi_ticket(client: WeChatClient | None = None) -> str:
    """The JS-SDK's ticket (it lives as long as a token, and is fetched with one)."""
    client = client or WeChatClient()

    def fetch() -> tuple[str, int]:
        try:
            return with_access_token(client.fetch_jsapi_ticket, client)
        except WeChatError as error:
            if error.invalid_token:  # refused twice: treat as WeChat trouble, not a reason to loop
                raise WeChatUnavailable(str(error)) from error
            raise

    return _shared("jsapi-ticket", fetch)
