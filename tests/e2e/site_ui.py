"""What every journey does with the site's chrome: the (phone) menu, the header search, the language switch."""

from playwright.sync_api import Page, expect


def open_menu(page: Page) -> None:
    """Phones (≤ 720 px) hide the main menu behind the 菜单 / Menu button; desktops show it."""
    toggle = page.locator(".nav-toggle")
    if toggle.is_visible():
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav")).to_be_visible()


def follow_main_nav(page: Page, title: str) -> None:
    """Click a top-level entry of the main menu (not one of the dropdowns' children)."""
    open_menu(page)
    page.locator("#main-nav .main-nav__item > a").filter(has_text=title).first.click()


def search_from_header(page: Page, query: str) -> None:
    box = page.locator("#header-search")
    box.fill(query)
    box.press("Enter")


def switch_language(page: Page, label: str) -> None:
    page.locator(".lang-switch").get_by_role("link", name=label, exact=True).click()


def listing_title(link) -> str:
    """A listing link reads '<tag>Title'; the page's heading is the title alone."""
    tag = link.locator(".tag")
    text = link.inner_text().strip()
    return text.removeprefix(tag.inner_text()).strip() if tag.count() else text


def heading(page: Page):
    return page.get_by_role("heading", level=1)
