"""
WeChat share cards (wechat app) against the fake WeChat API: the JS-SDK configuration a page gets, the same
HTML for every visitor (the HTML cache keys by URL), the signature endpoint's limits, WeChat's error codes.
What the browser does with it (the SDK only in WeChat's browser) is tests/e2e/test_wechat.py.
"""

import hashlib
import re
from pathlib import Path

import pytest

from tests.factories import make_article, section
from tests.fake_wechat import APP_ID
from wechat import credentials
from wechat.signature import signature

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 "
    "Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 MMWEBSDK/20241103 MMWEBID/1234 "
    "MicroMessenger/8.0.55.2780(0x28003737) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"
CONFIG_URL = "/wechat/js-sdk-config/"


@pytest.fixture
def article():
    return make_article(section("news"), title="服务贸易分享卡片测试", summary="分享卡片的描述。")


def config_for(client, url: str, **headers):
    return client.get(CONFIG_URL, {"url": url}, HTTP_USER_AGENT=WECHAT_UA, **headers)


def expected_signature(ticket: str, config: dict, url: str) -> str:
    text = f"jsapi_ticket={ticket}&noncestr={config['nonceStr']}&timestamp={config['timestamp']}&url={url}"
    return hashlib.sha1(text.encode()).hexdigest()  # noqa: S324 - WeChat's algorithm


def test_the_signature_is_wechats_worked_example():
    assert (
        signature(
            "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value",
        )
        == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    )


def test_nothing_from_wechat_without_credentials(client, article, settings):
    settings.WECHAT_APP_ID = settings.WECHAT_APP_SECRET = ""
    html = client.get(article.url, HTTP_USER_AGENT=WECHAT_UA).content.decode()
    assert "wechat/js/share.js" not in html and "jweixin" not in html
    assert client.get(CONFIG_URL, {"url": f"http://testserver{article.url}"}).status_code == 204


def test_a_page_in_wechat_gets_a_configuration_signed_with_the_fakes_ticket(client, article, wechat):
    url = f"http://testserver{article.url}?from=singlemessage&isappinstalled=0"
    response = config_for(client, url + "#comments")
    assert response.status_code == 200
    config = response.json()
    assert set(config) == {"appId", "timestamp", "nonceStr", "signature"} and config["appId"] == APP_ID
    # Computed here, independently, from the ticket the fake issued; the fragment is not signed.
    assert config["signature"] == expected_signature(wechat.tickets[-1], config, url)
    # Token and ticket are fetched once, then served from the shared cache.
    assert config_for(client, url).status_code == 200
    assert (wechat.token_fetches, wechat.count("/cgi-bin/ticket/getticket")) == (1, 1)


def test_the_page_is_the_same_for_every_visitor_and_loads_only_our_script(client, article, wechat):
    in_wechat = client.get(article.url, HTTP_USER_AGENT=WECHAT_UA)
    elsewhere = client.get(article.url, HTTP_USER_AGENT=DESKTOP_UA)
    assert in_wechat.content == elsewhere.content
    html = elsewhere.content.decode()
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts == ["/static/js/site.js", "/static/wechat/js/share.js"]
    tag = re.search(r'<script src="/static/wechat/js/share.js"[^>]*>', html).group(0)
    assert 'data-sdk="/static/wechat/vendor/jweixin-1.6.0.js"' in tag and f'data-config="{CONFIG_URL}"' in tag
    # The page names what the card shows: title, description, link and image (OpenGraph).
    assert '<meta property="og:title" content="服务贸易分享卡片测试">' in html
    assert '<meta property="og:description" content="分享卡片的描述。">' in html
    assert '<meta property="og:image" content="http://testserver/static/img/og-default.png">' in html
    # Rendering the page asks WeChat nothing; the CSP stays on our own origin.
    assert wechat.requests == []
    csp = elsewhere.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "connect-src 'self';" in csp and "weixin" not in csp


