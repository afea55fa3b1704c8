"""An editor: writes a Chinese article under 新闻资讯, publishes it, translates it to English, sees both live."""

import re

from playwright.sync_api import expect

from tests.e2e.admin_ui import (
    explore_children,
    log_in,
    open_page_actions,
    publish,
    success_message,
    translate_segment,
)
from tests.e2e.site_ui import heading

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_editor_publishes_and_translates(open_page, shots, viewport):
    page = open_page(locale="en-GB")
    title = f"浏览器测试文章 {viewport}"
    title_en = f"Browser test article {viewport}"

    log_in(page)
    shots.take(page, "dashboard")

    page.goto("/admin/pages/")
    explore_children(page, "首页")
    explore_children(page, "新闻资讯")
    expect(page.get_by_role("heading", level=1)).to_contain_text("新闻资讯")
    shots.take(page, "news section in the explorer")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name="Article", exact=True).click()

    page.get_by_label(re.compile(r"^Title")).fill(title)
    page.get_by_label(re.compile(r"^Summary")).fill("浏览器自动化测试创建的文章，用于检查发布和翻译流程。")
    shots.take(page, "article filled")

    page.get_by_role("tab", name="Promote").click()
    slug_field = page.get_by_label("Slug")
    # Today a Chinese title gives no slug (ASCII slugs only); once slugs are made automatically, keep
    # whatever the admin proposes as long as it is a proper ASCII slug.
    if not ASCII_SLUG.match(slug_field.input_value()):
        slug_field.fill(f"e2e-article-{viewport}")
    slug = slug_field.input_value()
    shots.take(page, "promote tab with slug")

    publish(page)
    expect(success_message(page)).to_contain_text(f"Page '{title}' created and published")
    shots.take(page, "published")

    success_message(page).get_by_role("link", name="Edit").click()
    open_page_actions(page)
    # "Translate this page" in wagtail-localize 1.14 ("Translate" in some versions).
    page.get_by_role("link", name=re.compile(r"^Translate( this page)?$")).click()
    expect(page).to_have_url(re.compile(r"/admin/localize/submit/page/\d+/"))
    page.get_by_label("English").check()
    shots.take(page, "submit for translation")
    page.get_by_role("button", name="Submit").click()

    # wagtail-localize's React translation editor, on the new English draft.
    expect(success_message(page)).to_contain_text("successfully submitted for translation into English")
    expect(page.get_by_role("heading", name=re.compile("to English translation")).first).to_be_visible()
    expect(page.get_by_role("tabpanel", name="Content")).to_contain_text(title)
    shots.take(page, "translation editor")

    translate_segment(page, "Title", title_en)
    translate_segment(page, "Summary", "An article made by the browser tests, to check publishing and translating.")
    shots.take(page, "translation filled")
    page.get_by_role("button", name="Publish in English").click()
    expect(success_message(page)).to_contain_text(f"Published '{title_en}' in English")
    shots.take(page, "translation published")

    page.goto("/zh-hans/news/")
    page.locator("main .listing a").filter(has_text=title).click()
    expect(page).to_have_url(re.compile(f"/zh-hans/news/{slug}/$"))
    expect(heading(page)).to_have_text(title)
    shots.take(page, "live chinese page")

    page.goto(f"/en/news/{slug}/")
    expect(heading(page)).to_have_text(title_en)
    shots.take(page, "live english page")
