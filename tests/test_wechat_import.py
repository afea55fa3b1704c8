"""
`manage.py import_wechat_articles` against the fake Official Account (tests/fake_wechat.py): three articles
become Chinese drafts with their images in the library, source and link; a second run updates them; the
article whose image fails is reported and leaves nothing behind; a deleted article is reported, never removed.
"""

import io
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest

from news.models import ArticlePage
from tests.factories import section
from tests.fake_wechat import BROKEN_ID, PHOTOS_ID, TABLE_ID
from wechat.models import WeChatArticleImport

pytestmark = pytest.mark.django_db

Image = get_image_model()


def run(*args: str, fails: bool = False) -> str:
    """The command's output; `fails`: it must end with an error (an article not imported)."""
    out = io.StringIO()
    if fails:
        with pytest.raises(CommandError, match="not imported"):
            call_command("import_wechat_articles", *args, stdout=out)
    else:
        call_command("import_wechat_articles", *args, stdout=out)
    return out.getvalue()


def imported(article_id: str, position: int = 1) -> ArticlePage:
    record = WeChatArticleImport.objects.get(article_id=article_id, position=position)
    return record.page.specific.get_latest_revision_as_object()


def files_on_disk() -> set[str]:
    root = Path(django_settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in (root / "original_images").glob("*")}


def block_types(page) -> list[str]:
    return [block.block_type for block in page.body]


def test_three_articles_become_chinese_drafts_with_images_source_and_link(wechat):
    before = files_on_disk()
    output = run("--all", "--section", "news", fails=True)
    news = section("news")
    assert WeChatArticleImport.objects.count() == 3
    for article_id, position in [(PHOTOS_ID, 1), (TABLE_ID, 1), (TABLE_ID, 2)]:
        page = WeChatArticleImport.objects.get(article_id=article_id, position=position).page.specific
        assert page.get_parent().pk == news.pk and page.locale.language_code == "zh-hans"
        assert not page.live and page.has_unpublished_changes and page.slug
        assert page.source_name == "微信公众号 · 成都服务贸易协会"
        assert (
            page.source_url.startswith("http://mp.weixin.qq.com/s?__biz=MzA5&mid=") and "chksm" not in page.source_url
        )
        assert page.cover_image is not None and page.cover_image.collection.get_parent().name == "微信公众号"

    photos = imported(PHOTOS_ID)
    assert photos.title == "协会召开2024年会员大会" and photos.author == "协会秘书处"
    assert photos.summary == "5月28日，协会在高新区召开会员大会。" and str(photos.date) == "2024-05-28"
    assert block_types(photos) == ["paragraph", "heading", "paragraph", *["image"] * 5, "paragraph"]
    images = [block.value for block in photos.body if block.block_type == "image"]
    assert [value["caption"] for value in images] == [f"现场照片{n}" for n in range(1, 6)]
    collection = images[0]["image"].collection
    assert {value["image"].collection for value in images} == {collection}
    assert Image.objects.filter(collection=collection).count() == 6  # five photos and the cover
    body = str(photos.body.render_as_block())
    assert "<b>会员大会</b>" in body and "<li>审议年度工作报告</li>" in body and photos.body[1].value == "一、会议议程"
    assert 'href="https://mp.weixin.qq.com/s?__biz=MzA5&amp;mid=26&amp;idx=1&amp;sn=ab"' in body
    assert not any(word in body for word in ("script", "style=", "report(", "mpvoice", "track.gif", "rich_pages"))

    table = imported(TABLE_ID, 1)
    assert block_types(table) == ["paragraph", "table", "subheading", "paragraph", "paragraph"]
    assert table.body[1].value["data"][0] == ["类别", "执行额（亿元）", "同比"]
    assert table.body[1].value["data"][3] == ["知识流程外包", "60.8", "15.6%"]
    assert table.body[1].value["first_row_is_table_header"] is True
    assert "阅读原文" in str(table.body[-1].value) and str(table.date) == "2024-05-23"
    assert imported(TABLE_ID, 2).title == "协会秘书处联系方式更新"

    # The broken article: reported by name, nothing of it stored (no page, no record, no image, no file).
    assert "图片下载失败的文章" in output and "未导入" in output and "HTTP 404" in output
    assert not ArticlePage.objects.filter(title="图片下载失败的文章").exists()
    assert not WeChatArticleImport.objects.filter(article_id=BROKEN_ID).exists()
    assert not Collection.objects.filter(name__startswith="图片下载失败的文章").exists()
    stored = {image.file.name for image in Image.objects.filter(collection__name__contains="fake-msg")}
    assert files_on_disk() - before == stored and len(stored) == 5 + 1 + 2  # photos and covers
    # WeChat's image host refuses a Referer: none was sent.
    image_requests = [headers for _method, path, headers in wechat.requests if path.startswith("/mmbiz/")]
    assert image_requests and not any("Referer" in headers for headers in image_requests)


def test_a_second_run_updates_the_drafts_instead_of_duplicating_them(wechat):
    run("--all", "--section", "news", fails=True)
    counts = (ArticlePage.objects.count(), Image.objects.count(), Collection.objects.count())
    wechat.edit(TABLE_ID, 1, title="1—4月成都服务外包执行额（更正）")
    output = run("--all", "--section", "news", fails=True)
    assert (ArticlePage.objects.count(), Image.objects.count(), Collection.objects.count()) == counts
    assert WeChatArticleImport.objects.count() == 3 and output.count("[updated]") == 3
    page = WeChatArticleImport.objects.get(article_id=TABLE_ID, position=1).page.specific
    assert page.revisions.count() == 2
    assert page.get_latest_revision_as_object().title == "1—4月成都服务外包执行额（更正）"
    assert str(page.get_latest_revision_as_object().date) == "2024-05-23"  # an hour later, the same day


