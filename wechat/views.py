"""
The JS-SDK configuration endpoint: `GET /wechat/js-sdk-config/?url=<the page's URL>`.

Asked by static/wechat/js/share.js, in WeChat's in-app browser only. Answers
`{"appId", "timestamp", "nonceStr", "signature"}`, or 204 (no content) when WeChat is not configured or no
ticket is to be had now (rate limit, WeChat down): the page then keeps WeChat's default card. Never cached
(each answer has its own nonce and time), and counted per client address in the shared cache.
"""

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from home.security.spam import client_ip, within_limit

from . import credentials, signature
from .api import WeChatUnavailable, configured

logger = logging.getLogger(__name__)


def _uncached(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def js_sdk_config(request):
    if not configured():
        return _uncached(HttpResponse(status=204))
    limit, window = settings.WECHAT_SIGNATURE_RATE_LIMIT
    if not within_limit("wechat-signature:ip", client_ip(request), limit, window):
        return _uncached(JsonResponse({"error": "rate limited"}, status=429))
    url = signature.page_url(request.GET.get("url", ""))
    if url is None:
        return _uncached(JsonResponse({"error": "not a page of this site"}, status=400))
    try:
        config = signature.js_config(url)
    except (credentials.CredentialsUnavailable, WeChatUnavailable) as error:
        logger.info("No WeChat JS-SDK configuration: %s", error)
        return _uncached(HttpResponse(status=204))
    return _uncached(JsonResponse(config))
