"""
A stand-in for WeChat's API and image host on 127.0.0.1, in a thread (as tests/e2e/fake_deepl.py is for DeepL).

It answers what the site asks: `GET /cgi-bin/token` and `POST /cgi-bin/stable_token` (a new token invalidates
the previous one, as WeChat does), `GET /cgi-bin/ticket/getticket?type=jsapi`, `POST
/cgi-bin/freepublish/batchget` (offset, count ≤ 20, no_content) and `POST /cgi-bin/freepublish/getarticle`;
and an image host under `/mmbiz/…` that refuses any request carrying a `Referer`, as WeChat's does.

The account has three published messages holding four articles — one with five images (and captions, a
heading, a list), one with a table, a short one — and a fourth message whose article has an image that fails
to download. Tests change it through the object: `errors` (error codes to answer next, per path),
`delete(article_id)`, `edit(article_id, position, **fields)`, `token_delay` (seconds before a token is issued).
"""

import io
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

from PIL import Image as PILImage

from tests.fake_http import LocalHTTPServer

APP_ID = "wx-fake-app-id"
APP_SECRET = "fake-app-secret"
ACCOUNT_NAME = "成都服务贸易协会"

PHOTOS_ID = "fake-msg-photos"
TABLE_ID = "fake-msg-table"
BROKEN_ID = "fake-msg-broken-image"
UPDATE_TIMES = {PHOTOS_ID: 1716868800, TABLE_ID: 1716436800, BROKEN_ID: 1716000000}  # 2024-05-28, -05-23, -05-18
COLOURS = ["#c0392b", "#27ae60", "#2980b9", "#8e44ad", "#f39c12", "#16a085", "#7f8c8d"]


def image_bytes(colour: str, image_format: str = "JPEG", size=(64, 40)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, image_format)
    return buffer.getvalue()


def photos_article(base: str) -> dict:
    images = "".join(
        f'<p style="text-align:center;"><img class="rich_pages wxw-img"'
        f' data-src="{base}/mmbiz/photo-{n}.jpg?wx_fmt=jpeg" data-ratio="0.625" data-w="1080" alt="图片"'
        ' style="width: 100%;"></p>'
        f'<p style="text-align: center;"><span style="font-size: 12px;color: #888888;">▲ 现场照片{n}</span></p>'
        for n in range(1, 6)
    )
    content = (
        '<section style="font-size: 15px; line-height: 1.75;"><p><span style="color: #333;">5月28日，成都服务贸易协会'
        "在高新区举办<strong>会员大会</strong>。</span></p>"
        '<p><strong><span style="font-size: 17px;">一、</span></strong><strong>会议议程</strong></p>'
        '<ul class="list-paddingleft-1"><li><section><span>审议年度工作报告</span></section></li>'
        "<li><p>选举理事会成员</p></li></ul>"
        f"{images}"
        '<p>详见<a href="https://mp.weixin.qq.com/s?__biz=MzA5&amp;mid=26&amp;idx=1&amp;sn=ab&amp;chksm=99&amp;scene=21'
        '#wechat_redirect">往期回顾</a>。</p>'
        '<mpvoice voice_encode_fileid="x" name="录音"></mpvoice><script>report("read")</script>'
        f'<img src="{base}/track.gif" width="1" height="1"></section>'
    )
    return {
        "title": "协会召开2024年会员大会",
        "author": "协会秘书处",
        "digest": "5月28日，协会在高新区召开会员大会。",
        "content": content,
        "content_source_url": "",
        "thumb_url": f"{base}/mmbiz/cover-photos.jpg?wx_fmt=jpeg",
        "url": "http://mp.weixin.qq.com/s?__biz=MzA5&mid=2650000001&idx=1&sn=photos&chksm=abc#rd",
        "is_deleted": False,
    }