def test_an_article_deleted_on_wechat_is_reported_and_its_page_kept(wechat):
    run(PHOTOS_ID, "--section", "news")
    page_id = WeChatArticleImport.objects.get(article_id=PHOTOS_ID).page_id
    wechat.delete(PHOTOS_ID)
    output = run(PHOTOS_ID, "--section", "news", "--language", "en")
    assert "[deleted]" in output and "was deleted on WeChat. Its page on this site is kept" in output
    assert ArticlePage.objects.filter(pk=page_id).exists()


def test_a_dry_run_lists_and_imports_nothing(wechat):
    run(f"{TABLE_ID}:2", "--section", "news")
    lines = run("--all", "--dry-run").splitlines()
    assert len(lines) == 4 and lines[0].startswith(f"{PHOTOS_ID}:1\t2024-05-28\t协会召开2024年会员大会\t")
    assert [line.rsplit("\t", 1)[1] for line in lines].count("未导入：将导入") == 3
    page_id = WeChatArticleImport.objects.get().page_id
    assert lines[2].endswith(f"已导入（页面 {page_id}）：将更新") and f"{TABLE_ID}:2" in lines[2]
    assert WeChatArticleImport.objects.count() == 1 and wechat.count("/cgi-bin/freepublish/getarticle") == 1


def test_one_article_of_a_message_by_its_position(wechat):
    output = run(f"{TABLE_ID}:2", "--section", "news", "--language", "en")
    assert "imported as a Chinese draft" in output
    assert list(WeChatArticleImport.objects.values_list("article_id", "position")) == [(TABLE_ID, 2)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "its content could not be converted"), ("<section>" * 400 + "深" + "</section>" * 400, "nested too deeply")],
)
def test_a_malformed_article_imports_nothing(wechat, content, reason):
    wechat.edit(TABLE_ID, 2, content=content)
    output = run(f"{TABLE_ID}", "--section", "news", "--language", "en", fails=True)
    assert "“协会秘书处联系方式更新” was not imported: " in output and reason in output
    assert list(WeChatArticleImport.objects.values_list("position", flat=True)) == [1]


def test_an_error_from_wechat_is_reported_per_article(wechat):
    wechat.errors["/cgi-bin/freepublish/getarticle"] = [53600]
    output = run(PHOTOS_ID, "--section", "news", "--language", "en", fails=True)
    assert "was not imported: WeChat did not give the article (WeChat error 53600" in output
    assert not WeChatArticleImport.objects.exists()


def test_an_image_that_is_not_a_picture_is_refused(wechat):
    wechat.images["photo-3.jpg"] = b"<html>not an image</html>"
    output = run(PHOTOS_ID, "--section", "news", "--language", "en", fails=True)
    assert "an image could not be downloaded or is not a valid image (not a readable image" in output
    assert not Image.objects.filter(title__startswith="协会召开").exists()


def test_the_command_needs_credentials_and_a_chinese_section(wechat, settings):
    with pytest.raises(CommandError, match="--section is required"):
        run("--all")
    with pytest.raises(CommandError, match="No Chinese section"):
        run("--all", "--section", "no-such-section")
    with pytest.raises(CommandError, match="either --all or article ids"):
        run("--section", "news")
    settings.WECHAT_APP_SECRET = ""
    with pytest.raises(CommandError, match="not configured"):
        run("--all", "--section", "news")


def test_a_failure_while_saving_rolls_back_the_article_and_deletes_its_image_files(wechat, monkeypatch):
    before = files_on_disk()

    def broken_source_name(section):
        raise RuntimeError("disk full")

    monkeypatch.setattr("wechat.importer.source_name", broken_source_name)  # after the images are stored
    output = run(PHOTOS_ID, "--section", "news", "--language", "en", fails=True)
    assert "“协会召开2024年会员大会” was not imported: it could not be saved (disk full)." in output
    assert files_on_disk() == before
    assert not WeChatArticleImport.objects.exists() and not Image.objects.filter(title__startswith="协会召开").exists()
    assert not Collection.objects.filter(name__contains="fake-msg").exists()


def test_the_drafts_open_in_the_editor_and_render_once_published(wechat, admin_client, client):
    run(PHOTOS_ID, TABLE_ID, "--section", "news")
    for record in WeChatArticleImport.objects.all():
        assert admin_client.get(f"/admin/pages/{record.page_id}/edit/").status_code == 200
        page = record.page.specific
        page.get_latest_revision().publish()
        html = client.get(page.url).content.decode()
        assert f"<h1>{page.title}</h1>" in html or page.title in html
        assert "微信公众号 · 成都服务贸易协会" in html
    photos = WeChatArticleImport.objects.get(article_id=PHOTOS_ID).page.specific
    html = client.get(photos.url).content.decode()
    assert html.count('<figure class="body-image">') == 5 and "<figcaption>现场照片3</figcaption>" in html
    table = WeChatArticleImport.objects.get(article_id=TABLE_ID, position=1).page.specific
    html = client.get(table.url).content.decode()
    assert "<th" in html and "知识流程外包" in html and 'href="https://swj.chengdu.gov.cn/"' in html
