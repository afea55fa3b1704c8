"""
Share cards in WeChat's in-app browser: an article opened with WeChat's user agent hands WeChat's JS-SDK (our
static copy) a configuration signed over the page's URL with the ticket the fake WeChat issued, and the share
card's title, description, link and image; the same article in an ordinary browser loads nothing of it.

Chromium has no WeixinJSBridge (WeChat's app side), so the real SDK would wait for ever: an init script
records what the page gives `wx.config` and the two share calls, and answers `wx.ready` at once, as WeChat
does once it has accepted the signature.
"""

import hashlib
import re
import time
from urllib.parse import urlsplit

import pytest

WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
    "Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 MMWEBSDK/20241103 MMWEBID/1234 "
    "MicroMessenger/8.0.55.2780(0x28003737) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 1}

RECORD_THE_SDK = """
(() => {
    window.__wechat = { loaded: false, config: null, appMessage: null, timeline: null };
    let sdk;
    Object.defineProperty(window, "wx", {
        configurable: true,
        get() { return sdk; },
        set(value) {
            sdk = value;
            window.__wechat.loaded = true;
            const config = value.config;
            value.config = (options) => { window.__wechat.config = options; config.call(value, options); };
            value.ready = (callback) => callback();
            value.updateAppMessageShareData = (data) => { window.__wechat.appMessage = data; };
            value.updateTimelineShareData = (data) => { window.__wechat.timeline = data; };
        },
    });
})();
"""


@pytest.fixture
def wechat(site):
    if getattr(site, "wechat", None) is None:
        pytest.skip("E2E_BASE_URL: the fake WeChat API runs with the harness's own site only")
    return site.wechat


def open_article(context) -> tuple:
    """The first notice of the Chinese listing, opened in `context`, with every request it made."""
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(RECORD_THE_SDK)
    page.goto("/zh-hans/notices/")
    href = page.locator("main .listing .listing-item__title a").first.get_attribute("href")
    requests.clear()
    page.goto(f"{href}#comments")
    return page, requests


def wait_until(page, expression: str, timeout_s: float = 10) -> None:
    """Poll `expression` from outside the page. Not `page.wait_for_function`: that evaluates its string inside
    the page with `eval`, which the site's Content-Security-Policy (script-src 'self') rightly refuses."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        page.wait_for_timeout(50)


def meta(page, selector: str) -> str:
    return page.locator(selector).get_attribute("content")


def test_wechat_share_card_is_configured_with_the_fakes_signature(site, browser, wechat):
    context = browser.new_context(base_url=site.base_url, user_agent=WECHAT_UA, locale="zh-CN", **PHONE)
    try:
        page, requests = open_article(context)
        wait_until(page, "window.__wechat && window.__wechat.appMessage !== null")
        recorded = page.evaluate("window.__wechat")
        config = recorded["config"]
        # Signed over the URL as the browser has it, without the fragment, with the ticket the fake issued.
        url = page.url.split("#", 1)[0]
        expected = hashlib.sha1(  # noqa: S324 - WeChat's algorithm
            f"jsapi_ticket={wechat.tickets[-1]}&noncestr={config['nonceStr']}&timestamp={config['timestamp']}"
            f"&url={url}".encode()
        ).hexdigest()
        assert config["signature"] == expected and config["appId"] == "wx-fake-app-id"
        assert config["jsApiList"] == ["updateAppMessageShareData", "updateTimelineShareData"]
        assert config["debug"] is False
        card = recorded["appMessage"]
        assert card["title"] == meta(page, 'meta[property="og:title"]') == page.locator("main h1").inner_text()
        assert card["desc"] == meta(page, 'meta[property="og:description"]') and card["desc"]
        assert card["link"] == meta(page, 'meta[property="og:url"]') == url
        assert card["imgUrl"] == meta(page, 'meta[property="og:image"]') and card["imgUrl"].startswith("http")
        assert recorded["timeline"] == {"title": card["title"], "link": card["link"], "imgUrl": card["imgUrl"]}
        # Everything came from our own origin: the SDK is our static copy, the signature our endpoint.
        origin = urlsplit(site.base_url).netloc
        assert all(urlsplit(address).netloc == origin for address in requests)
        assert any(address.endswith("/static/wechat/vendor/jweixin-1.6.0.js") for address in requests)
        assert any("/wechat/js-sdk-config/?url=" in address for address in requests)
    finally:
        context.close()


def test_an_ordinary_browser_loads_nothing_of_wechat(site, browser, wechat):
    context = browser.new_context(base_url=site.base_url, locale="zh-CN", **PHONE)
    try:
        page, requests = open_article(context)
        page.wait_for_load_state("networkidle")
        assert any(address.endswith("/static/wechat/js/share.js") for address in requests)
        assert not [address for address in requests if re.search(r"jweixin|js-sdk-config|weixin\.qq", address)]
        assert page.evaluate("window.__wechat") == {
            "loaded": False,
            "config": None,
            "appMessage": None,
            "timeline": None,
        }
        assert page.evaluate("typeof window.jWeixin") == "undefined"
    finally:
        context.close()
