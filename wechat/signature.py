"""
The JS-SDK's configuration for one page: WeChat's signature over the page's URL.

signature = SHA-1 hex of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in that order, the URL exactly as
the browser has it, without the fragment). https://developers.weixin.qq.com/doc/offiaccount/en/OA_Web_Apps/JS-SDK.html
(appendix 1). Only URLs of this site are signed: a signature is a licence to use the account's share
interfaces on that page.
"""

import hashlib
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils.crypto import get_random_string

from . import credentials
from .api import WeChatClient

MAX_URL_LENGTH = 2048


def signature(ticket: str, nonce: str, timestamp: int | str, url: str) -> str:
    text = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url}"
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def our_hosts() -> list[str]:
    """The host names the site answers to: ALLOWED_HOSTS (patterns included) and SITE_BASE_URL's."""
    hosts = list(settings.ALLOWED_HOSTS)
    base_host = urlsplit(settings.SITE_BASE_URL).hostname
    if base_host:
        hosts.append(base_host)
    return hosts


def page_url(url: str) -> str | None:
    """The URL to sign (fragment dropped), or None when it is not an http(s) URL of this site."""
    url = (url or "").split("#", 1)[0]
    if not url or len(url) > MAX_URL_LENGTH or any(ord(character) < 33 for character in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    domain, _port = split_domain_port(parts.netloc.lower())
    if not domain or not validate_host(domain, our_hosts()):
        return None
    return url


def js_config(url: str, client: WeChatClient | None = None) -> dict:
    """wx.config's appId, timestamp, nonceStr and signature for `url` (already checked with page_url)."""
    ticket = credentials.jsapi_ticket(client)
    nonce = get_random_string(16)
    timestamp = int(time.time())
    return {
        "appId": settings.WECHAT_APP_ID,
        "timestamp": timestamp,
        "nonceStr": nonce,
        "signature": signature(ticket, nonce, timestamp, url),
    }
