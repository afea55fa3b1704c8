"""Forms and the member directory as a reader uses them: placeholders, error summary, labels, canonical URLs."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.content import MembershipContentLoader
from membership.models import MemberGrade, MemberUnit
from tests.factories import make_event, translate_to_english

pytestmark = pytest.mark.django_db


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# -- select boxes and labels --------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "placeholder"), [("zh-hans", "请选择"), ("en", "Please select")])
def test_selects_start_on_please_select(client, lang, placeholder):
    html = page(client, f"/{lang}/join/")
    assert "---------" not in html
    selects = re.findall(r"<select[^>]*>\s*<option[^>]*>([^<]*)</option>", html)
    assert selects and set(selects) == {placeholder}


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_every_label_points_at_a_control(client, lang):
    event = make_event(event_format="hybrid")
    for html in (page(client, f"/{lang}/join/"), page(client, event.url)):
        targets = re.findall(r'<label[^>]*\bfor="([^"]*)"', html)
        assert targets and "" not in targets
        for target in targets:
            assert f'id="{target}"' in html, target
    # The radio group has a legend, each radio its own label.
    join = page(client, f"/{lang}/join/")
    assert re.search(r'<fieldset class="form-field form-field--choices">\s*<legend>', join)
    assert '<label class="form-choice" for="id_registered_in_0">' in join


# -- one membership grade -----------------------------------------------------------------------
def test_the_seed_ships_one_grade_and_the_form_asks_for_none(client):
    assert list(MemberGrade.objects.values_list("name_zh_hans", "name_en")) == [("会员单位", "Member")]
    assert 'name="requested_grade"' not in page(client, "/en/join/")


def test_the_form_offers_grades_once_the_secretariat_defines_a_second(client):
    MemberGrade.objects.create(slug="council", name_zh_hans="理事单位", name_en="Council Member", sort_order=1)
    html = page(client, "/en/join/")
    assert 'name="requested_grade"' in html and "Council Member" in html


def test_the_loader_keeps_grades_an_editor_made_or_uses():
    edited = MemberGrade.objects.create(slug="council-member", name_zh_hans="理事单位（已修订）", name_en="Council")
    untouched = MemberGrade.objects.create(
        slug="president-member",
        name_zh_hans="会长单位",
        name_en="President Member",
        description_zh_hans="具体权利和义务以协会章程为准，详情请咨询协会秘书处。",
    )
    used = MemberGrade.objects.create(
        slug="vice-president-member",
        name_zh_hans="副会长单位",
        name_en="Vice-President Member",
        description_zh_hans="具体权利和义务以协会章程为准，详情请咨询协会秘书处。",
    )
    MemberUnit.objects.create(name_zh_hans="某会员", grade=used, published=False)
    MembershipContentLoader().remove_former_seed_grades()
    remaining = set(MemberGrade.objects.values_list("pk", flat=True))
    assert edited.pk in remaining and used.pk in remaining and untouched.pk not in remaining


# -- error summary ------------------------------------------------------------------------------
def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(client):
    html = client.post("/en/join/", {"registered_in": "mainland"}).content.decode()
    summary = html.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'role="alert"' in html.split('<div class="error-summary"', 1)[1][:40]
    anchors = re.findall(r'<a href="#([^"]+)">', summary)
    assert {"id_registered_address", "id_contact_name", "id_licence_file"} <= set(anchors)
    form = html.split('<div class="error-summary"', 1)[1]
    assert all(f'id="{anchor}"' in form for anchor in anchors)
    assert html.index('class="error-summary"') < html.index('id="id_company_name_zh"')


def test_the_chinese_summary_uses_a_full_width_colon(client):
    html = client.post("/zh-hans/join/", {}).content.decode()
    summary = html.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "请检查以下内容：" in summary and re.search(r"[\u4e00-\u9fff]：", summary)


# -- places left --------------------------------------------------------------------------------
def test_places_left_with_one_word_per_language(client):
    event = make_event(event_format="hybrid", capacity_onsite=50, capacity_online=200)
    zh = page(client, event.url)
    assert "现场名额" in zh and "线上名额" in zh and "剩余50个（共50个）" in zh and "席" not in zh
    english = translate_to_english(event)
    en = page(client, english.url)
    assert "50 of 50 places left" in en and "200 of 200 places left" in en
    assert "Places on site" in en and "Places online" in en and "seats left" not in en


# -- member directory ---------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "label"), [("zh-hans", "单位名称"), ("en", "Organisation name")])
def test_the_directory_searches_by_organisation_name(client, lang, label):
    MemberUnit.objects.create(name_zh_hans="阿尔法科技", name_en="Alpha Tech", published=True)
    html = page(client, f"/{lang}/members/")
    assert f'<label for="directory-q">{label}</label>' in html
    assert 'name="grade"' not in html  # one grade: nothing to filter by


def test_an_empty_directory_says_so(client):
    html = page(client, "/en/members/")
    assert "No member organisations are listed in the directory yet." in html
    assert "directory-filters" not in html


def test_a_member_page_has_its_own_canonical_url_and_language_switch(client):
    member = MemberUnit.objects.create(name_zh_hans="阿尔法科技", name_en="Alpha Tech", published=True)
    html = page(client, f"/en/members/{member.pk}/")
    assert f'<link rel="canonical" href="http://testserver/en/members/{member.pk}/">' in html
    assert f'hreflang="zh-Hans" href="http://testserver/zh-hans/members/{member.pk}/"' in html
    switcher = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    assert f'href="/zh-hans/members/{member.pk}/"' in switcher


def test_the_sitemap_lists_member_pages_under_their_canonical_urls(client):
    member = MemberUnit.objects.create(name_zh_hans="阿尔法科技", name_en="Alpha Tech", published=True)
    sitemap = client.get("/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    for url in (f"http://testserver/en/members/{member.pk}/", f"http://testserver/zh-hans/members/{member.pk}/"):
        assert locs.count(url) == 1
        canonical = re.search(
            r'<link rel="canonical" href="([^"]+)">', page(client, url.removeprefix("http://testserver"))
        )
        assert canonical.group(1) == url


def test_the_home_page_queries_stay_constant(client):
    """With one upcoming event or four, the home page runs the same queries (blocks, sidebar, events)."""
    make_event()
    page(client, "/zh-hans/")
    with CaptureQueriesContext(connection) as one:
        page(client, "/zh-hans/")
    for _ in range(3):
        make_event()
    page(client, "/zh-hans/")  # menus are cached per locale after the first visit
    with CaptureQueriesContext(connection) as four:
        page(client, "/zh-hans/")
    assert len(four) == len(one)
