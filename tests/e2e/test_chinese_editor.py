"""
A Chinese editor's week in the admin, read as the editor sees it (the editors' issue's "Done when"):

- two headlines with "2026" save at the first try, each with a pinyin slug that keeps "2026", although Wagtail's
  script fills the slug field with "2026" alone while the title is typed;
- an article with a heading, an image, a table and a PDF, then the dialogs, menus and choosers on the way: the block
  menu, the table block and its right-click menu (Handsontable), the image and document choosers and their upload
  tabs, the keyboard-shortcuts dialog, the scheduling dialog and "schedule to publish", a validation error banner
  and the autosave notice, the page search and its pager, the dashboard with a page in a workflow, the articles
  listing and its filters, the users and groups screens.

At every step the *rendered* text (innerText of the page or the open dialog, after the browser's scripts ran) is
checked against the English messages of Django's, Wagtail's, wagtail-localize's, wagtail-2fa's, django-otp's and
our catalogues, read from the installed .po files (tests/e2e/english_chrome.py): any one found fails the test.
The browser asks for Chinese (zh-CN), as the secretariat's browsers do; the admin follows it.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.admin_ui import fill_table_cell, wait_for_autosave
from tests.e2e.english_chrome import catalogues
from tests.e2e.files import tiny_pdf, tiny_png

HEADLINE = "成都服务贸易协会组织会员单位参加2026年服贸会"
SECOND_HEADLINE = "2026年成都市服务贸易统计快报发布"
TABLE = [["地区", "金额"], ["成都", "100亿元"]]
PINYIN_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

desktop_only = pytest.mark.parametrize("viewport", ["desktop"])


def english_on(scope: Page | Locator) -> list[tuple[str, str]]:
    locator = scope.locator("body") if isinstance(scope, Page) else scope
    return catalogues().english(locator.inner_text())


def assert_chinese(scope: Page | Locator, where: str) -> None:
    """No English message of any catalogue in the text the editor sees (the page, or the open dialog)."""
    found = english_on(scope)
    assert found == [], f"English in the Chinese admin ({where}): " + "; ".join(f"{t!r} ({v})" for t, v in found)


def watch_console(page: Page) -> list[str]:
    """The browser console's errors about languages (Handsontable's missing dictionary, say)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if "anguage" in message.text else None)
    return errors


def explore(page: Page, *titles: str) -> None:
    """The page explorer, down through the named pages (查看'首页'的子页面…)."""
    page.goto("/admin/pages/")
    for title in titles:
        page.get_by_role("link", name=f"查看'{title}'的子页面", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def open_new_article(page: Page, section: str = "新闻资讯") -> None:
    """The section in the explorer → 添加子页面 → 文章: the empty article editor."""
    explore(page, "首页", section)
    assert_chinese(page, f"the explorer of {section}")
    page.get_by_role("link", name="添加子页面").first.click()
    assert_chinese(page, "the page types")
    page.locator("main").get_by_role("link", name="文章", exact=True).click()
    expect(page.locator("#id_title")).to_be_visible()
    # The editor's scripts (the title-to-slug sync among them) start once the page has loaded.
    page.wait_for_load_state("networkidle")


def type_title(page: Page, title: str) -> None:
    """
    Typed as an editor does: Wagtail's script fills the slug field on each key released in the title. (Playwright
    enters Chinese characters as inserted text, without the key events an input method sends; the final End key
    stands for those.)
    """
    title_field = page.locator("#id_title")
    title_field.press_sequentially(title)
    title_field.press("End")
    page.locator("#id_summary").click()


def expect_browser_slug(page: Page, slug: str) -> None:
    """What Wagtail's script wrote into the slug field (on the Promote tab) while the title was typed."""
    page.get_by_role("tab", name="推荐").click()
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.get_by_role("tab", name="内容").click()


def slug_on_promote_tab(page: Page) -> str:
    page.get_by_role("tab", name="推荐").click()
    slug = page.locator("#id_slug").input_value()
    page.get_by_role("tab", name="内容").click()
    return slug


def add_block(page: Page, label: str) -> Locator:
    page.get_by_role("button", name="插入区块").last.click()
    assert_chinese(page.get_by_role("listbox"), "the block menu")
    page.get_by_role("option", name=label, exact=True).click()
    return page.locator("[data-streamfield-child]").last


def upload_in_chooser(page: Page, block: Locator, button: str, title: str, name: str, content: bytes, mime: str):
    block.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("tab", name="上传")).to_be_visible()
    assert_chinese(dialog, f"chooser of “{button}”")
    dialog.get_by_role("tab", name="上传").click()
    assert_chinese(dialog, f"upload tab of “{button}”")
    upload = dialog.locator("form").filter(has=page.get_by_role("button", name="上传"))
    upload.get_by_label("标题").fill(title)
    upload.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": mime, "buffer": content}])
    upload.get_by_role("button", name="上传").click()
    # The same file uploaded before (a test run again on the same site): Wagtail offers the existing image.
    existing = dialog.get_by_text("使用已存在并删除新的", exact=True)
    expect(existing.or_(block.get_by_text(title)).first).to_be_visible()
    if existing.is_visible():
        assert_chinese(dialog, "the duplicate-upload prompt")
        existing.click()
    expect(dialog).to_be_hidden()
    expect(block).to_contain_text(title)


