"""
What a reader meets on the page, in either language: typography of the chrome, one numbering in tables of contents,
a font stack per language, share texts cut at a word, dates, linked contacts, the touch icon, the sitemap's dates,
filtered listings' alternates, and the contact page for a foreign visitor.
"""

import datetime
import re
from html import unescape
from pathlib import Path

from django.utils import timezone

from wagtail.models import Page

import polib
import pytest

from home.teasers import share_description
from news.models import ArticlePage
from tests.factories import make_event
from tests.html import link_tags, main_of, read_page
from tests.test_typography import ASCII_NEXT_TO_CJK, BIBLIOGRAPHY_HEADING

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
LONG_ARTICLE = "/{lang}/news/digital-services-trade-development-paths/"
CHINESE_PAGES = [
    "/zh-hans/",
    "/zh-hans/news/",
    "/zh-hans/news/?when=past",
    "/zh-hans/notices/",
    "/zh-hans/news/chengdu-foreign-talent-fair-2024/",
    "/zh-hans/news/tencent-cloud-innovation-express-chengdu/",
    "/zh-hans/news/sales-salon-2024/",
    "/zh-hans/news/in-pharma-japan-2024/",
    "/zh-hans/news/digital-services-trade-development-paths/",
    "/zh-hans/contact/",
    "/zh-hans/about/",
    "/zh-hans/join/",
    "/zh-hans/search/?q=外包",
    "/zh-hans/nothing-here/",
]
LATIN_FONTS = {"system-ui", "-apple-system", "blinkmacsystemfont", "segoe ui", "roboto", "helvetica neue", "arial"}
CJK_FONTS = {"pingfang sc", "hiragino sans gb", "microsoft yahei", "noto sans cjk sc", "wenquanyi micro hei"}


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


# -- Chinese typography of the chrome ------------------------------------------------------------
def test_the_chinese_catalogue_uses_full_width_brackets_next_to_chinese():
    catalogue = polib.pofile(str(ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    offenders = [entry.msgstr for entry in catalogue if entry.msgstr and ASCII_NEXT_TO_CJK.search(entry.msgstr)]
    assert offenders == []


@pytest.mark.parametrize("url", CHINESE_PAGES)
def test_rendered_chinese_pages_have_no_ascii_brackets_next_to_chinese(client, url):
    html = client.get(url).content.decode()
    # The long article's reference list keeps the GB/T 7714 separators (tests/test_typography.py).
    html = html.split(f">{BIBLIOGRAPHY_HEADING}<", 1)[0]
    text = " ".join(text_of(html).split())
    assert [
        match.group(0) for match in ASCII_NEXT_TO_CJK.finditer(text) if "(" in match.group(0) or ")" in match.group(0)
    ] == []


def test_the_event_times_say_beijing_time_with_full_width_brackets(client):
    html = client.get("/zh-hans/news/chengdu-foreign-talent-fair-2024/").content.decode()
    assert "（北京时间）" in html and "(北京时间)" not in html
    assert "（微信同号）" in html and "(微信同号)" not in html
    assert "(Beijing time)" in client.get("/en/news/chengdu-foreign-talent-fair-2024/").content.decode()


# -- tables of contents ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_tables_of_contents_number_once(client, lang):
    html = client.get(LONG_ARTICLE.format(lang=lang)).content.decode()
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    # The list adds no numbers of its own (no <ol>, no list markers): the headings carry theirs.
    assert "<ol" not in toc and '<ul class="toc__list">' in toc
    assert re.search(r"\.toc__list, \.toc__list ul \{ list-style: none;", CSS)
    entries = [text_of(item).strip() for item in re.findall(r"<a href=\"#h-[^\"]+\">(.*?)</a>", toc)]
    numbered = [entry for entry in entries if re.match(r"^(?:[一二三四五六七八九十]+、|\d+\.|[IVX]+\.)", entry)]
    assert numbered, "the headings carry their own numbering"
    # The table stands after the opening text (the abstract), before the body's first numbered heading.
    body = html.split('<div class="rich-body">', 1)[1]
    assert body.index('<nav class="toc"') < body.index(entries[2] if lang == "en" else "一、新发展格局")


def test_every_table_of_contents_on_the_site_numbers_once(client):
    for article in ArticlePage.objects.live():
        html = client.get(article.url).content.decode()
        if '<nav class="toc"' in html:
            assert "<ol" not in html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0], article.url


# -- fonts and controls -------------------------------------------------------------------------
def font_stack(rule_selector: str) -> list[str]:
    """The font families of a rule of site.css, its custom properties resolved, lower-cased."""
    variables = dict(re.findall(r"(--font-[a-z]+):\s*([^;]+);", CSS))
    declaration = re.search(re.escape(rule_selector) + r"\s*\{[^}]*?font-family:\s*([^;]+);", CSS).group(1)
    for name, value in variables.items():
        declaration = declaration.replace(f"var({name})", value)
    return [family.strip().strip('"').lower() for family in declaration.split(",")]


def first_index(stack: list[str], fonts: set[str]) -> int:
    return min(index for index, family in enumerate(stack) if family in fonts)


def test_english_pages_list_latin_fonts_first_and_chinese_pages_cjk_fonts_first(client):
    english = font_stack(":lang(en)")
    assert english[0] == "system-ui" and "roboto" in english and "segoe ui" in english
    assert first_index(english, LATIN_FONTS) < first_index(english, CJK_FONTS)
    chinese = font_stack(":lang(zh)")
    assert first_index(chinese, CJK_FONTS) < first_index(chinese, LATIN_FONTS)
    # Each page names its language, which the stack follows.
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_controls_use_the_site_font_and_labels_never_wrap():
    assert re.search(r"button, input, select, textarea \{ font: inherit; \}", CSS)
    css = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    nowrap = re.search(r"([^{}]+)\{ white-space: nowrap; \}", css).group(1)
    for selector in (".phone", "time", ".button", "button", ".date-badge"):
        assert selector in [part.strip() for part in nowrap.split(",")], selector


# -- share texts and titles ------------------------------------------------------------------------
def test_share_descriptions_end_at_a_word_or_a_character_with_an_ellipsis():
    cut = 0
    for page in Page.objects.live().specific():
        full = " ".join(
            str(
                page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "") or page.title
            ).split()
        )
        description = share_description(page)
        if description == full:
            continue
        cut += 1
        assert description.endswith("…"), page
        head = description[:-1]
        assert full.startswith(head), page
        if page.locale.language_code == "en":
            assert not (head[-1].isalnum() and full[len(head)].isalnum()), (page, description)
    assert cut, "some of the seed's teasers are longer than a card shows"


