"""
The editors' bilingual workflow in the Wagtail admin, as a new editor meets it (the editorial issue's
"Done when"):

- a Chinese article with a heading, a table, an uploaded image and an uploaded document saves at the
  first try and gets a pinyin slug;
- it is submitted for translation to English and machine-translated (the site's DeepL engine, against
  the harness's fake DeepL API, tests/e2e/fake_deepl.py);
- a table cell the machine left in Chinese blocks the English publish with a message naming it; once
  translated, the English page goes live;
- the translation status report shows the page missing in English, then live, then out of date after
  the Chinese source is edited and published again;
- a notice goes through the Notices approval workflow: its editor submits, an approver approves, it is live.

The admin is a desktop tool: these journeys run on the desktop viewport only.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_ui import (
    add_block,
    explore_children,
    fill_table_cell,
    log_in,
    open_page_actions,
    page_id,
    publish,
    segment,
    status_row,
    success_message,
    translate_segment,
    upload_in_chooser,
    wait_for_autosave,
)
from tests.e2e.fake_deepl import PHRASES
from tests.e2e.files import tiny_pdf, tiny_png
from tests.e2e.server import ROLE_PASSWORD
from tests.e2e.site_ui import heading

ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TITLE = "服务贸易统计快报"
TITLE_EN = PHRASES[TITLE]
SUMMARY = "成都服务贸易发展情况的浏览器测试文章。"
TABLE = [["地区", "金额"], ["成都", "100亿元"], ["高新区", "20亿元"]]
# The machine does not know this district's name and hands it back in Chinese.
LEFT_IN_CHINESE, ITS_ENGLISH = "高新区", "Hi-tech Zone"

desktop_only = pytest.mark.parametrize("viewport", ["desktop"])


def error_message(page):
    return page.locator(".messages .error")


def open_chinese_editor(page, source_id: int) -> None:
    """The source's editor, once its StreamField (drawn by script) shows the four blocks."""
    page.goto(f"/admin/pages/{source_id}/edit/")
    expect(page.locator("[data-streamfield-child]")).to_have_count(4)


def open_status_report(page, **filters) -> None:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    page.goto(f"/admin/editorial/translations/?{query}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Translation status")


