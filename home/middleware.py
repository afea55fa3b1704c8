"""Permanent redirects from common Chinese language prefixes (/zh/, /zh-cn/…) to /zh-hans/."""

import re

from django.http import HttpResponsePermanentRedirect

from .language import CHINESE_ALIASES

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
