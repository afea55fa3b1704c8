"""
Machine translation engines on the vendors' SDKs, against local fake servers (a thread each) that
check what the SDK sends — authentication, the TC3 signature, glossary, languages — and answer like
the real APIs. With no engine configured, the editor offers no machine translation.
"""

import hashlib
import hmac
import json

from django.test import override_settings

from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

import pytest

from home.editorial.machine_translation import deepl as deepl_engine
from home.editorial.machine_translation import engine_setting, glossary_entries
from home.editorial.machine_translation.deepl import DeepLGlossaryTranslator
from home.editorial.machine_translation.tencent import TencentTranslator
from tests.factories import make_article, section, translate_to_english
from tests.fake_http import FakeServer

pytestmark = pytest.mark.django_db

ENGLISH = {"服务贸易": "trade in services", "成都": "Chengdu"}


def locales():
    return Locale.objects.get(language_code="zh-hans"), Locale.objects.get(language_code="en")


def test_deepl_translates_with_the_association_glossary():
    glossaries = {}

    def deepl_api(handler, body):
        if handler.headers.get("Authorization") != "DeepL-Auth-Key test-key":
            return 403, {"message": "Wrong key"}
        if handler.command == "GET" and handler.path.startswith("/v2/glossaries"):
            return 200, {"glossaries": list(glossaries.values())}
        data = json.loads(body)
        if handler.path == "/v2/glossaries":
            assert (data["source_lang"], data["target_lang"]) == ("ZH", "EN")
            assert "服务外包\tservice outsourcing" in data["entries"] and data["entries_format"] == "tsv"
            glossaries[data["name"]] = {
                "glossary_id": "g-1",
                "name": data["name"],
                "ready": True,
                "source_lang": "zh",
                "target_lang": "en",
                "creation_time": "2026-01-01T00:00:00.000Z",
                "entry_count": len(data["entries"].splitlines()),
            }
            return 201, glossaries[data["name"]]
        if handler.path == "/v2/translate":
            assert data["glossary_id"] == "g-1" and data["source_lang"] == "ZH" and data["target_lang"] == "EN-GB"
            assert data["tag_handling"] == "xml"
            return 200, {
                "translations": [
                    {"detected_source_language": "ZH", "text": ENGLISH.get(text, text), "billed_characters": len(text)}
                    for text in data["text"]
                ]
            }
        return 404, {}

    deepl_engine._glossary_ids.clear()
    with FakeServer(deepl_api) as server:
        translator = DeepLGlossaryTranslator({"AUTH_KEY": "test-key", "SERVER_URL": server.url})
        source, target = locales()
        assert translator.can_translate(source, target)
        strings = [StringValue("服务贸易"), StringValue("成都")]
        assert {s.data: t.data for s, t in translator.translate(source, target, strings).items()} == ENGLISH
        # The glossary is made once, then found by name.
        translator.translate(source, target, strings)
        assert sum(1 for method, path, *_rest in server.requests if path == "/v2/glossaries" and method == "POST") == 1
    assert len(glossary_entries()) > 40


def tc3_signature(secret_key: str, headers: dict, body: bytes, service: str = "tmt") -> str:
    """Tencent Cloud's TC3-HMAC-SHA256, computed independently of the SDK."""
    canonical = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:{headers['Content-Type']}\nhost:{headers['Host']}\n",
            "content-type;host",
            hashlib.sha256(body).hexdigest(),
        ]
    )
    timestamp = headers["X-TC-Timestamp"]
    date = headers["Authorization"].split("Credential=")[1].split("/")[1]
    scope = f"{date}/{service}/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"

    def sign(key: bytes, message: str) -> bytes:
        return hmac.new(key, message.encode(), hashlib.sha256).digest()

    key = sign(sign(sign(("TC3" + secret_key).encode(), date), service), "tc3_request")
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


def test_tencent_tmt_signs_its_requests_and_translates():
    def tmt_api(handler, body):
        headers = dict(handler.headers)
        authorization = headers["Authorization"]
        assert authorization.startswith("TC3-HMAC-SHA256 Credential=AKIDtest/")
        signature = authorization.split("Signature=")[1]
        if signature != tc3_signature("secret-test", headers, body):
            return 200, {"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}}}
        assert headers["X-TC-Action"] == "TextTranslateBatch" and headers["X-TC-Version"] == "2018-03-21"
        assert headers["X-TC-Region"] == "ap-chengdu"
        data = json.loads(body)
        assert (data["Source"], data["Target"]) == ("zh", "en")
        return 200, {
            "Response": {
                "Source": "zh",
                "Target": "en",
                "TargetTextList": [ENGLISH[text] for text in data["SourceTextList"]],
                "RequestId": "r-1",
            }
        }

    with FakeServer(tmt_api) as server:
        translator = TencentTranslator(
            {
                "SECRET_ID": "AKIDtest",
                "SECRET_KEY": "secret-test",
                "REGION": "ap-chengdu",
                "ENDPOINT": server.url.removeprefix("http://"),
                "PROTOCOL": "http",
            }
        )
        source, target = locales()
        result = translator.translate(source, target, [StringValue("服务贸易"), StringValue("成都")])
        assert [value.data for value in result.values()] == ["trade in services", "Chengdu"]
        assert len(server.requests) == 1


def test_engines_come_from_the_environment_and_none_means_none():
    assert engine_setting({}) is None
    assert engine_setting({"DEEPL_AUTH_KEY": "k"})["CLASS"].endswith("DeepLGlossaryTranslator")
    tencent = {"TENCENTCLOUD_SECRET_ID": "i", "TENCENTCLOUD_SECRET_KEY": "s"}
    assert engine_setting(tencent)["CLASS"].endswith("TencentTranslator")
    both = {"DEEPL_AUTH_KEY": "k", **tencent, "MACHINE_TRANSLATION_ENGINE": "tencent"}
    assert engine_setting(both)["CLASS"].endswith("TencentTranslator")


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None)
def test_without_an_engine_the_editor_offers_no_machine_translation(admin_client):
    assert get_machine_translator() is None
    page = make_article(section("news"), title="无机器翻译")
    english = translate_to_english(page)
    content = admin_client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert '"machineTranslator": null' in content or "machineTranslator&quot;: null" in content