def editors_pause(page: Page) -> None:
    """
    A pause longer than Wagtail's autosave interval (500 ms): an autosave the last keystroke started (which may
    create the new page and redraw parts of the form) has been sent and answered.
    """
    page.wait_for_timeout(1_000)
    wait_for_autosave(page)


def save_draft(page: Page) -> None:
    editors_pause(page)
    page.get_by_role("button", name="保存草稿").click()


def success(page: Page, text: str) -> Locator:
    """The success message that names `text` (an earlier action's message may stand beside it)."""
    return page.locator(".messages .success").filter(has_text=text)


@desktop_only
def test_headlines_with_2026_save_at_the_first_try_with_pinyin_slugs(open_page, shots):
    page = open_page(locale="zh-CN")
    console = watch_console(page)
    log_in_chinese(page)

    open_new_article(page)
    assert_chinese(page, "the new article")
    type_title(page, HEADLINE)
    # Wagtail's script made its slug from the title's ASCII alone.
    expect_browser_slug(page, "2026")

    add_block(page, "标题").get_by_role("textbox").fill("一、参展概况")
    table = add_block(page, "表格")
    assert_chinese(table, "the table block")
    for row, cells in enumerate(TABLE):
        for column, text in enumerate(cells):
            fill_table_cell(table, row, column, text)
    table.locator(".ht_master table.htCore tbody td").first.click(button="right")
    menu = page.locator(".htContextMenu")
    expect(menu).to_be_visible()
    expect(menu).to_contain_text("在上方插入行")
    assert_chinese(menu, "the table's right-click menu")
    page.keyboard.press("Escape")
    image = add_block(page, "带说明的图片")
    upload_in_chooser(page, image, "选择一个图片", "服贸会展台", "stand.png", tiny_png(72, 36), "image/png")
    attachment = add_block(page, "附件")
    upload_in_chooser(page, attachment, "选择一个文档", "参展指南", "guide.pdf", tiny_pdf(), "application/pdf")
    assert_chinese(page, "the article with its four blocks")

    page.locator("body").press("?")
    shortcuts = page.get_by_role("dialog")
    expect(shortcuts).to_contain_text("键盘快捷键")
    assert_chinese(shortcuts, "the keyboard-shortcuts dialog")
    page.keyboard.press("Escape")
    shots.take(page, "article filled")

    save_draft(page)
    expect(success(page, HEADLINE)).to_be_visible()
    expect(page.locator(".messages .error")).to_have_count(0)
    assert_chinese(page, "the saved article")
    slug = slug_on_promote_tab(page)
    # (-2, -3… when the same site ran this test before: E2E_BASE_URL)
    assert PINYIN_SLUG.match(slug) and re.search(r"-canjia-2026-nian-fumaohui(-\d+)?$", slug), slug
    shots.take(page, "first headline saved with its pinyin slug")

    # The second headline with "2026": the browser proposes "2026" again, the save works at once.
    open_new_article(page)
    type_title(page, SECOND_HEADLINE)
    expect_browser_slug(page, "2026")
    save_draft(page)
    expect(success(page, SECOND_HEADLINE)).to_be_visible()
    expect(page.locator(".messages .error")).to_have_count(0)
    second = slug_on_promote_tab(page)
    assert PINYIN_SLUG.match(second) and "2026" in second and second != "2026" and second != slug, second
    shots.take(page, "second headline saved")
    assert [error for error in console if "was not found" in error] == []