def test_english_og_description_is_the_share_description_never_cut_mid_word(client):
    for url in ("/en/", "/en/news/", "/en/news/service-outsourcing-jan-apr-2024/", "/en/about/overview/"):
        html = client.get(url).content.decode()
        tags = {
            attrs.get("property") or attrs.get("name"): attrs.get("content")
            for _tag, attrs in read_page(html).tags
            if _tag == "meta"
        }
        assert tags["og:description"] == tags["description"]
        words = tags["og:description"].rstrip("…").split()
        assert words and words[-1].isascii()


def test_the_home_page_is_titled_once_with_the_association_name(client):
    for url, name in (("/zh-hans/", "成都服务贸易协会"), ("/en/", "Chengdu Association of Trade in Services")):
        html = client.get(url).content.decode()
        assert re.search(r"<title>([^<]+)</title>", html).group(1) == name
        assert f'<meta property="og:title" content="{name}">' in html
    article = client.get("/en/news/service-outsourcing-jan-apr-2024/").content.decode()
    assert re.search(r"<title>[^<]+ \| Chengdu Association of Trade in Services</title>", article)


# -- events, icons, sitemap, alternates -------------------------------------------------------------------
def test_an_ended_event_offers_no_calendar_file_an_upcoming_one_does(client):
    ended = client.get("/en/news/chengdu-foreign-talent-fair-2024/").content.decode()
    assert ".ics" not in ended and "Add to calendar" not in ended
    upcoming = make_event(title="即将举行的活动")
    html = client.get(upcoming.url).content.decode()
    assert f"/events/{upcoming.pk}/calendar.ics" in html
    start = timezone.now() - datetime.timedelta(days=3)
    finished = make_event(title="刚结束的活动", start=start, end=start + datetime.timedelta(hours=2))
    assert "calendar.ics" not in client.get(finished.url).content.decode()


