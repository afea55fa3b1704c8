"""A Chinese reader: home → 通知公告 → an article → search 外包 → the same page in English."""

import re

from playwright.sync_api import expect

from tests.e2e.site_ui import follow_main_nav, heading, listing_title, search_from_header, switch_language


def test_chinese_reader(open_page, shots):
    page = open_page(locale="zh-CN")

    page.goto("/zh-hans/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_title(re.compile("成都服务贸易协会"))
    shots.take(page, "home")

    follow_main_nav(page, "通知公告")
    expect(page).to_have_url(re.compile(r"/zh-hans/notices/$"))
    expect(heading(page)).to_have_text("通知公告")
    items = page.locator("main .listing .listing-item__title a")
    expect(items.first).to_be_visible()
    shots.take(page, "notices listing")

    first = items.first
    title = listing_title(first)
    first.click()
    expect(heading(page)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/zh-hans/notices/[a-z0-9-]+/$"))
    shots.take(page, "notice article")

    search_from_header(page, "外包")
    expect(page).to_have_url(re.compile(r"/zh-hans/search/\?q="))
    hit = page.locator("main .search-results a").filter(has_text="服务外包").first
    expect(hit).to_be_visible()
    shots.take(page, "search results")

    hit.click()
    expect(heading(page)).to_contain_text("服务外包")
    chinese_url = page.url
    shots.take(page, "outsourcing article")

    switch_language(page, "EN")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/news/[a-z0-9-]+/$"))
    # The same page, not the English home: its Chinese alternate is the page we came from.
    expect(page.locator('link[rel="alternate"][hreflang="zh-hans"]')).to_have_attribute("href", chinese_url)
    expect(heading(page)).to_contain_text(re.compile("outsourcing", re.IGNORECASE))
    shots.take(page, "english article")
