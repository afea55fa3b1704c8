"""axe-core on every page type, in both languages and on both viewports: no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import blocking_violations, describe

# One representative URL per page type; {lang} is zh-hans or en (slugs are shared by both trees).
PAGE_TYPES = {
    "home": "/{lang}/",
    "section-listing": "/{lang}/notices/",
    "article": "/{lang}/news/service-outsourcing-jan-apr-2024/",
    "event": "/{lang}/association-news/demo-event/",
    "member-directory": "/{lang}/members/",
    "join": "/{lang}/join/",
    "contact": "/{lang}/contact/",
    "search-results": "/{lang}/search/?q={query}",
    "standard-page": "/{lang}/about/",
}
SEARCH_QUERY = {"zh-hans": "外包", "en": "outsourcing"}
LANGUAGES = ["zh-hans", "en"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_no_serious_accessibility_violations(open_page, page_type, lang):
    page = open_page(locale="zh-CN" if lang == "zh-hans" else "en-GB")
    response = page.goto(PAGE_TYPES[page_type].format(lang=lang, query=SEARCH_QUERY[lang]))
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", lang)
    violations = blocking_violations(page)
    assert not violations, describe(violations)


# Error states: a form sent back with its messages (the page a visitor needing help is most likely to see).
FORMS = {"event": ("/{lang}/association-news/demo-event/", "#register form"), "join": ("/{lang}/join/", "#apply form")}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("form_page", sorted(FORMS))
def test_form_errors_are_accessible(open_page, form_page, lang):
    url, form_selector = FORMS[form_page]
    page = open_page(locale="zh-CN" if lang == "zh-hans" else "en-GB")
    page.goto(url.format(lang=lang))
    # The forms are `novalidate`: an empty submission reaches the server, which answers with messages.
    page.locator(form_selector).locator('button[type="submit"]').click()
    expect(page.locator(f"{form_selector} .form-error").first).to_be_visible()
    violations = blocking_violations(page)
    assert not violations, describe(violations)
