"""What a reader meets (issue 11): phones that dial, facts stated once, nothing invented, readable articles."""

import re
from html import unescape
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.models import Site

import pytest
from PIL import Image

from home.models import HomePage, SiteSettings
from home.phones import parse_phone
from home.search.excerpts import highlight, quick_text, text_around_first_match
from home.teasers import teaser
from news.models import ArticlePage, EventPage

pytestmark = pytest.mark.django_db

TALENT_FAIR = "/{lang}/news/chengdu-foreign-talent-fair-2024/"
LONG_ARTICLE = "/{lang}/news/digital-services-trade-development-paths/"
SALES_SALON = "/{lang}/news/sales-salon-2024/"
READER_PAGES = [
    "/{lang}/",
    "/{lang}/news/",
    "/{lang}/notices/",
    TALENT_FAIR,
    LONG_ARTICLE,
    SALES_SALON,
    "/{lang}/news/tencent-cloud-innovation-express-chengdu/",
    "/{lang}/news/in-pharma-japan-2024/",
    "/{lang}/contact/",
    "/{lang}/privacy/",
    "/{lang}/join/",
    "/{lang}/members/",
]


def get(client, path: str, lang: str = "zh-hans") -> str:
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200, path
    return response.content.decode()


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def png_image(title: str):
    """A 2×2 PNG in the image library (Wagtail reads its size on save)."""
    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=SimpleUploadedFile(f"{title}.png", buffer.getvalue(), content_type="image/png")
    )


# -- phones -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "e164", "chinese", "english"),
    [
        ("+86 028-8693-5965", "+862886935965", "028 8693 5965", "+86 28 8693 5965"),
        ("028-86935965", "+862886935965", "028 8693 5965", "+86 28 8693 5965"),
        ("18180925192", "+8618180925192", "181 8092 5192", "+86 181 8092 5192"),
        ("+86 181 8092 5192", "+8618180925192", "181 8092 5192", "+86 181 8092 5192"),
        ("0086 181 8092 5192", "+8618180925192", "181 8092 5192", "+86 181 8092 5192"),
        ("010 1234 5678", "+861012345678", "010 1234 5678", "+86 10 1234 5678"),
        ("0838-1234567", "+868381234567", "0838 123 4567", "+86 838 123 4567"),
        ("400 812 3123", "+864008123123", "400 812 3123", "+86 400 812 3123"),
        ("+49 30 1234567", "+49301234567", "+49 30 1234567", "+49 30 1234567"),
        ("8693 5965", "", "8693 5965", "8693 5965"),  # no area code: shown as typed, never linked
    ],
)
def test_phone_numbers_in_e164_and_the_readers_convention(typed, e164, chinese, english):
    phone = parse_phone(typed)
    assert (phone.e164, phone.display("zh-hans"), phone.display("en")) == (e164, chinese, english)
    assert phone.href == (f"tel:{e164}" if e164 else "")


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_tel_link_dials_from_abroad(client, lang):
    links = set()
    for path in READER_PAGES:
        links.update(re.findall(r'href="(tel:[^"]*)"', get(client, path, lang)))
    assert links >= {"tel:+862886935965", "tel:+8618180925192", "tel:+8618008002092", "tel:+8618180596516"}
    assert all(re.fullmatch(r"tel:\+[1-9]\d{7,14}", link) for link in links), links


def test_the_site_setting_is_stored_in_e164_and_shown_per_language(client):
    assert site_settings().phone == "+862886935965"
    english = get(client, "/{lang}/contact/", "en")
    assert '<a class="phone" href="tel:+862886935965">+86 28 8693 5965</a>' in english
    assert "028" not in text_of(english)
    chinese = get(client, "/{lang}/contact/", "zh-hans")
    assert '<a class="phone" href="tel:+862886935965">028 8693 5965</a>' in chinese


def test_an_editor_types_the_phone_as_they_like_and_the_site_stores_e164():
    settings = site_settings()
    settings.phone = "028-8555-1234"
    settings.full_clean()
    settings.save()
    settings.refresh_from_db()
    assert settings.phone == "+862885551234"
    settings.phone = "12"
    with pytest.raises(ValidationError):
        settings.full_clean()


