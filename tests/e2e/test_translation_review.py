"""
The translation loop closes, in the browser (the editorial issue's "Done when"): the translator marks an English
translation ready for review → the approver gets the e-mail (in their admin language, Chinese) and the dashboard
panel → sends it back with a comment → the translator sees the comment in the editor and by e-mail → marks it
ready again → the approver publishes it. The status report and the dashboard say the same at every step.

The translator's admin is English, the approver's Chinese (their profiles say so; tests/e2e/server.py). Desktop
only, like the other admin journeys.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_ui import (
    explore_children,
    log_in,
    page_id,
    publish,
    segment,
    success_message,
    translate_segment,
)
from tests.e2e.mail import messages_to, wait_for_messages_to
from tests.e2e.server import ROLE_PASSWORD
from tests.e2e.site_ui import heading

TITLE = "浏览器测试译文审核"
SUMMARY = "译员提交审核、审核人退回和发布的浏览器测试。"
TITLE_EN = "A browser test of the translation review"
SUMMARY_EN = "A browser test of review"
SUMMARY_EN_AGAIN = "A browser test: the translator submits, the approver sends back, then publishes."
COMMENT = "Please say what is tested in the summary, in full."
REVIEWER_MAIL = "e2e-reviewer@example.org"
TRANSLATOR_MAIL = "e2e-translator@example.org"

desktop_only = pytest.mark.parametrize("viewport", ["desktop"])


def report_row(page, source_id: int):
    return page.locator("table.listing tbody tr").filter(has=page.locator(f'a[href="/admin/pages/{source_id}/edit/"]'))


def report_count(page, state: str) -> int:
    """The report's count of one state, from its summary line ("Awaiting review: 1")."""
    text = page.locator(f'.editorial-counts [data-state="{state}"]').inner_text()
    return int(text.rsplit(":", 1)[1])


def dashboard_count(page, state: str) -> int:
    """The dashboard's translations panel count of one state (its link to the report, then the count)."""
    entry = page.locator("#translation-status-section h3").filter(has=page.locator(f'a[href$="?state={state}"]'))
    return int(entry.locator("strong").inner_text())


def assert_report_and_dashboard_agree(page, source_id: int, state_label: str) -> None:
    page.goto("/admin/editorial/translations/")
    expect(report_row(page, source_id)).to_contain_text(state_label)
    counts = {state: report_count(page, state) for state in ("in_translation", "awaiting_review")}
    page.goto("/admin/")
    for state, count in counts.items():
        assert dashboard_count(page, state) == count, state


def footer(page):
    return page.locator(".js-translation-editor footer")


