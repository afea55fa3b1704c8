"""
Bulk actions on 20 ticked rows of the translation status report: submit for translation, sync, machine-translate
into drafts (the site's DeepL engine against the fake DeepL API), mark ready for review, publish (approvers only).
A row that cannot be done is named; the others are done.
"""

from django.core import mail
from django.test import override_settings

from wagtail_localize.models import StringSegment, Translation

import pytest

from home.editorial.machine_translation import deepl as deepl_engine
from home.editorial.translation_status import AWAITING_REVIEW, IN_TRANSLATION, MISSING, UP_TO_DATE
from news.models import ArticlePage
from tests.e2e.fake_deepl import AUTH_KEY, FakeDeepL
from tests.factories import locale, make_article, section
from tests.review_helpers import REPORT, approver, report_states, translator

pytestmark = pytest.mark.django_db

ROWS = 20
BULK = "/admin/editorial/translations/bulk/"


def chinese(number: int) -> dict[str, str]:
    return {"title": f"批量测试文章{number}", "summary": f"批量测试摘要{number}。"}


def english(number: int) -> dict[str, str]:
    return {"title": f"Bulk test article {number}", "summary": f"Bulk test summary {number}."}


@pytest.fixture
def articles():
    return [make_article(section("news"), **chinese(number)) for number in range(ROWS)]


def row_keys(pages) -> list[str]:
    return [f"page:{page.pk}:{locale('en').pk}" for page in pages]


def bulk(client, action: str, keys: list[str]):
    return client.post(BULK, {"action": action, "rows": keys, "filters": "section=&state="}, follow=True)


def states(client, pages) -> set[str]:
    rows = report_states(client)
    return {rows[key] for key in row_keys(pages)}


def deepl_setting(url: str) -> dict:
    return {
        "CLASS": "home.editorial.machine_translation.deepl.DeepLGlossaryTranslator",
        "OPTIONS": {"AUTH_KEY": AUTH_KEY, "SERVER_URL": url},
    }


def test_twenty_rows_go_from_missing_to_live_in_bulk(articles, django_user_model, django_capture_on_commit_callbacks):
    _translator, translator_client = translator(django_user_model)
    approver_user, approver_client = approver(django_user_model)
    keys = row_keys(articles)
    assert states(translator_client, articles) == {MISSING}

    # Submit for translation, with one row that no longer exists: it is named, the twenty are done.
    response = bulk(translator_client, "submit", [*keys, "page:99999999:1"])
    content = response.content.decode()
    assert "Submit for translation: 20 of 21 done." in content and "page:99999999:1: not found" in content
    assert states(translator_client, articles) == {IN_TRANSLATION}
    assert all(not page.get_translation(locale("en")).live for page in articles)

    # Sync: the source changed without being synced (a bulk import, say); the new text becomes a segment.
    for number, page in enumerate(articles):
        ArticlePage.objects.filter(pk=page.pk).update(summary=f"批量测试新摘要{number}。")
    response = bulk(translator_client, "sync", keys)
    assert "Sync with the source: 20 of 20 done." in response.content.decode()
    for number, page in enumerate(articles):
        translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("en"))
        assert StringSegment.objects.filter(
            source=translation.source, string__data=f"批量测试新摘要{number}。"
        ).exists()

    # Machine translation into drafts, with the site's DeepL engine (against the fake DeepL API).
    phrases = {}
    for number in range(ROWS):
        phrases[chinese(number)["title"]] = english(number)["title"]
        phrases[f"批量测试新摘要{number}。"] = english(number)["summary"]
    deepl_engine._glossary_ids.clear()
    with FakeDeepL(phrases) as deepl, override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=deepl_setting(deepl.url)):
        report = translator_client.get(REPORT).content.decode()
        assert 'value="machine_translate"' in report
        response = bulk(translator_client, "machine_translate", keys)
    assert "Machine-translate into drafts: 20 of 20 done." in response.content.decode()
    assert set(deepl.translated) == set(phrases)
    for number, page in enumerate(articles):
        target = page.get_translation(locale("en"))
        assert not target.live  # a draft, for review
        assert target.get_latest_revision_as_object().title == english(number)["title"]

    # Ready for review, all twenty: the approver is told of each.
    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(translator_client, "ready", keys)
    assert "Ready for review: 20 of 20 done." in response.content.decode()
    assert states(translator_client, articles) == {AWAITING_REVIEW}
    assert len([message for message in mail.outbox if message.to == [approver_user.email]]) == ROWS

    # A translator is not offered publishing; posting it anyway publishes nothing.
    assert 'value="publish"' not in translator_client.get(REPORT).content.decode()
    response = bulk(translator_client, "publish", keys)
    assert "Choose an action." in response.content.decode()
    assert states(translator_client, articles) == {AWAITING_REVIEW}

    # The approver publishes the twenty.
    response = bulk(approver_client, "publish", keys)
    assert "发布：已完成 20 项（共选 20 项）。" in response.content.decode()
    assert states(translator_client, articles) == {UP_TO_DATE}
    assert all(page.get_translation(locale("en")).live for page in articles)


def test_bulk_publishing_names_a_row_still_in_chinese(django_user_model):
    _approver_user, approver_client = approver(django_user_model)
    _translator, translator_client = translator(django_user_model)
    pages = [make_article(section("news"), **chinese(number)) for number in (100, 101)]
    bulk(translator_client, "submit", row_keys(pages))
    response = bulk(approver_client, "publish", row_keys(pages))
    content = response.content.decode()
    assert "批量测试文章100" in content and "未发布" in content  # the guard's refusal, naming the segments
    assert not any(page.get_translation(locale("en")).live for page in pages)


def test_without_an_engine_machine_translation_is_not_offered(django_user_model):
    _translator, translator_client = translator(django_user_model)
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
        assert 'value="machine_translate"' not in translator_client.get(REPORT).content.decode()
        page = make_article(section("news"), **chinese(200))
        bulk(translator_client, "submit", row_keys([page]))
        response = bulk(translator_client, "machine_translate", row_keys([page]))
    assert "Choose an action." in response.content.decode()


def test_a_bulk_request_without_rows_or_with_too_many_is_refused_whole(django_user_model):
    _translator, translator_client = translator(django_user_model)
    assert "Tick the rows to act on first." in bulk(translator_client, "submit", []).content.decode()
    too_many = [f"page:{number}:1" for number in range(501)]
    assert "At most 500 rows at a time." in bulk(translator_client, "submit", too_many).content.decode()
