"""
The editors' guide's screenshots, taken from the real admin in Chinese and in English.

`make guide-screenshots` (or `.venv/bin/python -m tests.e2e.guide_screenshots`) builds the browser tests' site
(tests/e2e/server.py: a fresh database with the seed content; E2E_BASE_URL reuses a running one), walks the
screens the guide explains in both admin languages and writes small PNGs (a 256-colour palette) to
static/img/guide/<language>/, which templates/editorial/guide_zh.html and guide_en.html show. Run it again after a
Wagtail upgrade or a change of these screens, and commit the images.
"""

import io
import os
import re
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace

from PIL import Image
from playwright.sync_api import Page, expect, sync_playwright

from tests.e2e.browser import launch_chromium
from tests.e2e.server import EDITOR_PASSWORD, EDITOR_USERNAME, REPO, running_site

OUTPUT = REPO / "static" / "img" / "guide"
VIEWPORT = {"width": 1180, "height": 740}
COLOURS = 256

# The labels the walk clicks, in each admin language (they are the ones the guide names).
LABELS = {
    "zh": {
        "locale": "zh-CN",
        "explore": "查看'{}'的子页面",
        "home": "首页",
        "news": "新闻资讯",
        "add_child": "添加子页面",
        "article": "文章",
        "title": "成都服务贸易协会组织会员单位参加2026年服贸会",
        "insert_block": "插入区块",
        "set_schedule": "设置计划",
        "save_schedule": "保存计划",
        "more_actions": "更多动作",
        "promote": "推荐",
        "content": "内容",
        "save_draft": "保存草稿",
        "month": "月份",
    },
    "en": {
        "locale": "en-GB",
        "explore": "Explore child pages of '{}'",
        # Editors write in Chinese whatever their admin's language: the same Chinese pages and headline.
        "home": "首页",
        "news": "新闻资讯",
        "add_child": "Add child page",
        "article": "Article",
        "title": "成都服务贸易协会组织会员单位参加2026年服贸会",
        "insert_block": "Insert a block",
        "set_schedule": "Set schedule",
        "save_schedule": "Save schedule",
        "more_actions": "More actions",
        "promote": "Promote",
        "content": "Content",
        "save_draft": "Save draft",
        "month": "Month",
    },
}


def save(page: Page, language: str, name: str) -> Path:
    """The viewport as a palette PNG: a screenshot of the admin has few colours, so this keeps it small."""
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    small = picture.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    path = OUTPUT / language / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, optimize=True)
    return path


def log_in(page: Page) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(EDITOR_USERNAME)
    page.locator("#id_password").fill(EDITOR_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def new_article(page: Page, words: dict) -> None:
    page.goto("/admin/pages/")
    for title in (words["home"], words["news"]):
        page.get_by_role("link", name=words["explore"].format(title), exact=True).click()
    page.get_by_role("link", name=words["add_child"]).first.click()
    page.locator("main").get_by_role("link", name=words["article"], exact=True).click()
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").press_sequentially(words["title"])
    page.locator("#id_summary").click()


def walk(page: Page, language: str) -> list[Path]:
    words = LABELS[language]
    taken = []
    log_in(page)

    # 1. The article editor and its block menu.
    new_article(page, words)
    page.get_by_role("button", name=words["insert_block"]).last.click()
    page.wait_for_timeout(300)
    taken.append(save(page, language, "block-menu"))
    page.keyboard.press("Escape")

    # 2. Scheduling: the status panel's "Set schedule", the dialog, then the footer's "Schedule to publish".
    page.locator("button[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name=words["set_schedule"]).click()
    dialog = page.get_by_role("dialog")
    dialog.locator("input").first.fill("2027-01-05 09:00")
    taken.append(save(page, language, "schedule-dialog"))
    dialog.get_by_role("button", name=words["save_schedule"]).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    if not page.locator("[data-side-panel='status']").is_visible():
        page.locator("button[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name=words["more_actions"]).click()
    page.wait_for_timeout(300)
    taken.append(save(page, language, "schedule-to-publish"))
    page.keyboard.press("Escape")

    # 3. A failed save (the slug of the article just scheduled, typed again): the banner names the field and its tab.
    page.get_by_role("tab", name=words["promote"]).click()
    taken_slug = page.locator("#id_slug").input_value()
    new_article(page, words)
    page.get_by_role("tab", name=words["promote"]).click()
    page.locator("#id_slug").fill(taken_slug)
    page.get_by_role("tab", name=words["content"]).click()
    page.wait_for_timeout(1_000)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name=words["save_draft"]).click()
    expect(page.locator(".messages .error")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    taken.append(save(page, language, "error-banner"))

    # 4. The articles listing and its filters.
    page.goto(f"/admin/articles/?locale={'zh-hans' if language == 'zh' else 'en'}")
    page.locator("#filters-drilldown button").first.click()
    page.locator("#filters-drilldown").get_by_role("button", name=words["month"]).click()
    page.wait_for_timeout(300)
    taken.append(save(page, language, "articles-listing"))
    return taken


def main() -> None:
    base_url = os.environ.get("E2E_BASE_URL", "").rstrip("/")
    site_context = nullcontext(SimpleNamespace(base_url=base_url)) if base_url else running_site()
    with site_context as site, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for language in LABELS:
            context = browser.new_context(base_url=site.base_url, locale=LABELS[language]["locale"], viewport=VIEWPORT)
            context.set_default_timeout(15_000)
            for path in walk(context.new_page(), language):
                print(f"{path.relative_to(REPO)}: {path.stat().st_size // 1024} KB")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
