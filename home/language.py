"""
Choosing the visitor's language: from the cookie, else Accept-Language, else Chinese; and the permanent
redirects from the Chinese language prefixes people type (/zh/, /zh-cn/…) to /zh-hans/.
"""

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.translation.trans_real import parse_accept_lang_header

DEFAULT_LANGUAGE = "zh-hans"
OTHER_LANGUAGE = "en"
# Prefixes people type or old links use for Chinese; all of them mean our zh-hans tree.
CHINESE_ALIASES = {"zh", "zh-cn", "zh-hans-cn", "zh-sg", "zh-tw", "zh-hk", "zh-mo", "zh-hant", "zh_cn", "zh-hans"}


def is_chinese(code: str) -> bool:
    code = code.lower()
    return code == "zh" or code.startswith(("zh-", "zh_"))


def preferred_language(request) -> str:
    """The language for a visitor who arrives at `/`: cookie, then Accept-Language, then zh-hans."""
    supported = {code for code, _label in settings.LANGUAGES}
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in supported:
        return cookie
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            continue
        # The first language the browser names decides: any Chinese variant → Chinese, anything else
        # (en, ar, ja, de…) → English, which foreign visitors read more often than Chinese.
        return DEFAULT_LANGUAGE if is_chinese(code) else OTHER_LANGUAGE
    return DEFAULT_LANGUAGE


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
