"""Steps in Wagtail's admin (7.4) and wagtail-localize's translation editor, by role and visible label.

The editor's browser asks for English, so the admin speaks English here whatever the site's content
language; labels below are Wagtail's own English strings.
"""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.server import EDITOR_PASSWORD, EDITOR_USERNAME


def log_in(page: Page, username: str = EDITOR_USERNAME, password: str = EDITOR_PASSWORD) -> None:
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def explore_children(page: Page, title: str) -> None:
    page.get_by_role("link", name=f"Explore child pages of '{title}'", exact=True).click()


def success_message(page: Page):
    return page.locator(".messages .success")


def wait_for_autosave(page: Page) -> None:
    """
    Wagtail 7.4 autosaves the editor while it is filled. A save clicked while an autosave of an earlier state is
    still on the server may be overtaken by it (seen once in ~10 runs on a loaded machine: the saved revision
    lacked the document chosen last): let the editor's requests finish first, as an editor's pause would.
    """
    page.wait_for_load_state("networkidle")


def publish(page: Page) -> None:
    """Publish sits in the footer's 'More actions' dropdown; 'Save draft' is the default button."""
    wait_for_autosave(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


def open_page_actions(page: Page) -> None:
    """The header's '…' menu of the page editor (Translate, Move, Delete…)."""
    # The header's own: blocks with a chosen image or document have an "Actions" button too.
    page.get_by_role("navigation", name="Actions", exact=True).get_by_role("button", name="Actions").click()


def page_id(page: Page) -> int:
    """The id of the page whose editor is open (/admin/pages/<id>/edit/)."""
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    return int(re.search(r"/admin/pages/(\d+)/edit/", page.url).group(1))


def add_block(page: Page, label: str) -> Locator:
    """A new block of the StreamField at the end of the body, from the '+' block picker."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    return page.locator("[data-streamfield-child]").last


def fill_table_cell(block: Locator, row: int, column: int, text: str) -> None:
    """A cell of a table block (Handsontable): double-click opens its editor, Enter keeps the text."""
    cell = block.locator(".ht_master table.htCore tbody tr").nth(row).locator("td").nth(column)
    cell.dblclick()
    editor = block.locator("textarea.handsontableInput")
    expect(editor).to_be_visible()
    editor.fill(text)
    editor.press("Enter")
    expect(cell).to_have_text(text)


def upload_in_chooser(page: Page, block: Locator, button: str, title: str, name: str, content: bytes) -> None:
    """'Choose an image' / 'Choose a document' → the chooser's Upload tab → the block shows the new file."""
    block.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    upload = dialog.locator("form").filter(has=page.get_by_role("button", name="Upload"))
    upload.get_by_label("Title").fill(title)
    upload.get_by_label("File").set_input_files(
        files=[{"name": Path(name).name, "mimeType": _MIME_TYPES[Path(name).suffix], "buffer": content}]
    )
    upload.get_by_role("button", name="Upload").click()
    expect(dialog).to_be_hidden()
    expect(block).to_contain_text(title)


_MIME_TYPES = {".png": "image/png", ".pdf": "application/pdf"}


def status_row(page: Page, source_page_id: int, language: str = "English") -> Locator:
    """The row of the translation status report for one source page in one language."""
    return (
        page.locator("table.listing tbody tr")
        .filter(has=page.locator(f'a[href="/admin/pages/{source_page_id}/edit/"]'))
        .filter(has=page.get_by_role("cell", name=language, exact=True))
    )


def segment(page: Page, field_label: str, source: str | None = None) -> Locator:
    """A segment of the translation editor, by its field's heading (and its source text when a field has several)."""
    content = page.get_by_role("tabpanel", name="Content")
    field = content.locator("li").filter(has=page.get_by_role("heading", name=field_label, exact=True))
    if source is None:
        return field
    # A block's segments (a table's caption and cells) are items of a list under the block's heading.
    return field.locator(":scope > ul > li").filter(has=page.get_by_text(source, exact=True))


def translate_segment(page: Page, field_label: str, text: str, source: str | None = None) -> None:
    """In the translation editor, one field's segment: Translate (or Edit, once translated) → type → Save."""
    field = segment(page, field_label, source)
    field.get_by_role("button", name=re.compile(r"^(Translate|Edit)$")).click()
    field.get_by_role("textbox").fill(text)
    field.get_by_role("button", name="Save").click()
    # Saved: the segment shows the translation with an Edit button instead of the text box.
    expect(field.get_by_role("button", name="Edit")).to_be_visible()
    expect(field).to_contain_text(text)
