"""One person's traces across the site: helpers to create them as visitors do, and to look for them everywhere."""

import io
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

import pikepdf

from home.security.spam import sign_render_time
from membership.models import MembershipApplication
from news.models import Registration
from tests.test_membership import application_data, pdf


def new_email() -> str:
    return f"li.hua.{uuid.uuid4().hex[:8]}@example.cn"


def register(client, event, email: str, **fields) -> Registration:
    data = {
        "name": "李华",
        "organisation": "成都示例科技有限公司",
        "phone": "13912345678",
        "email": email,
        "consent": "on",
        "submission_token": (token := str(uuid.uuid4())),
        "form_rendered_at": sign_render_time(time.time() - 30, token),  # bound to the token (home.security.spam)
        **fields,
    }
    response = client.post(event.url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Registration.objects.get(submission_token=data["submission_token"])


def licence_pdf(token: str):
    """A real one-page PDF whose bytes carry `token` (its title), to look for the file's content in every storage."""
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    document.docinfo["/Title"] = token
    output = io.BytesIO()
    document.save(output)
    assert token.encode() in output.getvalue()
    return pdf(content=output.getvalue())


def apply(client, email: str, token: str, language: str = "en", **overrides) -> MembershipApplication:
    data = application_data(contact_email=email, licence_file=licence_pdf(token), **overrides)
    response = client.post(f"/{language}/join/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return MembershipApplication.objects.get(submission_token=data["submission_token"])


def submit_form(email: str, phone: str = "") -> FormSubmission:
    """A form-builder submission as Wagtail stores it (the form page itself arrives with another branch)."""
    page = Page.objects.get(slug="contact", locale__language_code="zh-hans")
    form_data = {"name": "李华", "email": email, "phone": phone, "message": "请寄送会员手册。"}
    return FormSubmission.objects.create(page=page, form_data=form_data)


def tables_mentioning(*texts: str) -> dict[str, int]:
    """Every table of the database, every row, searched as text: {table: rows that contain one of `texts`}."""
    needles = [text.casefold() for text in texts if text]
    found = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            hits = sum(1 for row in cursor.fetchall() if any(needle in str(row).casefold() for needle in needles))
            if hits:
                found[table] = hits
    return found


def stored_files_containing(token: str) -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    return [
        path for root in roots for path in root.rglob("*") if path.is_file() and token.encode() in path.read_bytes()
    ]