# -- teasers ------------------------------------------------------------------------------------
def test_english_teasers_end_at_a_word_and_chinese_ones_between_characters():
    english = "The 2024 Chengdu Foreign Talent Recruitment Fair is calling for participants from every industry."
    assert teaser(english, 60) == "The 2024 Chengdu Foreign Talent Recruitment Fair is calling…"
    assert teaser("短文本", 60) == "短文本"
    chinese = "2024成都外籍人才招聘会火热征集中，聚集世界各行业精英，汇聚外籍“蓉漂”人才力量"
    cut = teaser(chinese, 40)
    assert cut == "2024成都外籍人才招聘会火热征集中，聚集…"
    assert not cut[:-1].endswith("，")


def test_english_listing_teasers_never_end_mid_word(client):
    summaries = {
        " ".join(page.summary.split())
        for page in ArticlePage.objects.filter(locale__language_code="en").exclude(summary="")
    }
    teasers = [
        unescape(t) for t in re.findall(r'class="listing-item__summary">([^<]+)<', get(client, "/{lang}/news/", "en"))
    ]
    cut = [text for text in teasers if text.endswith("…")]
    assert cut, "the seed's long English teasers are cut in the listing"
    for text in cut:
        head = text[:-1]
        full = next(summary for summary in summaries if summary.startswith(head))
        assert not full[len(head)].isalnum(), (head, full[len(head) :][:20])


# -- event facts --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_talent_fair_lists_its_three_contacts_once(client, lang):
    main = main_of(get(client, TALENT_FAIR, lang))
    facts = main.split('<dl class="event-facts">', 1)[1].split("</dl>", 1)[0]
    numbers = ("181 8092 5192", "180 0800 2092", "181 8059 6516")  # in the reader's convention (home.phones)
    for number in numbers if lang == "zh-hans" else [f"+86 {number}" for number in numbers]:
        assert facts.count(number) == 1 and text_of(main).count(number) == 1
    # The body (the other facts and the agenda follow it).
    body = main.split('<div class="rich-body">', 1)[1].split('<section class="event-details"', 1)[0]
    for repeated in ("09:00", "棕树南街", "Zongshu", "18180925192", "15 May", "5月15日"):
        assert repeated not in body


def test_event_pages_state_each_fact_once(client):
    for event in EventPage.objects.live().filter(locale__language_code="zh-hans"):
        # After the article header (title, breadcrumbs): the facts box, the body, the registration section.
        main = text_of(main_of(get(client, event.url)).split("</header>", 1)[1])
        facts = [event.venue, event.address, event.scale_note, event.audience, event.notes]
        facts += [contact.phone for contact in event.contacts.all()]
        for fact in filter(None, facts):
            shown = parse_phone(fact).display("zh-hans") if fact.startswith("+") else " ".join(fact.split())
            if len(shown) < 6:
                continue  # a short fact (日本东京) also occurs in the prose (“2024年日本东京生物及制药展览会”)
            assert main.count(shown) == 1, (event.slug, fact)


def test_organisers_with_one_role_share_one_row(client):
    html = get(client, "/{lang}/news/tencent-cloud-innovation-express-chengdu/", "en")
    facts = html.split('<dl class="event-facts">', 1)[1].split("</dl>", 1)[0]
    assert facts.count("<dt>Organised by</dt>") == 1
    assert "Chengdu Animation and Online Culture Industry Association, CBI Media" in facts
    for empty_heading in ("参考日程", "报名通道", "Reference Agenda", "Registration Channel"):
        assert empty_heading not in main_of(get(client, "/{lang}/news/tencent-cloud-innovation-express-chengdu/"))


