"""The menus and footer are edited in the admin, translated with wagtail-localize, and never break."""

import json

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from home.navigation.blocks import MenuLinkBlock
from home.navigation.menus import SiteNavigation
from tests.factories import make_article, section
from tests.streamfield_post import raw_stream, stream_post

pytestmark = pytest.mark.django_db


def store(record: SiteNavigation, name: str, stream: list[tuple[str, dict]]) -> None:
    """Save a stream given in its stored (raw JSON) form, as a data migration would."""
    setattr(record, name, json.dumps([{"type": kind, "value": value} for kind, value in stream]))
    record.save()


def navigation(language: str) -> SiteNavigation:
    return SiteNavigation.objects.get(locale__language_code=language)


def footer(html: str) -> str:
    return html.split('<footer class="site-footer">', 1)[1]


def main_nav(html: str) -> str:
    return html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]


def post_navigation(admin_client, record: SiteNavigation, **streams):
    """Submit the snippet's edit form as an editor would, with some streams changed."""
    data = {}
    for name in ("main_menu", "header_shortcuts", "footer_columns"):
        value = streams.get(name, raw_stream(getattr(record, name)))
        data.update(stream_post(name, value, SiteNavigation._meta.get_field(name).stream_block))
    return admin_client.post(f"/admin/snippets/home/sitenavigation/edit/{record.pk}/", data)


def sync_english(chinese: SiteNavigation, english_texts: dict[str, str]) -> None:
    """What the translation editor does: update the source, translate the new strings, publish."""
    source, _created = TranslationSource.update_or_create_from_instance(chinese)
    english = Locale.objects.get(language_code="en")
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data in english_texts:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                defaults={"data": english_texts[segment.string.data]},
            )
    Translation.objects.get(source=source, target_locale=english).save_target(publish=True)


def test_the_footer_leaves_viewpoints_out_until_its_first_item_then_shows_it(client):
    """The seed's footer names 观点聚焦, which has no items: hidden while empty, back with the first item."""
    zh = footer(client.get("/zh-hans/").content.decode())
    assert "?category=viewpoints" not in zh and "最新资讯" in zh
    listing = client.get("/en/news/?category=viewpoints").content.decode()
    assert "<h1>Viewpoints</h1>" in listing and "Nothing has been published here yet." in listing
    assert "本栏目暂无内容" not in listing

    make_article(section("news"), title="观点：服务贸易新动能", categories=["viewpoints"])
    zh = footer(client.get("/zh-hans/").content.decode())
    assert '<a href="/zh-hans/news/?category=viewpoints">观点聚焦</a>' in zh
    assert zh.index("最新资讯") < zh.index("观点聚焦")
    # Not on the English site: the item has no English translation, so the English listing is still empty.
    assert "?category=viewpoints" not in footer(client.get("/en/").content.decode())


def test_menus_are_one_translatable_record_per_locale_made_through_wagtail_localize():
    chinese, english = navigation("zh-hans"), navigation("en")
    assert chinese.translation_key == english.translation_key
    assert Translation.objects.filter(source__object_id=chinese.translation_key, target_locale=english.locale).exists()


def test_editor_adds_a_main_menu_link_and_renames_a_footer_entry_in_both_languages(admin_client, client):
    client.get("/zh-hans/"), client.get("/en/")  # both menus cached
    chinese = navigation("zh-hans")
    contact = Page.objects.get(slug="contact", locale=chinese.locale)
    main = raw_stream(chinese.main_menu)
    main.append(("item", {"page": contact.pk, "filter": "", "url": "", "label": "联系方式", "children": []}))
    columns = raw_stream(chinese.footer_columns)
    columns[3][1]["links"][0]["label"] = "个人信息保护"
    response = post_navigation(admin_client, chinese, main_menu=main, footer_columns=columns)
    assert response.status_code == 302, response.content.decode()[:2000]

    zh = client.get("/zh-hans/").content.decode()
    assert '<a href="/zh-hans/contact/">联系方式</a>' in main_nav(zh)
    assert '<a href="/zh-hans/privacy/">个人信息保护</a>' in footer(zh)

    sync_english(navigation("zh-hans"), {"联系方式": "Get in Touch", "个人信息保护": "Personal Data"})
    en = client.get("/en/").content.decode()
    assert '<a href="/en/contact/">Get in Touch</a>' in main_nav(en)
    assert '<a href="/en/privacy/">Personal Data</a>' in footer(en)


