"""
A stand-in for DeepL's API on 127.0.0.1, so the e2e site runs with its real DeepL engine (the official SDK,
the association's glossary) without the internet: the harness points DEEPL_SERVER_URL at it.

It answers the calls the SDK makes: list and create glossaries, translate. Translations come from a small
phrasebook (PHRASES); a text it does not know comes back unchanged, as DeepL itself does with a name it
cannot translate — so a machine draft can still hold Chinese, which the publish guard must catch.
"""

import json
from urllib.parse import parse_qs

from tests.fake_http import FakeServer

AUTH_KEY = "e2e-fake-deepl-key"

# What the journeys write in Chinese, and what the "machine" makes of it. Not here on purpose: 高新区
# (a district's name), which the machine hands back in Chinese.
PHRASES = {
    "服务贸易统计快报": "Trade in services statistics bulletin",
    "成都服务贸易发展情况的浏览器测试文章。": "A browser-test article on how trade in services develops in Chengdu.",
    "二〇二五年统计": "2025 statistics",
    "成都服务贸易统计": "Chengdu trade in services statistics",
    "地区": "Area",
    "金额": "Amount",
    "成都": "Chengdu",
    "100亿元": "CNY 10 billion",
    "20亿元": "CNY 2 billion",
    "成都夜景": "Chengdu at night",
    "统计表下载": "Download the table",
}


class FakeDeepL(FakeServer):
    """`with FakeDeepL() as deepl:` serves on deepl.url in a daemon thread; deepl.translated counts texts."""

    def __init__(self, phrases: dict[str, str] | None = None):
        self.phrases = PHRASES if phrases is None else phrases
        self.glossaries: dict[str, dict] = {}
        self.translated: list[str] = []
        super().__init__(lambda handler, body: self.handle(handler.command, handler.path, handler.headers, body))

    def handle(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict]:
        if headers.get("Authorization") != f"DeepL-Auth-Key {AUTH_KEY}":
            return 403, {"message": "Wrong key"}
        path = path.split("?", 1)[0]
        if method == "GET" and path == "/v2/glossaries":
            return 200, {"glossaries": list(self.glossaries.values())}
        data = self.parse(headers, body)
        if method == "POST" and path == "/v2/glossaries":
            glossary = {
                "glossary_id": f"e2e-glossary-{len(self.glossaries) + 1}",
                "name": data["name"],
                "ready": True,
                "source_lang": "zh",
                "target_lang": "en",
                "creation_time": "2026-01-01T00:00:00.000Z",
                "entry_count": len(data["entries"].splitlines()),
            }
            self.glossaries[data["name"]] = glossary
            return 201, glossary
        if method == "POST" and path == "/v2/translate":
            texts = data["text"] if isinstance(data["text"], list) else [data["text"]]
            self.translated += texts
            return 200, {
                "translations": [
                    {"detected_source_language": "ZH", "text": self.phrases.get(text, text), "billed_characters": 1}
                    for text in texts
                ]
            }
        return 404, {"message": f"not faked: {method} {path}"}

    @staticmethod
    def parse(headers, body: bytes) -> dict:
        if not body:
            return {}
        if "json" in (headers.get("Content-Type") or ""):
            return json.loads(body)
        form = parse_qs(body.decode())
        return {key: values if key == "text" else values[0] for key, values in form.items()}