@desktop_only
def test_translation_goes_round_the_review_loop(open_page, shots, site):
    # The secretariat writes a Chinese article and publishes it.
    editor = open_page(locale="en-GB")
    log_in(editor)
    editor.goto("/admin/pages/")
    explore_children(editor, "首页")
    explore_children(editor, "新闻资讯")
    editor.get_by_role("link", name="Add child page").first.click()
    editor.get_by_role("link", name="Article", exact=True).click()
    editor.get_by_label(re.compile(r"^Title")).fill(TITLE)
    editor.get_by_label(re.compile(r"^Summary")).fill(SUMMARY)
    publish(editor)
    expect(success_message(editor)).to_contain_text(f"Page '{TITLE}' created and published")
    success_message(editor).get_by_role("link", name="Edit").click()
    source_id = page_id(editor)
    editor.get_by_role("tab", name="Promote").click()
    slug = editor.get_by_label("Slug").input_value()

    # Mail already there (a reused site, E2E_BASE_URL): this journey reads only what comes after.
    seen = {address: len(messages_to(site.mail_dir, address)) for address in (REVIEWER_MAIL, TRANSLATOR_MAIL)}

    def next_mail(address: str):
        seen[address] += 1
        found = wait_for_messages_to(site.mail_dir, address, at_least=seen[address])
        assert len(found) == seen[address], f"no new e-mail to {address}"
        return found[-1]

    # The translator finds it missing in the status report and submits it with the bulk form.
    translator = open_page(locale="en-GB")
    log_in(translator, "e2e-translator", ROLE_PASSWORD)
    translator.goto("/admin/editorial/translations/?state=missing")
    report_row(translator, source_id).get_by_role("checkbox").check()
    translator.get_by_label("With the ticked rows").select_option(label="Submit for translation")
    translator.get_by_role("button", name="Apply").click()
    expect(success_message(translator)).to_contain_text("Submit for translation: 1 of 1 done.")
    assert_report_and_dashboard_agree(translator, source_id, "In translation")

    # The translation editor: "Ready for review" is the footer's main button; no Lock, no Delete.
    translator.goto("/admin/editorial/translations/?state=in_translation")
    report_row(translator, source_id).get_by_role("link", name="Open the editor").click()
    expect(footer(translator).get_by_role("button", name="Ready for review")).to_be_visible()
    expect(translator.get_by_role("button", name="Lock")).to_have_count(0)
    expect(translator.get_by_role("link", name="Delete")).to_have_count(0)
    expect(translator.get_by_role("button", name="Stop Synced translation")).to_be_hidden()
    translate_segment(translator, "Title", TITLE_EN)
    translate_segment(translator, "Summary", SUMMARY_EN)
    shots.take(translator, "translator's footer")
    footer(translator).get_by_role("button", name="Ready for review").click()
    expect(success_message(translator)).to_contain_text("Submitted for review: 2 approvers have been told by e-mail.")
    expect(footer(translator).get_by_role("button", name="Awaiting review")).to_be_disabled()
    expect(translator.locator('[data-review-state="awaiting_review"]')).to_be_visible()
    shots.take(translator, "marked ready")
    assert_report_and_dashboard_agree(translator, source_id, "Awaiting review")

    # The approver (a Chinese admin) is told by e-mail in Chinese, and finds it on the dashboard.
    ready = next_mail(REVIEWER_MAIL)
    assert str(ready["Subject"]).strip() == f"待审核：“{TITLE}”的英文译文"
    review_path = re.search(r"/admin/editorial/translations/\d+/review/", ready.get_content()).group(0)
    # The sign-in page follows the browser (English); once signed in, the admin follows the profile (Chinese).
    reviewer = open_page(locale="en-GB")
    log_in(reviewer, "e2e-reviewer", ROLE_PASSWORD)
    panel = reviewer.locator("#translations-awaiting-review-section")
    expect(panel).to_contain_text("待您审核的译文")
    expect(panel.get_by_role("link", name=TITLE).first).to_be_visible()
    shots.take(reviewer, "approver's dashboard")
    panel.locator(f'a[href="{review_path}"]').click()
    expect(reviewer).to_have_url(re.compile(re.escape(review_path) + "$"))
    # The English page beside the Chinese.
    expect(reviewer.frame_locator("iframe[lang=en]").get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(reviewer.frame_locator("iframe[lang=zh-hans]").get_by_role("heading", level=1)).to_have_text(TITLE)
    shots.take(reviewer, "review screen")
    reviewer.get_by_label("需要译员修改什么？").fill(COMMENT)
    reviewer.get_by_role("button", name="退回译员修改").click()
    expect(success_message(reviewer)).to_contain_text("已要求修改")
    assert_report_and_dashboard_agree(translator, source_id, "In translation")

    # The translator reads the comment in an e-mail (in English) and in the editor, changes it, marks it ready.
    sent_back = next_mail(TRANSLATOR_MAIL)
    assert str(sent_back["Subject"]).strip() == f"Changes requested: the English translation of “{TITLE}”"
    assert COMMENT in sent_back.get_content()
    editor_url = re.search(r"https?://\S+/admin/pages/\d+/edit/", sent_back.get_content()).group(0)
    translator.goto(editor_url)
    expect(translator.locator('[data-review-state="changes_requested"]')).to_contain_text(COMMENT)
    shots.take(translator, "comment in the editor")
    expect(segment(translator, "Summary")).to_contain_text(SUMMARY_EN)
    translate_segment(translator, "Summary", SUMMARY_EN_AGAIN)
    footer(translator).get_by_role("button", name="Ready for review").click()
    expect(success_message(translator)).to_contain_text("Submitted for review")
    assert_report_and_dashboard_agree(translator, source_id, "Awaiting review")

    # The approver publishes it from the review screen.
    assert review_path in next_mail(REVIEWER_MAIL).get_content()
    reviewer.goto("/admin/")
    reviewer.locator("#translations-awaiting-review-section").locator(f'a[href="{review_path}"]').click()
    expect(reviewer.frame_locator("iframe[lang=en]").get_by_role("main")).to_contain_text(SUMMARY_EN_AGAIN)
    reviewer.get_by_role("button", name="批准并发布").click()
    expect(success_message(reviewer)).to_contain_text("已批准并发布")
    shots.take(reviewer, "published")
    assert str(next_mail(TRANSLATOR_MAIL)["Subject"]).strip().startswith("Published:")
    assert_report_and_dashboard_agree(translator, source_id, "Live and up to date")

    visitor = open_page(locale="en-GB")
    visitor.goto(f"/en/news/{slug}/")
    expect(heading(visitor)).to_have_text(TITLE_EN)
    expect(visitor.get_by_role("main")).to_contain_text(SUMMARY_EN_AGAIN)