def test_an_invalid_link_is_refused_with_a_message_and_nothing_changes(admin_client):
    chinese = navigation("zh-hans")
    before = raw_stream(chinese.header_shortcuts)
    broken = [("link", {"page": None, "filter": "", "url": "", "label": "无处可去"})]
    response = post_navigation(admin_client, chinese, header_shortcuts=broken)
    assert response.status_code == 200  # shown again with the errors, nothing saved
    assert raw_stream(navigation("zh-hans").header_shortcuts) == before


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"page": None, "filter": "", "url": "", "label": "无处可去"}, "page"),
        ({"page": None, "filter": "", "url": "https://example.org/", "label": ""}, "label"),
        ({"page": None, "filter": "when=past", "url": "https://example.org/", "label": "x"}, "filter"),
    ],
)
def test_a_menu_link_needs_one_target_and_an_external_one_a_label(value, field):
    block = MenuLinkBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert field in error.value.block_errors


def test_renaming_a_slug_or_moving_a_page_never_breaks_its_menu_link(client):
    assert 'href="/zh-hans/investment-guide/">投资指南</a>' in client.get("/zh-hans/").content.decode()
    guide = Page.objects.get(slug="investment-guide", locale__language_code="zh-hans").specific
    guide.slug = "guide"
    guide.save_revision().publish()
    html = client.get("/zh-hans/").content.decode()
    assert 'href="/zh-hans/guide/">投资指南</a>' in main_nav(html)
    assert "/zh-hans/investment-guide/" not in html

    about = Page.objects.get(slug="about", locale__language_code="zh-hans")
    guide.refresh_from_db()
    guide.move(about, pos="last-child")
    html = client.get("/zh-hans/").content.decode()
    assert 'href="/zh-hans/about/guide/">投资指南</a>' in main_nav(html)


def test_an_unpublished_page_leaves_the_menus_at_once(client):
    assert ">投资指南</a>" in client.get("/zh-hans/").content.decode()
    Page.objects.get(slug="investment-guide", locale__language_code="zh-hans").unpublish()
    assert ">投资指南</a>" not in client.get("/zh-hans/").content.decode()


def test_a_page_waiting_for_content_joins_the_menus_when_it_is_published(client):
    assert ">党建工作</a>" not in client.get("/zh-hans/").content.decode()
    party = Page.objects.get(slug="party-building", locale__language_code="zh-hans")
    party.get_latest_revision().publish()
    assert ">党建工作</a>" in main_nav(client.get("/zh-hans/").content.decode())


def test_an_english_menu_never_links_a_chinese_page(client):
    chinese = navigation("zh-hans")
    untranslated = Page.objects.get(slug="home", locale=chinese.locale).add_child(
        instance=Page(title="仅中文页面", slug="chinese-only")
    )
    untranslated.save_revision().publish()
    columns = raw_stream(chinese.footer_columns)
    columns[0][1]["links"].append({"page": untranslated.pk, "filter": "", "url": "", "label": ""})
    store(chinese, "footer_columns", columns)
    sync_english(chinese, {})
    assert "仅中文页面" in footer(client.get("/zh-hans/").content.decode())
    en = client.get("/en/").content.decode()
    assert "chinese-only" not in en and "仅中文页面" not in en


def test_external_links_and_explicit_dropdowns(client):
    chinese = navigation("zh-hans")
    main = raw_stream(chinese.main_menu)
    about = main[0][1]
    about["children"] = [
        {"page": None, "filter": "", "url": "https://www.mofcom.gov.cn/", "label": "商务部"},
    ]
    store(chinese, "main_menu", main)
    nav = main_nav(client.get("/zh-hans/").content.decode())
    dropdown = nav.split(">关于协会</a>", 1)[1].split("</ul>", 1)[0]
    assert '<a href="https://www.mofcom.gov.cn/">商务部</a>' in dropdown
    assert "协会概况" not in dropdown  # the explicit links replace the automatic drop-down


def test_menus_admin_lists_both_locales_and_offers_no_add_or_delete(admin_client):
    listing = admin_client.get("/admin/snippets/home/sitenavigation/").content.decode()
    assert listing.count("/admin/snippets/home/sitenavigation/edit/") >= 1
    assert admin_client.get("/admin/snippets/home/sitenavigation/add/").status_code in (302, 403)
    english = navigation("en")
    editor = admin_client.get(f"/admin/snippets/home/sitenavigation/edit/{english.pk}/").content.decode()
    assert "translation-editor" in editor