def log_in_chinese(page: Page) -> None:
    """The sign-in page in Chinese, then the dashboard."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    assert_chinese(page, "the sign-in page")
    page.locator("#id_username").fill("e2e-editor")
    page.locator("#id_password").fill("e2e-editor-password")
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@desktop_only
def test_the_chinese_editors_week_meets_no_english(open_page, shots):
    page = open_page(locale="zh-CN")
    log_in_chinese(page)
    assert_chinese(page, "the dashboard")

    # Scheduling: the status panel → 设置计划 → the dialog → 保存计划 → 计划发布.
    open_new_article(page)
    type_title(page, "计划发布的协会动态2027")
    page.locator("button[data-side-panel-toggle='status']").click()
    panel = page.locator("[data-side-panel='status']")
    assert_chinese(panel, "the status panel")
    panel.get_by_role("button", name="设置计划").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("设置发布计划")
    assert_chinese(dialog, "the scheduling dialog")
    go_live = dialog.locator("input").first
    go_live.fill("2027-01-05 09:00")
    # By keyboard: the date picker's calendar, still open under the field, may cover the button.
    dialog.get_by_role("button", name="保存计划").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages .success").first).to_be_visible()
    taken = slug_on_promote_tab(page)
    page.locator("button[data-side-panel-toggle='status']").click()
    expect(panel).to_contain_text("计划生效后")
    assert_chinese(page, "the editor with a schedule")
    shots.take(page, "schedule saved")
    page.get_by_role("button", name="更多动作").click()
    assert_chinese(page.locator("footer"), "the footer's actions")
    page.get_by_role("button", name="计划发布").click()
    expect(success(page, "计划发布")).to_be_visible()
    assert_chinese(page, "after scheduling")
    shots.take(page, "scheduled")

    # The scheduled article's slug, typed by the editor for another article of the section: the banner says, in
    # Chinese, which field on which tab.
    open_new_article(page)
    type_title(page, "重复网址的文章")
    editors_pause(page)  # the autosave that creates the page redraws the form: type the slug after it
    page.get_by_role("tab", name="推荐").click()
    page.locator("#id_slug").fill(taken)
    page.get_by_role("tab", name="内容").click()
    wait_for_autosave(page)
    assert_chinese(page, "the autosave notice")
    page.get_by_role("button", name="保存草稿").click()
    banner = page.locator(".messages .error")
    expect(banner).to_contain_text("由于验证错误")
    expect(banner).to_contain_text("请检查“推荐”标签页中的“缩略名”。")
    assert_chinese(page, "the validation error banner")
    shots.take(page, "validation error in chinese")

    # Searching all pages: the pager says 页面, never None.
    page.goto("/admin/pages/search/?q=服务")
    expect(page.locator("main h2").first).to_contain_text("匹配的页面")
    assert_chinese(page, "the page search")
    assert "None" not in page.locator("main").inner_text()

    # The articles listing's filters, the users and groups screens.
    page.goto("/admin/articles/?locale=zh-hans")
    page.locator("#filters-drilldown button").first.click()
    filters = page.locator("#filters-drilldown")
    expect(filters).to_contain_text("月份")
    filters.get_by_role("button", name="月份").click()
    assert_chinese(page, "the articles listing and its filters")
    page.goto("/admin/users/")
    assert_chinese(page, "the users")
    page.get_by_role("link", name=re.compile(r"^添加")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("添加用户")
    assert_chinese(page, "a new user")
    page.goto("/admin/groups/")
    expect(page.locator("main")).to_contain_text("秘书处 · Secretariat")
    assert_chinese(page, "the groups")

    # A notice submitted to its workflow: the dashboard lists it, in Chinese.
    page.goto("/admin/pages/")
    notices_editor_submits_a_notice(page)
    page.goto("/admin/")
    expect(page.locator("main")).to_contain_text("您在工作流中的页面和片段")
    assert_chinese(page, "the dashboard with a page in a workflow")
    shots.take(page, "dashboard")


def notices_editor_submits_a_notice(page: Page) -> None:
    """The superuser writes a notice and submits it to the Notices approval workflow (the footer's menu)."""
    open_new_article(page, "通知公告")
    type_title(page, "关于报送2026年服务贸易统计数据的通知")
    wait_for_autosave(page)
    page.get_by_role("button", name="更多动作").click()
    page.get_by_role("button", name=re.compile("^提交给")).click()
    expect(success(page, "已提交审核")).to_be_visible()
    assert_chinese(page, "after submitting for review")