def test_english_event_pages_show_the_chinese_address_and_a_map_link(client):
    html = get(client, TALENT_FAIR, "en")
    assert '<span class="zh-script" lang="zh-hans">成都市武侯区棕树南街9号</span>' in html
    # A map a foreign visitor can use (OpenStreetMap, in the browser's language), searched with the Chinese address.
    assert 'href="https://www.openstreetmap.org/search?query=%E6%88%90%E9%83%BD' in html
    assert "uri.amap.com" not in main_of(html)
    assert 'href="https://uri.amap.com/search?keyword=%E6%88%90%E9%83%BD' in get(client, TALENT_FAIR)
    contact = get(client, "/{lang}/contact/", "en")
    assert 'lang="zh-hans">成都市高新区盛华南路403号国际人才港一楼</span>' in contact
    # Tokyo is not a mainland address: no map search for the exhibition in Japan.
    japan = main_of(get(client, "/{lang}/news/in-pharma-japan-2024/", "en"))
    assert "uri.amap.com" not in japan and "openstreetmap.org" not in japan


def test_the_sales_salon_is_to_be_announced_not_past(client):
    salon = EventPage.objects.get(locale__language_code="zh-hans", slug="sales-salon-2024")
    assert not salon.is_past
    html = get(client, SALES_SALON)
    assert "时间待定" in html and "活动已结束" not in html
    assert "学习华为销售" not in main_of(get(client, "/{lang}/news/?when=past"))
    assert "Learn from Huawei" not in main_of(get(client, "/{lang}/news/?when=past", "en"))
    # Nobody can plan for it either: not an upcoming event on the home page (which has none to show).
    assert 'id="home-upcoming"' not in get(client, "/{lang}/")


def test_the_epidemic_notice_keeps_the_seed_tag(client):
    html = get(client, "/{lang}/notices/")
    assert re.search(r'<span class="tag">通知公告</span>[^<]*疫情', html)


# -- the long article ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_the_long_article_has_three_heading_levels_and_a_table_of_contents(client, lang):
    main = main_of(get(client, LONG_ARTICLE, lang))
    assert re.search(r'<h2 class="body-heading body-heading--h2" id="h-\w+">(一、|I\. )', main)
    assert re.search(r'<h3 class="body-heading body-heading--h3" id="h-\w+">1\.', main)
    assert re.search(r'<h4 class="body-heading body-heading--h4" id="h-\w+">(（1）|\(1\))', main)
    toc = main.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#(h-\w+)"', toc)
    assert len(anchors) > 15
    assert all(f'id="{anchor}"' in main for anchor in anchors)


def test_the_long_article_notes_the_missing_figures_and_names_its_source_once(client):
    zh, en = text_of(main_of(get(client, LONG_ARTICLE))), text_of(main_of(get(client, LONG_ARTICLE, "en")))
    assert zh.count("（图表从略）") == 4 and en.count("(table or figure not reproduced)") == 4
    assert zh.count("当代经济研究") == 1 and "来源：《当代经济研究》2024年第3期" in zh
    assert en.count("Contemporary Economic Research") == 1


def test_short_articles_have_no_table_of_contents(client):
    assert '<nav class="toc"' not in get(client, TALENT_FAIR)


# -- nothing invented ---------------------------------------------------------------------------
INVENTED = [
    "位于中国大陆",
    "located in mainland China",
    "数据保存规则",
    "retention rules",
    "promptly once",
    "do not sell",
    "不会出售",
    "Version 2026-11",
    "版本 2026-11",
    "(0)28",
    "理事单位",
    "Council Member",
]


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_no_page_states_what_no_source_gives(client, lang):
    for path in [*READER_PAGES, "/{lang}/join/how-to-join/"]:
        text = text_of(main_of(get(client, path, lang)))
        assert [claim for claim in INVENTED if claim in text] == [], path


def test_the_privacy_policy_states_what_the_software_does(client):
    en = text_of(main_of(get(client, "/{lang}/privacy/", "en")))
    assert "administrators (superusers)" in en
    assert "Membership application data: group “Membership affairs”" in en
    assert "Event registration data: group “Event registrations”" in en
    assert "write to the Secretariat at support@cdats.org.cn" in en
    zh = text_of(main_of(get(client, "/{lang}/privacy/")))
    assert "入会申请信息：“会员事务”用户组" in zh and "stored on servers" not in en


