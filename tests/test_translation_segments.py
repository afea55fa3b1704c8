"""
What the translator no longer has to do by hand: segments that need no translation (numbers, dates, URLs, e-mail
addresses, Latin codes) come prefilled and marked; segments have readable names ("Body · Paragraph 2", "正文 · 段落
2") wherever they are named; the PO file is offered from the status report, both ways.
"""

import io
import json
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation as language

from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

import polib
import pytest

from home.editorial.prefill import PREFILL_TOOL, needs_no_translation
from home.editorial.segment_names import segment_name
from tests.editorial import chinese_admin
from tests.factories import locale, make_article, section
from tests.review_helpers import REPORT, report_state, translation_of, translator

pytestmark = pytest.mark.django_db

NO_TRANSLATION = ["2024-05-22", "https://www.example.org/about?id=3", "cdats@example.org", "ITO", "91350100M000100Y43"]
TABLE = {
    "data": [["地区", "代码"], ["成都", "ITO"], ["统一社会信用代码", "91350100M000100Y43"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_header_choice": "row",
    "table_caption": "服务外包（ITO）代码表",
    "cell": [],
    "mergedCells": [],
}


@pytest.fixture
def article():
    body = [
        ("heading", "活动安排"),
        ("paragraph", RichText("<p>会议日期：</p>")),
        ("paragraph", RichText("<p>2024-05-22</p>")),
        (
            "paragraph",
            RichText('<p><a href="https://www.example.org/about?id=3">https://www.example.org/about?id=3</a></p>'),
        ),
        ("paragraph", RichText("<p>cdats@example.org</p>")),
        ("table", TABLE),
        ("paragraph", RichText("<p>（ITO）</p>")),
    ]
    return make_article(section("news"), title="预填测试文章", summary="无需翻译的段落会自动填好。", body=body)


@pytest.fixture
def translator_client(django_user_model):
    return translator(django_user_model)[1]


def submit(client, page) -> None:
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale("en").pk]})
    assert response.status_code == 302


def translations_by_source(page) -> dict[str, StringTranslation]:
    translation = translation_of(page)
    return {
        item.translation_of.data: item
        for item in StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).select_related("translation_of")
    }


def test_what_needs_no_translation():
    for text in [*NO_TRANSLATION, "09:00-16:00", "3.5%", "+86 28 8693 5965", "RCEP"]:
        assert needs_no_translation(text), text
    for text in ["（ITO）", "2024年5月22日", "服务贸易", "ＩＴＯ", "", "   ", "会议：2024-05-22"]:
        assert not needs_no_translation(text), text


def test_segments_that_need_no_translation_are_prefilled_and_marked(article, translator_client):
    submit(translator_client, article)
    translated = translations_by_source(article)
    link = '<a id="a1">https://www.example.org/about?id=3</a>'
    copied = {text for text, item in translated.items() if item.tool_name == PREFILL_TOOL}
    assert copied == {"2024-05-22", link, "cdats@example.org", "ITO", "91350100M000100Y43"}
    assert all(translated[text].data == text for text in copied)
    # Nothing with Chinese or full-width marks is copied; the report counts the copies as translated.
    assert "（ITO）" not in translated and "活动安排" not in translated
    total = StringSegment.objects.filter(source=translation_of(article).source).count()
    report = translator_client.get(REPORT, {"state": "in_translation"}).content.decode()
    assert f"5 / {total}" in report
    # The translation editor shows them translated, with the note saying why.
    editor = translator_client.get(f"/admin/pages/{article.get_translation(locale('en')).pk}/edit/").content.decode()
    assert f"Translated with {PREFILL_TOOL}" in editor.replace("&quot;", '"')


def test_a_new_segment_is_prefilled_when_the_source_changes_and_a_translation_is_never_overwritten(
    article, translator_client
):
    submit(translator_client, article)
    ito = translations_by_source(article)["ITO"]
    ito.data = "information technology outsourcing (ITO)"
    ito.tool_name = ""
    ito.save()
    revision = article.get_latest_revision_as_object()
    revision.body.append(("paragraph", RichText("<p>2026-01-01</p>")))
    revision.save_revision().publish()  # publishing the Chinese syncs its translation source
    translated = translations_by_source(article)
    assert translated["2026-01-01"].tool_name == PREFILL_TOOL
    assert translated["ITO"].data == "information technology outsourcing (ITO)"
    assert report_state(translator_client, article) == "in_translation"


def test_segments_have_readable_names_in_both_languages(article):
    source = article.specific
    paths = {segment.string.data: segment.context.path for segment in segments_of(article)}
    with language.override("en"):
        assert_english_names(source, paths)
    with language.override("zh-hans"):
        assert segment_name(source, paths["2024-05-22"]) == "正文 · 段落 2"
        assert segment_name(source, paths["91350100M000100Y43"]) == "正文 · 表格 1 · 第 3 行第 2 列"