def test_the_touch_icon_is_a_png_at_the_root(client):
    for path in ("/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    html = client.get("/en/").content.decode()
    assert [tag["href"] for tag in link_tags(html, "apple-touch-icon")] == ["/apple-touch-icon.png"]


def test_sitemap_lastmod_is_the_articles_own_date(client):
    sitemap = client.get("/sitemap-pages-1.xml").content.decode()
    entry = sitemap.split("/zh-hans/news/service-outsourcing-jan-apr-2024/</loc>", 1)[1].split("</url>", 1)[0]
    assert "<lastmod>2024-05-22</lastmod>" in entry
    notice = sitemap.split("/en/notices/member-enterprise-selection-results/</loc>", 1)[1].split("</url>", 1)[0]
    assert "<lastmod>2024-01-09</lastmod>" in notice


def test_a_filtered_listing_points_its_alternates_at_the_filtered_listing(client):
    html = client.get("/en/news/?category=recruitment").content.decode()
    alternates = {tag["hreflang"]: tag["href"] for tag in link_tags(html, "alternate") if tag.get("hreflang")}
    assert alternates["zh-Hans"].endswith("/zh-hans/news/?category=recruitment")
    assert alternates["en"].endswith("/en/news/?category=recruitment")
    assert alternates["x-default"].endswith("/zh-hans/news/?category=recruitment")
    assert [tag["href"] for tag in link_tags(html, "canonical")][0].endswith("/en/news/?category=recruitment")
    past = client.get("/zh-hans/news/?when=past").content.decode()
    alternates = {tag["hreflang"]: tag["href"] for tag in link_tags(past, "alternate") if tag.get("hreflang")}
    assert alternates["en"].endswith("/en/news/?when=past")


# -- text ------------------------------------------------------------------------------------------
def test_search_excerpts_keep_blocks_apart(client):
    html = client.get("/en/search/?q=Invitations").content.decode()
    excerpts = " ".join(re.findall(r'<p class="listing-item__summary">(.*?)</p>', html))
    assert excerpts and "propertyEvent" not in text_of(excerpts)


def test_running_text_links_e_mail_phone_and_the_privacy_policy(client):
    about = main_of(client.get("/zh-hans/about/").content.decode())
    assert '<a href="mailto:support@cdats.org.cn">support@cdats.org.cn</a>' in about
    assert '<a class="phone" href="tel:+862886935965">028 8693 5965</a>' in about  # the national format
    english = main_of(client.get("/en/about/").content.decode())
    assert '<a class="phone" href="tel:+862886935965">+86 28 8693 5965</a>' in english
    join = main_of(client.get("/zh-hans/join/").content.decode())
    assert '本网站<a href="/zh-hans/privacy/">隐私政策</a>' in join
    terms = main_of(client.get("/en/terms/").content.decode())
    assert '<a href="/en/privacy/">Privacy Policy</a>' in terms
    # No link to the page a reader is on, and figures stay figures.
    assert 'href="/en/privacy/">Privacy Policy' not in main_of(client.get("/en/privacy/").content.decode())
    long_article = main_of(client.get(LONG_ARTICLE.format(lang="zh-hans")).content.decode())
    assert 'class="phone"' not in long_article


def test_sub_pages_are_listed_once_with_what_they_are_about(client):
    about = main_of(client.get("/en/about/").content.decode())
    assert about.count('href="/en/about/overview/"') == 1
    assert "Overview: " not in about  # the body's old plain-text list
    subpages = about.split('class="subpages"', 1)[1]
    assert "In this section" in subpages and "committed to providing public services" in subpages


def test_the_english_contact_page_serves_a_foreign_visitor(client):
    html = main_of(client.get("/en/contact/").content.decode())
    assert (
        "1F, International Talent Port, No. 403 Shenghua South Road, Chengdu Hi-tech Zone, Chengdu, Sichuan, China"
        in html
    )
    taxi = '<span class="zh-script" lang="zh-hans">成都市高新区盛华南路403号国际人才港一楼</span>'
    assert f"In Chinese, to show a taxi driver:</span> {taxi}" in html
    assert 'href="https://www.openstreetmap.org/search?query=' in html and "Map (OpenStreetMap)" in html
    assert '<a class="phone" href="tel:+862886935965">+86 28 8693 5965</a>' in html
    assert '<a href="mailto:support@cdats.org.cn">support@cdats.org.cn</a>' in html
    # Nothing the seed does not give: no opening hours, no postcode.
    for invented in ("opening hours", "Opening hours", "610041", "Postcode"):
        assert invented not in html
    chinese = main_of(client.get("/zh-hans/contact/").content.decode())
    assert "uri.amap.com" in chinese and "openstreetmap" not in chinese
