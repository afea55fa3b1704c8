"""The original site's content is there, in order, in both languages, fully translated."""

import json
import re
from html import unescape
from pathlib import Path

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from news.models import ArticlePage, Category, EventPage

pytestmark = pytest.mark.django_db

SEED = json.loads((Path(__file__).resolve().parent.parent.parent / "shared/seed/seed-items.json").read_text())
# The seed's tags as our listing shows them (the first category's tag label).
LISTING_ROW = re.compile(
    r'<span class="tag">(?P<tag>[^<]+)</span>(?P<title>[^<]+)</a>.*?'
    r'<span class="date-badge__day">(?P<day>[^<]+)</span><span class="date-badge__year">(?P<year>[^<]+)</span>',
    re.S,
)


def listing_rows(html: str) -> list[dict]:
    main = html.split('<div class="layout__main">', 1)[1].split('<aside class="sidebar"', 1)[0]
    return [m.groupdict() for m in LISTING_ROW.finditer(main)]


def letters_only(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def normalise(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


FULL_WIDTH_TO_ASCII = str.maketrans("，：；！？（）", ",:;!?()")
SPACE_BY_CHINESE = re.compile(r" (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) ")


def same_text(text: str) -> str:
    """The seed's words modulo typography: our Chinese has full-width punctuation and no stray spaces."""
    return SPACE_BY_CHINESE.sub("", normalise(text).translate(FULL_WIDTH_TO_ASCII))


def zh_article(seed_title: str) -> ArticlePage:
    matches = [
        page
        for page in ArticlePage.objects.filter(locale__language_code="zh-hans")
        if same_text(page.title) == same_text(seed_title)
    ]
    assert len(matches) == 1, seed_title
    return matches[0]


def test_news_listing_matches_the_seed_in_order(client):
    rows = listing_rows(client.get("/zh-hans/news/").content.decode())
    expected = [
        {
            "tag": item["tag"],
            "title": same_text(item["title"]),
            "day": item["date"][5:],
            "year": item["date"][:4],
        }
        for item in SEED["news_items"]
    ]
    assert [{**row, "title": same_text(row["title"])} for row in rows] == expected


def test_english_news_listing_has_the_same_items_in_english(client):
    rows = listing_rows(client.get("/en/news/").content.decode())
    assert [(r["day"], r["year"]) for r in rows] == [(i["date"][5:], i["date"][:4]) for i in SEED["news_items"]]
    assert rows[0]["tag"] == "Insight"
    assert rows[0]["title"].startswith("Head of MOFCOM")


@pytest.mark.parametrize("index", range(10))
def test_each_seed_item_has_its_full_body_and_source(client, index):
    item = SEED["news_items"][index]
    page = zh_article(item["title"])
    html = client.get(page.url).content.decode()
    text = unescape(re.sub(r"<[^>]+>", "", html))
    if item["text"]:
        # Every 40-character stretch of the seed's text is on the page; paragraphs and headings were
        # restored around it, so spacing and punctuation are left out of the comparison.
        on_page = letters_only(text)
        seed_text = letters_only(item["text"])
        for start in range(0, len(seed_text) - 40, 200):
            assert seed_text[start : start + 40] in on_page, (index, start)
    else:
        assert "详情请联系协会秘书处" in text
    if item["source"]:
        assert f"来源: {item['source']}" in normalise(text)


def test_recommended_sidebar_lists_the_five_notices(client):
    html = client.get("/zh-hans/news/").content.decode()
    sidebar = html.split('<aside class="sidebar"', 1)[1]
    for item in SEED["recommended_动态推荐"]:
        assert same_text(item["title"]) in same_text(sidebar)
    year, month, day = SEED["recommended_动态推荐"][0]["date"].split("-")
    assert f"{year}年{int(month)}月{int(day)}日" in sidebar


def test_every_page_has_a_live_english_translation():
    en = Locale.objects.get(language_code="en")
    for page in Page.objects.filter(locale__language_code="zh-hans", depth__gt=1):
        translation = page.get_translation_or_none(en)
        assert translation is not None and translation.live, page


def test_every_translation_is_complete_in_the_editor():
    sources = TranslationSource.objects.all()
    zh_pages = Page.objects.filter(locale__language_code="zh-hans", depth__gt=1).count()
    assert sources.count() == zh_pages + Category.objects.filter(locale__language_code="zh-hans").count()
    for translation in Translation.objects.filter(source__in=sources):
        total, done = translation.get_progress()
        assert total == done, (translation.source.object_repr, total, done)


def test_resyncing_a_translation_reproduces_the_english_page():
    source_page = ArticlePage.objects.get(locale__language_code="zh-hans", slug="ip-trade-competitiveness")
    en_page = source_page.get_translation(Locale.objects.get(language_code="en"))
    before = (en_page.title, en_page.summary, str(en_page.specific.body))
    source = TranslationSource.objects.get_for_instance(source_page)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    translation.save_target(publish=True)
    en_page.refresh_from_db()
    assert (en_page.title, en_page.summary, str(en_page.specific.body)) == before
    assert "intellectual property" in str(en_page.specific.body).lower()


def test_slugs_are_ascii_and_shared_by_both_trees():
    for page in Page.objects.filter(depth__gt=2):
        assert page.slug.isascii(), page.slug
    zh = set(Page.objects.filter(locale__language_code="zh-hans", depth__gt=2).values_list("slug", flat=True))
    en = set(Page.objects.filter(locale__language_code="en", depth__gt=2).values_list("slug", flat=True))
    assert zh == en


def test_seed_events_are_event_pages_with_their_facts():
    talent_fair = EventPage.objects.get(locale__language_code="zh-hans", slug="chengdu-foreign-talent-fair-2024")
    assert talent_fair.venue == "安得天馨酒店"
    assert talent_fair.start.isoformat().startswith("2024-05-25T01:00")  # 09:00 in Chengdu, in UTC
    tencent = EventPage.objects.get(locale__language_code="en", slug="tencent-cloud-innovation-express-chengdu")
    assert tencent.event_format == "hybrid"
    assert "Europe Centre" in tencent.venue


ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "news/seed_content"
# Each app ships the pages it owns.
PAGE_FILES = [
    path for app in ("home", "news", "membership") for path in (ROOT / app / "seed_content/pages").glob("*.json")
]


def seed_json(kind: str, key: str) -> dict:
    return json.loads((CONTENT_DIR / kind / f"{key}.json").read_text(encoding="utf-8"))


def test_items_without_a_seed_text_have_no_teaser():
    """The seed lists a teaser-like text under each item; where it has none, we invent none."""
    by_title = {
        same_text(seed_json("articles", path.stem)["title"]["zh"]): path.stem
        for path in (CONTENT_DIR / "articles").glob("*.json")
    }
    for item in SEED["news_items"] + SEED["recommended_动态推荐"]:
        data = seed_json("articles", by_title[same_text(item["title"])])
        if not item["text"]:
            assert data["summary"] == {"zh": "", "en": ""}, data["slug"]
        else:
            assert data["summary"]["zh"] and data["summary"]["en"], data["slug"]


@pytest.mark.parametrize(
    "claim",
    ["仅提供中文", "中文或英文来信", "页脚", "Chinese only", "write in Chinese or English", "in the footer"],
)
def test_pages_make_no_claims_the_seed_does_not_support(claim):
    assert len(PAGE_FILES) > 10
    for path in PAGE_FILES:
        assert claim not in path.read_text(encoding="utf-8"), (path.name, claim)