@desktop_only
def test_article_is_written_in_chinese_machine_translated_guarded_and_published(open_page, shots):
    page = open_page(locale="en-GB")
    log_in(page)

    page.goto("/admin/pages/")
    explore_children(page, "首页")
    explore_children(page, "新闻资讯")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_role("link", name="Article", exact=True).click()

    # A new editor fills the Content tab only: title, summary and the body's blocks.
    page.get_by_label(re.compile(r"^Title")).fill(TITLE)
    page.get_by_label(re.compile(r"^Summary")).fill(SUMMARY)
    add_block(page, "Heading").get_by_role("textbox").fill("二〇二五年统计")
    table = add_block(page, "Table")
    table.get_by_label("Table headers").select_option("row")
    table.get_by_label("Table caption").fill("成都服务贸易统计")
    for row, cells in enumerate(TABLE):
        for column, text in enumerate(cells):
            fill_table_cell(table, row, column, text)
    image = add_block(page, "Image with caption")
    upload_in_chooser(page, image, "Choose an image", "成都夜景", "night.png", tiny_png())
    attachment = add_block(page, "Attachment")
    upload_in_chooser(page, attachment, "Choose a document", "统计表下载", "table.pdf", tiny_pdf())
    shots.take(page, "chinese article filled")

    # Line 1: the first save works (no "slug required" on the hidden Promote tab) and makes a pinyin slug.
    # Wagtail 7.4 autosaves the new page while it is being filled: the click then updates that draft.
    wait_for_autosave(page)
    page.get_by_role("button", name="Save draft").click()
    expect(success_message(page)).to_have_text(re.compile(rf"Page '{TITLE}' (created|has been updated)\."))
    expect(error_message(page)).to_have_count(0)
    source_id = page_id(page)
    page.get_by_role("tab", name="Promote").click()
    slug = page.get_by_label("Slug").input_value()
    assert ASCII_SLUG.match(slug) and slug.startswith("fuwumaoyi-tongji-kuaibao"), slug
    shots.take(page, "saved with a pinyin slug")

    # Line 5: only in Chinese, the report lists it as missing in English.
    open_status_report(page, state="missing")
    expect(status_row(page, source_id)).to_contain_text("Missing")
    shots.take(page, "status report missing")

    open_chinese_editor(page, source_id)
    publish(page)
    expect(success_message(page)).to_contain_text(f"Page '{TITLE}' has been published.")

    # Line 2: Translate this page → English → the translation editor → machine translation.
    open_chinese_editor(page, source_id)
    open_page_actions(page)
    page.get_by_role("link", name=re.compile(r"^Translate( this page)?$")).click()
    page.get_by_label("English").check()
    page.get_by_role("button", name="Submit").click()
    expect(success_message(page)).to_contain_text("successfully submitted for translation into English")
    english_id = page_id(page)
    page.get_by_role("button", name="Translate with DeepL").click()
    expect(success_message(page)).to_contain_text("Successfully translated")
    expect(segment(page, "Title")).to_contain_text(TITLE_EN)
    # Segments are named by field, block type and position ("Body · Table 1"), a table's cells by row and column.
    expect(segment(page, "Body · Table 1", "100亿元")).to_contain_text("CNY 10 billion")
    expect(segment(page, "Body · Table 1", "100亿元")).to_contain_text("Row 2, column 2")
    shots.take(page, "machine translated")

    # Line 3: the cell the machine left in Chinese blocks the publish, with the cell named.
    page.get_by_role("button", name="Publish in English").click()
    expect(error_message(page)).to_contain_text("Not published: this translation still contains Chinese text")
    expect(error_message(page)).to_contain_text(LEFT_IN_CHINESE)
    shots.take(page, "publish refused")
    page.goto(f"/en/news/{slug}/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(TITLE_EN)

    page.goto(f"/admin/pages/{english_id}/edit/")
    translate_segment(page, "Body · Table 1", ITS_ENGLISH, source=LEFT_IN_CHINESE)
    page.get_by_role("button", name="Publish in English").click()
    expect(success_message(page)).to_contain_text(f"Published '{TITLE_EN}' in English")
    shots.take(page, "english published")

    page.goto(f"/en/news/{slug}/")
    expect(heading(page)).to_have_text(TITLE_EN)
    main = page.get_by_role("main")
    expect(main.get_by_role("table")).to_contain_text(ITS_ENGLISH)
    expect(main.get_by_role("table")).to_contain_text("Chengdu trade in services statistics")
    expect(main).not_to_contain_text(LEFT_IN_CHINESE)
    expect(main.get_by_role("img", name="Chengdu at night")).to_be_visible()
    expect(main.get_by_role("link", name=re.compile("Download the table"))).to_be_visible()
    shots.take(page, "live english page")

    open_status_report(page)
    expect(status_row(page, source_id)).to_contain_text("Live and up to date")

    # Line 5: the Chinese source changes and is published again: its English is out of date.
    open_chinese_editor(page, source_id)
    page.get_by_label(re.compile(r"^Summary")).fill("成都服务贸易增长较快。")
    publish(page)
    expect(success_message(page)).to_contain_text(f"Page '{TITLE}' has been published.")
    open_status_report(page, state="out_of_date")
    expect(status_row(page, source_id)).to_contain_text("Out of date")
    shots.take(page, "status report out of date")


@desktop_only
def test_notice_goes_live_through_the_approval_workflow(open_page, shots):
    title = "浏览器测试审核通知"
    editor = open_page(locale="en-GB")
    log_in(editor, "e2e-notices-editor", ROLE_PASSWORD)
    editor.goto("/admin/pages/")
    explore_children(editor, "首页")
    explore_children(editor, "通知公告")
    editor.get_by_role("link", name="Add child page").first.click()
    editor.get_by_role("link", name="Article", exact=True).click()
    editor.get_by_label(re.compile(r"^Title")).fill(title)
    editor.get_by_label(re.compile(r"^Summary")).fill("须经审核人批准后发布的通知。")

    # A Notices editor cannot publish: the footer offers the section's approval workflow instead.
    editor.get_by_role("button", name="More actions").click()
    expect(editor.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    shots.take(editor, "notices editor's actions")
    editor.get_by_role("button", name=re.compile(r"^Submit to .*Notices approval")).click()
    # The project's message (home/editorial/review.py) says what happened instead of Wagtail's.
    expect(success_message(editor)).to_have_text(re.compile(rf"Submitted for review: “{title}”\."))
    shots.take(editor, "notice submitted")

    visitor = open_page()
    visitor.goto("/zh-hans/notices/")
    expect(visitor.get_by_role("main")).not_to_contain_text(title)

    # The approver finds it on the dashboard, opens it and approves: the workflow's only task, so it goes live.
    approver = open_page(locale="en-GB")
    log_in(approver, "e2e-approver", ROLE_PASSWORD)
    approver.get_by_role("link", name=title).first.click()
    expect(approver).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    shots.take(approver, "approver opens the notice")
    approver.get_by_role("button", name="More actions").click()
    approver.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(success_message(approver)).to_contain_text(title)
    shots.take(approver, "approved")

    visitor.goto("/zh-hans/notices/")
    visitor.locator("main .listing a").filter(has_text=title).click()
    expect(heading(visitor)).to_have_text(title)
    slug = visitor.url.rstrip("/").rsplit("/", 1)[1]
    assert ASCII_SLUG.match(slug), slug
    shots.take(visitor, "live notice")
