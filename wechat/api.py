"""
WeChat's server API (api.weixin.qq.com, or WECHAT_API_BASE_URL), for the Official Account's AppID and AppSecret.

Only the calls this site makes: the access token (`stable_token`), the JS-SDK's `jsapi_ticket`, and the
published articles (`freepublish/batchget`, `freepublish/getarticle`). WeChat answers HTTP 200 with an
`errcode` for its own errors; those become `WeChatError`, network trouble `WeChatUnavailable`.
https://developers.weixin.qq.com/doc/offiaccount/en/Basic_Information/Get_access_token.html
"""

import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
# The access token is invalid, was replaced by a newer one, or expired: fetch a new one, then retry once.
INVALID_TOKEN_CODES = {40001, 40014, 42001}
# "API calls over the daily quota" / "over the per-minute quota".
RATE_LIMIT_CODES = {45009, 45011}
# freepublish/batchget: at most 20 items a page.
MAX_PAGE_SIZE = 20


class WeChatUnavailable(Exception):
    """WeChat could not be reached, or answered something that is not its JSON."""


class WeChatError(WeChatUnavailable):
    """WeChat answered with an error code (errcode ≠ 0)."""

    def __init__(self, code: int, message: str = ""):
        super().__init__(f"WeChat error {code}: {message}")
        self.code = code
        self.message = message

    @property
    def invalid_token(self) -> bool:
        return self.code in INVALID_TOKEN_CODES

    @property
    def rate_limited(self) -> bool:
        return self.code in RATE_LIMIT_CODES


def configured() -> bool:
    """Nothing is asked of WeChat (and no page loads its SDK) until both credentials are set."""
    return bool(settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET)


class WeChatClient:
    """One call per method, no caching (see wechat.credentials for the shared access token and ticket)."""

    def __init__(self, base_url: str | None = None, app_id: str | None = None, app_secret: str | None = None):
        self.base_url = (base_url or settings.WECHAT_API_BASE_URL).rstrip("/")
        self.app_id = app_id if app_id is not None else settings.WECHAT_APP_ID
        self.app_secret = app_secret if app_secret is not None else settings.WECHAT_APP_SECRET

    # -- transport -------------------------------------------------------------------------------
    def _call(self, method: str, path: str, query: dict | None = None, payload: dict | None = None) -> dict:
        url = f"{self.base_url}{path}"
        if query:
            url += "?" + urlencode(query)
        data = None
        headers = {"Accept": "application/json"}
        if payload is not None:
            # WeChat reads its JSON bodies as UTF-8 and expects Chinese unescaped.
            data = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - our setting
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                body = response.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            raise WeChatUnavailable(f"{method} {path}: {error}") from error
        try:
            answer = json.loads(body)
        except ValueError as error:
            raise WeChatUnavailable(f"{method} {path}: not JSON") from error
        if not isinstance(answer, dict):
            raise WeChatUnavailable(f"{method} {path}: unexpected answer")
        code = answer.get("errcode") or 0
        if code:
            raise WeChatError(int(code), str(answer.get("errmsg", "")))
        return answer

    # -- credentials -----------------------------------------------------------------------------
    def fetch_access_token(self, force_refresh: bool = False) -> tuple[str, int]:
        """
        (token, seconds it lives). The "stable" token: asking again while it is valid returns the same one, so
        a stray second fetch does not invalidate the token other servers hold (the plain /cgi-bin/token does).
        `force_refresh` only when WeChat has said the token is no longer valid (20 such calls a day).
        """
        answer = self._call(
            "POST",
            "/cgi-bin/stable_token",
            payload={
                "grant_type": "client_credential",
                "appid": self.app_id,
                "secret": self.app_secret,
                "force_refresh": force_refresh,
            },
        )
        return str(answer["access_token"]), int(answer.get("expires_in", 7200))

    def fetch_jsapi_ticket(self, access_token: str) -> tuple[str, int]:
        answer = self._call("GET", "/cgi-bin/ticket/getticket", {"access_token": access_token, "type": "jsapi"})
        return str(answer["ticket"]), int(answer.get("expires_in", 7200))

    # -- published articles ----------------------------------------------------------------------
    def published_page(self, access_token: str, offset: int, count: int = MAX_PAGE_SIZE, content: bool = False):
        """One page of published messages, newest first: {total_count, item_count, item: [...]}."""
        return self._call(
            "POST",
            "/cgi-bin/freepublish/batchget",
            {"access_token": access_token},
            {"offset": offset, "count": min(max(count, 1), MAX_PAGE_SIZE), "no_content": 0 if content else 1},
        )

    def published_message(self, access_token: str, article_id: str) -> list[dict]:
        """The articles of one published message (its `news_item`), content included."""
        answer = self._call(
            "POST", "/cgi-bin/freepublish/getarticle", {"access_token": access_token}, {"article_id": article_id}
        )
        return list(answer.get("news_item") or [])
