"""
The first screen of a 360 × 780 phone, on every article and event in both languages: a compact header (≤ 120 px)
with the search box and the language switch reachable at once, the date and the beginning of the text in view;
no control's label broken over two lines (the search button included), on those pages, the search page and 404.
"""

import re
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.e2e.browser import PHONE_USER_AGENT

SCREEN = {"width": 360, "height": 780}
HEADER_LIMIT = 120
# Articles and events are pages under a section: /<language>/<section>/<slug>/.
ITEM_PATH = re.compile(r"^/(zh-hans|en)/(news|notices|association-news)/[a-z0-9-]+/$")
OTHER_PAGES = ["/zh-hans/", "/en/", "/zh-hans/search/?q=外包", "/en/search/?q=trade", "/zh-hans/no-such-page/"]

# Where each thing is, measured in the page (CSS pixels from the top of the document, before any scrolling).
MEASURE = """
() => {
    const top = (element) => element ? element.getBoundingClientRect().top + window.scrollY : null;
    const bottom = (element) => element ? element.getBoundingClientRect().bottom + window.scrollY : null;
    // The body's first paragraph; an item the seed gives no text (the sales salon) starts with its summary, its
    // contact note, or (an event) the registration section that says whom to ask.
    const firstText = document.querySelector(
        "main .rich-body p, main .rich-body li, main .article > .lead, main .article__contact-note, "
        + "main .registration p"
    );
    const lines = (element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        return tops.size;
    };
    const controls = [...document.querySelectorAll(
        "button, .button, .lang-switch a, .lang-switch span, .topbar__shortcut, .pagination a, .filters a"
    )].filter(element => element.offsetParent !== null && element.textContent.trim());
    return {
        header: document.querySelector(".site-header").getBoundingClientRect().height,
        search: bottom(document.querySelector("#header-search")),
        language: bottom(document.querySelector(".lang-switch a")),
        date: bottom(document.querySelector("main .article__meta time")),
        text: firstText ? top(firstText) + parseFloat(getComputedStyle(firstText).lineHeight || "24") : null,
        wrapped: controls.filter(element => lines(element) > 1).map(element => element.textContent.trim()),
        fonts: getComputedStyle(document.body).fontFamily,
        controlFont: getComputedStyle(document.querySelector("#header-search")).fontFamily,
        toggleFont: getComputedStyle(document.querySelector(".nav-toggle")).fontFamily,
    };
}
"""


def item_urls(base_url: str) -> list[str]:
    """Every article and event of both languages, from the sitemap (what a crawler finds)."""
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=10) as response:  # noqa: S310 - our server
        index = response.read().decode()
    urls = []
    for location in re.findall(r"<loc>([^<]+)</loc>", index):
        with urllib.request.urlopen(base_url + urlsplit(location).path, timeout=10) as response:  # noqa: S310
            urls += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", response.read().decode())]
    return sorted({url for url in urls if ITEM_PATH.match(url)})


@pytest.fixture
def phone(browser, site):
    context = browser.new_context(
        base_url=site.base_url,
        viewport=SCREEN,
        user_agent=PHONE_USER_AGENT,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=1,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_every_article_and_event_shows_its_date_and_text_in_the_first_screen(phone, site):
    urls = item_urls(site.base_url)
    assert any(url.startswith("/en/") for url in urls) and any(url.startswith("/zh-hans/") for url in urls)
    problems = {}
    for url in urls:
        phone.goto(url)
        found = phone.evaluate(MEASURE)
        issues = []
        if found["header"] > HEADER_LIMIT:
            issues.append(f"header {found['header']:.0f} px")
        if found["search"] is None or found["search"] > HEADER_LIMIT or found["language"] > HEADER_LIMIT:
            issues.append("search box or language switch not in the header's first rows")
        if found["date"] is None or found["date"] > SCREEN["height"]:
            issues.append(f"date at {found['date']}")
        if found["text"] is None or found["text"] > SCREEN["height"]:
            issues.append(f"first text line ends at {found['text']}")
        if found["wrapped"]:
            issues.append(f"wrapped labels {found['wrapped']}")
        if issues:
            problems[url] = issues
    assert problems == {}, problems


def test_no_control_label_wraps_and_every_control_uses_the_site_font(phone):
    for url in OTHER_PAGES:
        phone.goto(url)
        found = phone.evaluate(MEASURE)
        assert found["header"] <= HEADER_LIMIT, (url, found["header"])
        assert found["wrapped"] == [], (url, found["wrapped"])
        assert found["controlFont"] == found["fonts"] == found["toggleFont"], url
        families = [family.strip().strip('"').lower() for family in found["fonts"].split(",")]
        if url.startswith("/en/"):
            # English: a Latin system font before any Chinese one.
            assert families.index("system-ui") < families.index("pingfang sc"), families
        else:
            assert families.index("pingfang sc") < families.index("system-ui"), families