def table_article(base: str) -> dict:
    content = (
        "<section><p>2024年1—4月成都服务外包执行额如下表。</p>"
        '<table style="border-collapse: collapse;"><tbody>'
        '<tr><th style="border: 1px solid #ddd;">类别</th><th>执行额（亿元）</th><th>同比</th></tr>'
        "<tr><td>信息技术外包</td><td>120.5</td><td>12.3%</td></tr>"
        "<tr><td>业务流程外包</td><td>35.2</td><td>8.1%</td></tr>"
        "<tr><td>知识流程外包</td><td>60.8</td><td>15.6%</td></tr>"
        "</tbody></table><h3>数据来源</h3><p>成都市商务局</p></section>"
    )
    return {
        "title": "1—4月成都服务外包执行额",
        "author": "",
        "digest": "1—4月成都服务外包执行额保持增长。",
        "content": content,
        "content_source_url": "https://swj.chengdu.gov.cn/",
        "thumb_url": f"{base}/mmbiz/cover-table.png?wx_fmt=png",
        "url": "http://mp.weixin.qq.com/s?__biz=MzA5&mid=2650000002&idx=1&sn=table&chksm=def#rd",
        "is_deleted": False,
    }


def short_article(base: str) -> dict:
    return {
        "title": "协会秘书处联系方式更新",
        "author": "协会秘书处",
        "digest": "",
        "content": "<p>秘书处电话已更新，请以官网公布为准。</p>",
        "content_source_url": "",
        "thumb_url": f"{base}/mmbiz/cover-short.jpg?wx_fmt=jpeg",
        "url": "http://mp.weixin.qq.com/s?__biz=MzA5&mid=2650000002&idx=2&sn=short&chksm=ghi#rd",
        "is_deleted": False,
    }


def broken_article(base: str) -> dict:
    content = (
        f'<p>第一张图正常：</p><p><img data-src="{base}/mmbiz/photo-1.jpg?wx_fmt=jpeg"></p>'
        f'<p>第二张图下载失败：</p><p><img data-src="{base}/mmbiz/missing.jpg?wx_fmt=jpeg"></p>'
    )
    return {
        "title": "图片下载失败的文章",
        "author": "",
        "digest": "",
        "content": content,
        "content_source_url": "",
        "thumb_url": f"{base}/mmbiz/cover-broken.jpg?wx_fmt=jpeg",
        "url": "http://mp.weixin.qq.com/s?__biz=MzA5&mid=2650000003&idx=1&sn=broken#rd",
        "is_deleted": False,
    }