def assert_english_names(source, paths: dict[str, str]) -> None:
    assert segment_name(source, paths["活动安排"]) == "Body · Heading 1"
    assert segment_name(source, paths["2024-05-22"]) == "Body · Paragraph 2"
    assert segment_name(source, paths["91350100M000100Y43"]) == "Body · Table 1 · Row 3, column 2"
    assert segment_name(source, paths["服务外包（ITO）代码表"]) == "Body · Table 1 · Table caption"
    assert segment_name(source, paths["预填测试文章"]) == "Title"


def segments_of(page) -> list[StringSegment]:
    source, _created = TranslationSource.get_or_create_from_instance(page)
    return list(StringSegment.objects.filter(source=source).select_related("string", "context"))


def test_the_translation_editor_heads_each_block_with_its_readable_name(article, translator_client):
    submit(translator_client, article)
    html = translator_client.get(f"/admin/pages/{article.get_translation(locale('en')).pk}/edit/").content.decode()
    props = json.loads(re.search(r'data-props="([^"]*)"', html).group(1).replace("&quot;", '"').replace("&amp;", "&"))
    locations = {
        segment["source"]: segment["location"] for segment in props["segments"] if segment["type"] == "string"
    }
    assert locations["2024-05-22"]["field"] == "Body · Paragraph 2"
    assert locations["ITO"]["field"] == "Body · Table 1" and locations["ITO"]["subField"] == "Row 2, column 2"
    assert locations["预填测试文章"]["field"] == "Title"  # plain fields keep their label


def test_the_publish_guard_names_segments_readably(article, translator_client, django_user_model):
    submit(translator_client, article)
    translation = translation_of(article)
    chief = chinese_admin(django_user_model, "chief", superuser=True)
    response = chief.post(f"/admin/editorial/translations/{translation.pk}/publish/", follow=True)
    content = response.content.decode()
    assert "正文 · 标题 1: “活动安排”" in content and "正文 · 表格 1 · 第 3 行第 1 列: “统一社会信用代码”" in content


def po_upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")


def test_the_po_file_is_offered_from_the_report_both_ways(article, translator_client):
    submit(translator_client, article)
    translation = translation_of(article)
    report = translator_client.get(REPORT, {"state": "in_translation"}).content.decode()
    download_url = f"/admin/localize/translate/{translation.pk}/pofile/download/"
    assert download_url in report and 'action="/admin/editorial/translations/po/"' in report

    downloaded = translator_client.get(download_url)
    assert downloaded["Content-Disposition"] == f'attachment; filename="{article.slug}-en.po"'
    po = polib.pofile(downloaded.content.decode())
    names = {entry.msgid: entry.comment for entry in po}
    assert names["活动安排"] == "Body · Heading 1" and names["地区"] == "Body · Table 1 · Row 1, column 1"
    po.find("活动安排").msgstr = "Programme"

    # The report's upload takes several files at once; each finds its translation by its header.
    not_po = SimpleUploadedFile("notes.po", b"\x00\xff not a po file", content_type="text/plain")
    response = translator_client.post(
        "/admin/editorial/translations/po/",
        {"files": [po_upload("article-en.po", str(po).encode()), not_po], "filters": "state=in_translation"},
        follow=True,
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{REPORT}?state=in_translation"
    assert "article-en.po: Imported the translations of the PO file" in content
    assert "notes.po: This is not a PO file" in content
    assert translations_by_source(article)["活动安排"].data == "Programme"

    # The translation editor's own upload (wagtail-localize's URL, our checked view) says what is wrong too.
    upload_url = f"/admin/localize/translate/{translation.pk}/pofile/upload/"
    back = f"{REPORT}?state=in_translation"
    po.find("活动安排").msgstr = "The programme"
    response = translator_client.post(upload_url, {"file": po_upload("a-en.po", str(po).encode()), "next": back})
    assert response.status_code == 302 and response.url == back
    assert translations_by_source(article)["活动安排"].data == "The programme"
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    response = translator_client.post(
        upload_url, {"file": po_upload("b-en.po", str(po).encode()), "next": back}, follow=True
    )
    assert "belongs to another translation" in response.content.decode()
    response = translator_client.post(
        "/admin/editorial/translations/po/", {"files": [po_upload("b-en.po", str(po).encode())]}, follow=True
    )
    assert "names no translation you may edit" in response.content.decode()


def test_the_po_files_of_ticked_rows_download_as_one_zip(translator_client):
    pages = [make_article(section("news"), title=f"打包测试{number}", summary="摘要。") for number in range(3)]
    for page in pages:
        submit(translator_client, page)
    keys = [f"page:{page.pk}:{locale('en').pk}" for page in pages]
    response = translator_client.post("/admin/editorial/translations/bulk/", {"action": "po_files", "rows": keys})
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == sorted(f"{page.slug}-en.po" for page in pages)
        po = polib.pofile(archive.read(f"{pages[0].slug}-en.po").decode())
    assert po.find("打包测试0").comment == "Title"
