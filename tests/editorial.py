"""Helpers for the editorial tests: admin users in Chinese, a small image and document, admin form data."""

import io
import json
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, Translation

from PIL import Image as PILImage

from tests.factories import locale


def chinese_admin(django_user_model, username: str, *groups: str, superuser: bool = False) -> Client:
    """A logged-in admin user whose admin is in Chinese, in the named groups."""
    make = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = make(username, f"{username}@example.org", "pass-for-tests")
    user.groups.add(*Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups), groups
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def make_image(title: str = "成都夜景") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), "red").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="night.png"))


def make_document(title: str = "统计表下载") -> Document:
    return Document.objects.create(title=title, file=ContentFile(b"table", name="table.txt"))


def table_value(rows: list[list[str]], caption: str = "") -> str:
    return json.dumps(
        {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
            "cell": [],
            "mergedCells": [],
        }
    )


def article_form(title: str, body: list, **fields) -> dict:
    """The admin's article form as posted (no slug: the editor never opened the Promote tab)."""
    data = {
        "title": title,
        "slug": "",
        "date": "2026-05-01",
        "summary": fields.pop("summary", ""),
        "cover_image": fields.pop("cover_image", ""),
        "cover_image_alt": "",
        "source_name": "",
        "source_url": "",
        "author": "",
        "article_categories": inline_formset([]),
        "body": streamfield(body),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def body_blocks(image: Image, document: Document) -> list:
    return [
        ("heading", "二〇二五年统计"),
        ("paragraph", rich_text("<p>服务贸易保持增长。</p>")),
        ("table", table_value([["地区", "金额"], ["成都", "100亿元"]], caption="成都服务贸易统计")),
        ("image", {"image": image.pk, "caption": "高新区", "alt_text": ""}),
        ("attachment", {"document": document.pk, "title": ""}),
    ]


def translation_of(page) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("en"))


def translate_segment(client: Client, translation: Translation, segment: StringSegment, english: str):
    return client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        data=urlencode({"value": english}),
        content_type="application/x-www-form-urlencoded",
    )
