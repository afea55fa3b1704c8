"""The event side of the secretariat's admin: seat summaries, bulk check-in, XLSX exports."""

import io

from django.contrib.auth.models import Permission

import pytest
from openpyxl import load_workbook

from membership.models import MembershipApplication
from news.models import Registration
from tests.factories import make_event
from tests.test_membership import application_data
from tests.test_registration_admin import register

pytestmark = pytest.mark.django_db


def seat_numbers(html: str) -> dict[str, str]:
    summary = html.split('class="help-block help-info seat-summary"', 1)[1].split("</div>", 1)[0]
    return {
        name: summary.split(f'data-seats="{name}">', 1)[1].split("<", 1)[0]
        for name in ("taken", "left", "waiting", "checked-in")
    }


@pytest.fixture
def busy_event(client):
    event = make_event(title="席位测试活动", capacity_onsite=2, waitlist_enabled=True)
    confirmed = [register(client, event, name="甲"), register(client, event, name="乙")]
    waiting = register(client, event, name="丙")
    return event, confirmed, waiting


def test_the_event_edit_page_shows_its_seats_and_links_its_registrations(admin_client, busy_event):
    event, _confirmed, _waiting = busy_event
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert seat_numbers(html) == {"taken": "2", "left": "0", "waiting": "1", "checked-in": "0"}
    assert f"/admin/registrations/?event={event.pk}" in html


def test_the_registrations_list_of_one_event_shows_its_seats_and_offers_bulk_check_in(admin_client, busy_event):
    event, _confirmed, _waiting = busy_event
    html = admin_client.get(f"/admin/registrations/?event={event.pk}").content.decode()
    assert seat_numbers(html)["waiting"] == "1"
    assert html.count('class="bulk-action-checkbox"') == 3
    assert "/admin/bulk/news/registration/check_in/" in html
    assert f"/admin/registrations/export.csv?event={event.pk}&amp;format=xlsx" in html


def test_bulk_check_in_asks_first_then_checks_in_only_confirmed_registrations(admin_client, busy_event):
    event, confirmed, waiting = busy_event
    ids = "&".join(f"id={r.pk}" for r in [*confirmed, waiting])
    url = f"/admin/bulk/news/registration/check_in/?{ids}&next=/admin/registrations/"
    page = admin_client.get(url).content.decode()
    assert confirmed[0].reference in page and waiting.reference in page
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()  # GET only asks
    response = admin_client.post(url)
    assert response.status_code == 302
    assert set(Registration.objects.filter(checked_in_at__isnull=False)) == set(confirmed)
    html = admin_client.get(f"/admin/registrations/?event={event.pk}").content.decode()
    assert seat_numbers(html)["checked-in"] == "2"


def test_bulk_check_in_needs_the_change_permission(client, django_user_model, busy_event):
    _event, confirmed, _waiting = busy_event
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=False)
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_registration"]))
    client.force_login(viewer)
    client.post(f"/admin/bulk/news/registration/check_in/?id={confirmed[0].pk}")
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_registrations_export_as_xlsx_with_chinese_intact_and_no_formulas(admin_client, client):
    event = make_event()
    register(client, event, name="张三", remarks='=HYPERLINK("http://evil")', organisation="+Org")
    response = admin_client.get(f"/admin/registrations/export.csv?event={event.pk}&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(cells) for cells in sheet.iter_rows(min_row=1, max_row=2)]
    names = [cell.value for cell in header]
    assert "姓名" in names
    values = dict(zip(names, row, strict=True))
    assert values["姓名"].value == "张三"
    remarks = next(cell for name, cell in values.items() if cell.value and "HYPERLINK" in str(cell.value))
    assert remarks.data_type == "s" and remarks.value == '=HYPERLINK("http://evil")'


def test_applications_export_as_xlsx(admin_client, client):
    client.post("/zh-hans/join/", application_data(company_name_zh="成都示例有限公司"))
    assert MembershipApplication.objects.exists()
    response = admin_client.get("/admin/membership/review/export.csv?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and rows[1][2] == "成都示例有限公司"
