"""Steps in Wagtail's admin (7.4) and wagtail-localize's translation editor, by role and visible label.

The editor's browser asks for English, so the admin speaks English here whatever the site's content
language; labels below are Wagtail's own English strings.
"""

import re

from playwright.sync_api import Page, expect

from tests.e2e.server import EDITOR_PASSWORD, EDITOR_USERNAME


def log_in(page: Page) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def explore_children(page: Page, title: str) -> None:
    page.get_by_role("link", name=f"Explore child pages of '{title}'", exact=True).click()


def success_message(page: Page):
    return page.locator(".messages .success")


def publish(page: Page) -> None:
    """Publish sits in the footer's 'More actions' dropdown; 'Save draft' is the default button."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


def open_page_actions(page: Page) -> None:
    """The header's '…' menu of the page editor (Translate, Move, Delete…)."""
    page.get_by_role("button", name="Actions", exact=True).click()


def translate_segment(page: Page, field_label: str, text: str) -> None:
    """In the translation editor, one field's segment: Translate → type → Save."""
    content = page.get_by_role("tabpanel", name="Content")
    field = content.locator("li").filter(has=page.get_by_role("heading", name=field_label, exact=True))
    field.get_by_role("button", name="Translate").click()
    field.get_by_role("textbox").fill(text)
    field.get_by_role("button", name="Save").click()
    # Saved: the segment shows the translation with an Edit button instead of the text box.
    expect(field.get_by_role("button", name="Edit")).to_be_visible()
    expect(field).to_contain_text(text)
