"""Editors' small frictions: previewing a new event, the cover image's alt text, PO file names."""

from django.test import Client

from wagtail.test.utils.form_data import inline_formset, streamfield
from wagtail_localize.models import Translation

import pytest

from tests.editorial import article_form, make_image
from tests.factories import locale, make_article, section, translate_to_english

pytestmark = pytest.mark.django_db


def test_previewing_a_new_unsaved_event_works(admin_client):
    parent = section("news")
    url = f"/admin/pages/add/news/eventpage/{parent.pk}/preview/"
    form = article_form(
        "新活动预览",
        [],
        start="2026-09-01 09:00",
        end="2026-09-01 12:00",
        venue="成都",
        address="",
        registration_enabled="on",
        capacity_onsite="20",
        max_group_size="5",
        organisers=inline_formset([]),
        contacts=inline_formset([]),
        agenda=streamfield([]),
    )
    response = admin_client.post(url, form)
    assert response.status_code == 200, response.content[:500]
    assert response.json()["is_valid"], response.json()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "新活动预览" in response.content.decode()


def test_the_cover_image_has_its_alt_text_on_both_sites():
    image = make_image("高新区夜景")
    page = make_article(section("news"), title="有封面的文章", cover_image=image)
    page.full_clean()
    page.save_revision().publish()
    assert page.cover_image_alt == "高新区夜景"
    assert 'alt="高新区夜景"' in Client().get(page.url).content.decode()
    english = translate_to_english(page, {"高新区夜景": "The Hi-tech Zone at night"})
    assert 'alt="The Hi-tech Zone at night"' in Client().get(english.url).content.decode()


def test_po_downloads_are_named_after_the_slug_and_locale(admin_client):
    page = make_article(section("news"), title="下载译文的文章")
    translate_to_english(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("en"))
    response = admin_client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}-en.po"'