class FakeWeChat:
    """`with FakeWeChat() as wechat:` serves on wechat.url; its image host is wechat.url + /mmbiz/…"""

    def __init__(self, token_delay: float = 0.0):
        self.token_delay = token_delay
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, dict]] = []
        self.tokens: list[str] = []
        self.tickets: list[str] = []
        self.errors: dict[str, list[int]] = {}
        self.http = LocalHTTPServer(
            lambda handler, body: self.handle(handler.command, handler.path, handler.headers, body)
        )
        self.url = self.http.url
        self.images = {f"photo-{n}.jpg": image_bytes(COLOURS[n - 1]) for n in range(1, 6)}
        self.images |= {
            "cover-photos.jpg": image_bytes("#34495e", size=(90, 60)),
            "cover-table.png": image_bytes("#2c3e50", "PNG", size=(90, 60)),
            "cover-short.jpg": image_bytes("#95a5a6", size=(90, 60)),
            "cover-broken.jpg": image_bytes("#d35400", size=(90, 60)),
        }
        self.messages = [
            {"article_id": PHOTOS_ID, "update_time": UPDATE_TIMES[PHOTOS_ID], "items": [photos_article(self.url)]},
            {
                "article_id": TABLE_ID,
                "update_time": UPDATE_TIMES[TABLE_ID],
                "items": [table_article(self.url), short_article(self.url)],
            },
            {"article_id": BROKEN_ID, "update_time": UPDATE_TIMES[BROKEN_ID], "items": [broken_article(self.url)]},
        ]

    def __enter__(self):
        self.http.__enter__()
        return self

    def __exit__(self, *exc):
        self.http.__exit__(*exc)

    # -- what tests change -----------------------------------------------------------------------
    def message(self, article_id: str) -> dict:
        return next(message for message in self.messages if message["article_id"] == article_id)

    def delete(self, article_id: str, position: int = 1) -> None:
        self.message(article_id)["items"][position - 1]["is_deleted"] = True

    def edit(self, article_id: str, position: int = 1, **fields) -> None:
        message = self.message(article_id)
        message["items"][position - 1].update(fields)
        message["update_time"] += 3600

    def count(self, path: str) -> int:
        return sum(1 for _method, requested, _headers in self.requests if requested.split("?")[0] == path)

    @property
    def token_fetches(self) -> int:
        return self.count("/cgi-bin/token") + self.count("/cgi-bin/stable_token")

    # -- the API ---------------------------------------------------------------------------------
    def handle(self, method: str, raw_path: str, headers, body: bytes) -> tuple[int, str, bytes]:
        with self.lock:
            self.requests.append((method, raw_path, dict(headers)))
        parts = urlsplit(raw_path)
        path, query = parts.path, {key: values[0] for key, values in parse_qs(parts.query).items()}
        if path.startswith("/mmbiz/"):
            return self.image(path.removeprefix("/mmbiz/"), headers)
        if path == "/track.gif":
            return 200, "image/gif", b"GIF89a"
        with self.lock:
            scripted = self.errors.get(path)
            if scripted:
                code = scripted.pop(0)
                return self.json({"errcode": code, "errmsg": f"scripted error {code}"})
        data = json.loads(body) if body else {}
        if path == "/cgi-bin/token" and method == "GET":
            return self.json(self.issue_token(query.get("appid"), query.get("secret"), force=True))
        if path == "/cgi-bin/stable_token" and method == "POST":
            return self.json(self.issue_token(data.get("appid"), data.get("secret"), bool(data.get("force_refresh"))))
        token = query.get("access_token")
        if token is None or not self.tokens or token != self.tokens[-1]:
            return self.json({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"})
        if path == "/cgi-bin/ticket/getticket" and query.get("type") == "jsapi":
            with self.lock:
                self.tickets.append(f"fake-jsapi-ticket-{len(self.tickets) + 1}-{token}")
                return self.json({"errcode": 0, "errmsg": "ok", "ticket": self.tickets[-1], "expires_in": 7200})
        if path == "/cgi-bin/freepublish/batchget" and method == "POST":
            return self.json(self.batchget(data))
        if path == "/cgi-bin/freepublish/getarticle" and method == "POST":
            message = next((m for m in self.messages if m["article_id"] == data.get("article_id")), None)
            if message is None:
                return self.json({"errcode": 53600, "errmsg": "Article ID 无效"})
            return self.json({"news_item": message["items"]})
        return 404, "application/json", json.dumps({"errcode": -1, "errmsg": f"not faked: {method} {path}"}).encode()

    def issue_token(self, app_id, secret, force: bool) -> dict:
        if (app_id, secret) != (APP_ID, APP_SECRET):
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        # Wide enough that two servers asking at once really overlap.
        time.sleep(self.token_delay)
        with self.lock:
            if force or not self.tokens:
                self.tokens.append(f"fake-access-token-{len(self.tokens) + 1}")
            return {"access_token": self.tokens[-1], "expires_in": 7200}

    def batchget(self, data: dict) -> dict:
        offset, count = int(data.get("offset", 0)), int(data.get("count", 0))
        if not 1 <= count <= 20:
            return {"errcode": 40097, "errmsg": "invalid args"}
        page = self.messages[offset : offset + count]
        items = []
        for message in page:
            news_item = [dict(item) for item in message["items"]]
            if data.get("no_content"):
                for item in news_item:
                    item.pop("content", None)
            items.append(
                {
                    "article_id": message["article_id"],
                    "update_time": message["update_time"],
                    "content": {"news_item": news_item},
                }
            )
        return {"total_count": len(self.messages), "item_count": len(items), "item": items}

    def image(self, name: str, headers) -> tuple[int, str, bytes]:
        if headers.get("Referer"):
            # WeChat's image host does not serve other sites' pages (hot-linking).
            return 403, "text/plain", b"referer not allowed"
        data = self.images.get(name)
        if data is None:
            return 404, "text/plain", b"not found"
        return 200, "image/png" if name.endswith(".png") else "image/jpeg", data

    @staticmethod
    def json(payload: dict) -> tuple[int, str, bytes]:
        return 200, "application/json; charset=utf-8", json.dumps(payload, ensure_ascii=False).encode()


def configure(settings, wechat: FakeWeChat) -> None:
    """Point the site at the fake (pytest-django's `settings` fixture): credentials, API, image host."""
    settings.WECHAT_APP_ID = APP_ID
    settings.WECHAT_APP_SECRET = APP_SECRET
    settings.WECHAT_API_BASE_URL = wechat.url
    settings.WECHAT_IMAGE_HOSTS = ["127.0.0.1"]