def test_the_script_checks_for_wechats_browser_before_anything_else():
    script = (ROOT / "wechat" / "static" / "wechat" / "js" / "share.js").read_text()
    code = [line.strip() for line in script.splitlines() if line.strip() and not line.strip().startswith("//")]
    assert code[:2] == ["(function () {", '"use strict";']
    assert code[2] == "if (!/MicroMessenger/i.test(navigator.userAgent)) return;"


def test_the_vendored_sdk_is_the_noted_file(client):
    vendor = ROOT / "wechat" / "static" / "wechat" / "vendor"
    digest = hashlib.sha256((vendor / "jweixin-1.6.0.js").read_bytes()).hexdigest()
    assert digest in (vendor / "README.md").read_text()
    response = client.get("/static/wechat/vendor/jweixin-1.6.0.js")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"// from http://res.wx.qq.com/open/js/jweixin-1.6.0.js")


def test_a_cached_page_is_still_served_from_the_cache_and_the_signature_never_is(client, article, wechat, settings):
    settings.HTML_CACHE_SECONDS = 300
    first = client.get(article.url, HTTP_USER_AGENT=WECHAT_UA)
    second = client.get(article.url, HTTP_USER_AGENT=DESKTOP_UA)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first.content == second.content and b"wechat/js/share.js" in second.content
    url = f"http://testserver{article.url}"
    answers = [config_for(client, url) for _ in range(2)]
    assert all(answer.status_code == 200 and "X-Cache" not in answer for answer in answers)
    assert all("no-store" in answer["Cache-Control"] for answer in answers)
    assert answers[0].json()["nonceStr"] != answers[1].json()["nonceStr"]


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/zh-hans/",
        "http://testserver.evil.example/",
        "http://user@evil.example@testserver/",
        "javascript:alert(1)//testserver/",
        "//testserver/zh-hans/",
        "",
        "http://testserver/" + "a" * 3000,
    ],
)
def test_only_urls_of_this_site_are_signed(client, wechat, url):
    assert config_for(client, url).status_code == 400
    assert wechat.requests == []


def test_the_endpoint_is_rate_limited_per_client(client, wechat, settings):
    settings.WECHAT_SIGNATURE_RATE_LIMIT = (3, 60)
    statuses = [config_for(client, "http://testserver/zh-hans/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert config_for(client, "http://testserver/zh-hans/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_an_invalid_or_expired_token_is_refreshed_once(client, wechat):
    # 40001: the token was replaced (another server's fetch) or expired: a fresh one, then the ticket.
    wechat.errors["/cgi-bin/ticket/getticket"] = [40001]
    response = config_for(client, "http://testserver/zh-hans/")
    assert response.status_code == 200
    assert response.json()["signature"] == expected_signature(
        wechat.tickets[-1], response.json(), "http://testserver/zh-hans/"
    )
    forced = [headers for method, path, headers in wechat.requests if path == "/cgi-bin/stable_token"]
    assert len(forced) == 2


@pytest.mark.parametrize("code", [40014, 42001])
def test_refused_again_after_the_refresh_gives_no_configuration_and_no_loop(client, wechat, code):
    wechat.errors["/cgi-bin/ticket/getticket"] = [code, code]
    assert config_for(client, "http://testserver/zh-hans/").status_code == 204
    assert wechat.token_fetches == 2 and wechat.count("/cgi-bin/ticket/getticket") == 2


@pytest.mark.parametrize("code", [45009, 45011])
def test_a_rate_limit_keeps_the_page_without_the_sdk(client, article, wechat, code):
    wechat.errors["/cgi-bin/stable_token"] = [code]
    assert config_for(client, f"http://testserver{article.url}").status_code == 204
    assert credentials.cooling_down()
    # During the cool-down nobody asks WeChat again; the page itself is served as always.
    requests_so_far = len(wechat.requests)
    assert config_for(client, f"http://testserver{article.url}").status_code == 204
    assert len(wechat.requests) == requests_so_far
    assert client.get(article.url, HTTP_USER_AGENT=WECHAT_UA).status_code == 200


def test_wechat_unreachable_gives_no_configuration(client, settings):
    settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET = APP_ID, "secret"
    settings.WECHAT_API_BASE_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    assert config_for(client, "http://testserver/zh-hans/").status_code == 204
