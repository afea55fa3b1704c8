"""The original site's content is there, in order, in both languages, fully translated."""

import datetime
import json
import re
from html import unescape
from pathlib import Path

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from home.navigation.menus import SiteNavigation
from news.models import ArticlePage, Category, EventPage

pytestmark = pytest.mark.django_db

# The original site's items split into fields, as captured from it (kept in the repository: the tests need
# nothing beside it).
SEED = json.loads((Path(__file__).resolve().parent / "data" / "seed-items.json").read_text(encoding="utf-8"))
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
    # The same dates, written the British way in the badge: "22 May" over "2024".
    expected = [datetime.date.fromisoformat(i["date"]) for i in SEED["news_items"]]
    assert [(r["day"], r["year"]) for r in rows] == [(f"{d.day} {d:%b}", str(d.year)) for d in expected]
    assert rows[0]["tag"] == "Insight"
    assert rows[0]["title"].startswith("Head of MOFCOM")


# What the seed's event texts say that the page shows once, in its facts box and in its own format
# (“活动时间2024年5月25日 周六 09:00-16:00” is the box's Time row): left out of the body, so out of the
# comparison of the body with the seed's text.
SHOWN_IN_THE_FACTS_BOX = {
    "2024成都外籍人才招聘会聘外单位火热征集中": [
        "2024成都外籍人才招聘会招聘会详情",
        "活动时间2024年5月25日 周六 09:00-16:00 活动地点安得天馨酒店(成都市武侯区棕树南街9号)活动内容09:00-10:40 "
        "在蓉外籍人士政策推介会10:00-16: 00 外籍人才招聘会(9:00入场)报名方式Fiona陈老师:18180925192(微信同号) "
        "Clara潘老师:18008002092 (微信同号) Maxie蒋老师:  18180596516(微信同号)(5月15日前报名企业,享受展位免费)",
    ],
    "2024 年日本东京生物及制药展览会": [
        "展会时间2024年6月26-28日展会地点Tokyo Big Sight",
        "*该展会已列入“2024 年川行天下”活动计划,对符合条件的参展企业将按照省市相关规定给予支持,"
        "详细费用请咨询联系人。联系人:饶老师 13088001104",
    ],
    "抓住新机遇,探索全球游戏娱乐市场腾讯云企业创新直通车成都站活动报名": [
        "组织架构指导单位:成都高新区数字经济局承办单位:成都市动漫网络文化行业协会、CBI 传媒支持单位:腾讯云",
        "活动实施(一)时间地点活动时间:2024 年 5 月 28 日(星期二) 下午 14:00-17:00活动地点:成都高新区欧洲中心"
        "(二)形式规模活动形式:线上线下相结合的形式。活动规模:线下 50+人,线上 200 人(三)核心受众成都高新区游戏企业 "
        "参考日程报名通道",
    ],
}
# The article's closing “来源：…” line is the page's source line, shown once after the body.
SOURCE_LINE = re.compile(r"来源:[^:]*$")
# What our page adds to the seed's words: the note where a table or figure is not reproduced.
ADDED_NOTES = ("图表从略",)


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
        for note in ADDED_NOTES:
            on_page = on_page.replace(note, "")
        seed_text = normalise(SOURCE_LINE.sub("", item["text"]) if item["source"] else item["text"])
        for moved in map(normalise, SHOWN_IN_THE_FACTS_BOX.get(normalise(item["title"]), [])):
            assert moved in seed_text, moved
            seed_text = seed_text.replace(moved, "")
        seed_text = letters_only(seed_text)
        for start in range(0, len(seed_text) - 40, 200):
            assert seed_text[start : start + 40] in on_page, (index, start)
    else:
        assert "详情请联系协会秘书处" in text
    if item["source"]:
        assert normalise(text).count(f"来源：{item['source']}") == 1


def test_recommended_sidebar_lists_the_five_notices(client):
    html = client.get("/zh-hans/news/").content.decode()
    sidebar = html.split('<aside class="sidebar"', 1)[1]
    for item in SEED["recommended_动态推荐"]:
        assert same_text(item["title"]) in same_text(sidebar)
    year, month, day = SEED["recommended_动态推荐"][0]["date"].split("-")
    assert f"{year}年{int(month)}月{int(day)}日" in sidebar


def test_every_page_has_an_english_translation_in_the_same_state():
    """Live pages have a live translation; pages waiting for content are drafts in both languages."""
    en = Locale.objects.get(language_code="en")
    for page in Page.objects.filter(locale__language_code="zh-hans", depth__gt=1):
        translation = page.get_translation_or_none(en)
        assert translation is not None and translation.live == page.live, page
    drafts = set(Page.objects.filter(depth__gt=2, live=False).values_list("slug", "locale__language_code"))
    placeholders = {"charter", "party-building", "member-benefits"}
    assert drafts == {(slug, language) for slug in placeholders for language in ("zh-hans", "en")}


def test_every_translation_is_complete_in_the_editor():
    sources = TranslationSource.objects.all()
    zh_pages = Page.objects.filter(locale__language_code="zh-hans", depth__gt=1).count()
    categories = Category.objects.filter(locale__language_code="zh-hans").count()
    menus = SiteNavigation.objects.filter(locale__language_code="zh-hans").count()
    assert sources.count() == zh_pages + categories + menus
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