def test_the_hosting_location_is_stated_only_once_it_is_set(client):
    assert "存储在位于" not in get(client, "/{lang}/privacy/")
    settings = site_settings()
    settings.hosting_location_zh_hans, settings.hosting_location_en = "中国大陆", "mainland China"
    settings.save()
    assert "您通过本网站提交的信息存储在位于中国大陆的服务器上。" in get(client, "/{lang}/privacy/")
    assert "stored on servers in mainland China." in get(client, "/{lang}/privacy/", "en")


def test_the_wechat_sentence_appears_only_with_a_qr_code(client):
    assert "WeChat" not in text_of(main_of(get(client, "/{lang}/contact/", "en")))
    assert "site-footer__wechat" not in get(client, "/{lang}/contact/", "en")
    settings = site_settings()
    settings.wechat_qr_code = png_image("wechat-qr")
    settings.save()
    html = get(client, "/{lang}/contact/", "en")
    assert "Scan the QR code to follow our official WeChat account" in html
    assert 'alt="QR code of our official WeChat account"' in html and "site-footer__wechat" in html


# -- home page ----------------------------------------------------------------------------------
def test_the_home_sidebar_does_not_repeat_the_notices_block(client):
    html = get(client, "/{lang}/")
    notices = re.findall(r'<a href="(/zh-hans/notices/[^"?]+)">', html.split('id="home-notices"', 1)[1])
    assert len(notices) == 5
    sidebar = html.split('<aside class="sidebar"', 1)[1] if '<aside class="sidebar"' in html else ""
    assert not any(url in sidebar for url in notices)
    assert 'class="hero' not in html


def test_the_home_page_shows_an_editors_header_image_with_its_description(client):
    home = HomePage.objects.get(locale__language_code="zh-hans")
    home.header_image, home.header_image_alt = png_image("header"), "协会所在的国际人才港"
    home.save_revision().publish()
    assert 'alt="协会所在的国际人才港"' in get(client, "/{lang}/")


# -- SEO basics ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_home_and_listing_pages_have_a_meta_description(client, lang):
    for path in ("/{lang}/", "/{lang}/news/", "/{lang}/notices/", "/{lang}/members/", SALES_SALON):
        description = re.search(r'<meta name="description" content="([^"]+)">', get(client, path, lang))
        assert description and len(description.group(1)) > 5, path


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_headings_never_skip_a_level(client, lang):
    for path in READER_PAGES:
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", get(client, path, lang))]
        assert levels[0] == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)


def test_search_excerpts_start_and_end_at_words():
    text = "Digital trade in services has become a new form of trade " * 8
    excerpt = str(highlight(text, ["form"])).replace("<mark>", "").replace("</mark>", "")
    body = excerpt.strip("…")
    assert body.split()[0] in text.split() and body.split()[-1] in text.split(), excerpt
    chinese = "数字服务贸易已成为我国参与国际竞争的新型贸易形态" * 5 + "合作" + "新发展格局驱动服务贸易数字化转型" * 10
    excerpt = str(highlight(chinese, ["合作"]))
    assert excerpt.startswith("…") and excerpt.endswith("…") and "<mark>合作</mark>" in excerpt


def test_excerpts_read_a_long_body_only_as_far_as_they_show():
    read = []

    def parts():
        for number in range(1000):
            read.append(number)
            yield f"第{number}段：服务贸易" + ("合作" if number == 3 else "") + "。" * 40

    whole = "\n".join(f"第{n}段：服务贸易" + ("合作" if n == 3 else "") + "。" * 40 for n in range(1000))
    text = text_around_first_match(parts(), ["合作"])
    assert len(read) < 10 and whole.startswith(text)
    # The same excerpt as from the whole body, "…" at both ends included.
    assert highlight(text, ["合作"]) == highlight(whole, ["合作"])
    assert text_around_first_match(iter(["无关", "内容"]), ["合作"]) == "无关\n内容"


def test_excerpt_text_drops_tags_and_decodes_entities_once():
    assert quick_text('<p>A &amp; B <a href="/x">合作</a></p>') == "A & B 合作"
    assert str(highlight(quick_text("<p>A &amp; B</p>"), ["B"])) == "A &amp; <mark>B</mark>"
