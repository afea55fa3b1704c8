"""The secretariat's side of registrations: listing, filters, actions, CSV export, permissions."""

import csv
import io
import time
import uuid

from django.contrib.auth.models import Group, Permission

import pytest

from home.security.spam import sign_render_time
from news.admin_views import EXPORT_COLUMNS
from news.models import Registration
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


def register(client, event, **fields):
    data = {
        "name": "张三",
        "organisation": "成都示例科技有限公司",
        "phone": "13800138000",
        "email": f"{uuid.uuid4().hex[:8]}@example.org",
        "consent": "on",
        "submission_token": (token := str(uuid.uuid4())),
        "form_rendered_at": sign_render_time(time.time() - 30, token),
        **fields,
    }
    assert client.post(event.url, data).status_code == 302
    return Registration.objects.latest("id")


def test_listing_filters_and_search(admin_client, client):
    event = make_event()
    register(client, event, name="王五")
    register(client, event, name="Alice Smith", organisation="Example Ltd")
    html = admin_client.get("/admin/registrations/?status=confirmed").content.decode()
    assert "王五" in html and "Alice Smith" in html
    html = admin_client.get("/admin/registrations/?q=Alice").content.decode()
    assert "Alice Smith" in html and "王五" not in html
    assert "导出CSV" in html  # the admin speaks Chinese by default


def test_csv_export_opens_in_excel_with_chinese_intact_and_no_formulas(admin_client, client):
    event = make_event()
    register(client, event, name="张三", remarks='=HYPERLINK("http://evil")', organisation="+Org")
    response = admin_client.get(f"/admin/registrations/export.csv?event={event.pk}")
    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    columns = [name for name, _label in EXPORT_COLUMNS]
    header, row = rows[0], rows[1]
    assert len(header) == len(columns) and "姓名" in header[columns.index("name")]  # the admin speaks Chinese
    assert row[columns.index("name")] == "张三"
    assert row[columns.index("remarks")].startswith("'=")
    assert row[columns.index("organisation")] == "'+Org"


def test_check_in_cancel_and_promote_actions(admin_client, client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    first = register(client, event)
    second = register(client, event)
    assert second.status == "waitlisted"

    assert admin_client.get(f"/admin/registrations/{first.pk}/action/check_in/").status_code == 200
    first.refresh_from_db()
    assert first.checked_in_at is None  # GET only asks
    admin_client.post(f"/admin/registrations/{first.pk}/action/check_in/")
    first.refresh_from_db()
    assert first.checked_in_at is not None

    admin_client.post(f"/admin/registrations/{second.pk}/action/promote/")
    second.refresh_from_db()
    assert second.status == "waitlisted"  # no free seat: not promoted
    admin_client.post(f"/admin/registrations/{first.pk}/action/cancel/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled" and second.status == "confirmed"


def test_failed_confirmation_is_shown_and_can_be_resent(admin_client, client, settings):
    event = make_event()
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    registration = register(client, event)
    assert registration.email_error
    assert "失败" in admin_client.get("/admin/registrations/").content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    admin_client.post(f"/admin/registrations/{registration.pk}/action/resend/")
    registration.refresh_from_db()
    assert registration.email_error == "" and registration.email_sent_at is not None


def test_registrations_are_never_added_or_deleted_in_the_admin(admin_client, client):
    registration = register(client, make_event())
    assert admin_client.get("/admin/registrations/new/").status_code in (302, 403)
    assert admin_client.post(f"/admin/registrations/delete/{registration.pk}/").status_code in (302, 403)
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_personal_data_needs_the_permission(client, django_user_model):
    register(client, make_event())
    editor = django_user_model.objects.create_user("plain-editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editor_client = type(client)()
    editor_client.force_login(editor)
    assert editor_client.get("/admin/registrations/").status_code in (302, 403)
    assert editor_client.get("/admin/registrations/export.csv").status_code in (302, 403)

    group = Group.objects.get(name="活动报名 · Event registrations")
    editor.groups.add(group)
    assert editor_client.get("/admin/registrations/export.csv").status_code == 200
