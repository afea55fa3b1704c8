"""
The secretariat's smaller tools do what they say: "promote from the waiting list" is offered only when the group
fits in the places free; XLSX exports hold numbers as numbers and times as dates (local time); a membership
application's history reads as lines on the personal-data screen.
"""

import datetime
import io
import time
import uuid

from django.utils import timezone

from wagtail.models import Page

import pytest
from openpyxl import load_workbook

from home.security.spam import sign_render_time
from membership.models import MembershipApplication
from news.models import Registration
from surveys.models import FormPage, SurveyFormField, SurveySubmission
from tests.factories import make_event
from tests.test_membership import application_data
from tests.test_registration_admin import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


def promote_link(registration: Registration) -> str:
    return f"/admin/registrations/{registration.pk}/action/promote/"


def test_promote_is_offered_only_when_a_place_is_free(admin_client, client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    first = register(client, event, name="张三")
    waiting = register(client, event, name="李四")
    assert (first.status, waiting.status) == ("confirmed", "waitlisted")
    listing = f"/admin/registrations/?event={event.pk}"
    assert promote_link(waiting) not in admin_client.get(listing).content.decode()

    # A place frees up (the capacity grows): now the waiting registration can be promoted, and it is.
    event.capacity_onsite = 2
    event.save_revision().publish()
    html = admin_client.get(listing).content.decode()
    assert promote_link(waiting) in html
    admin_client.post(promote_link(waiting))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert promote_link(waiting) not in admin_client.get(listing).content.decode()


def test_a_group_that_does_not_fit_is_not_offered_promotion(admin_client, client):
    event = make_event(capacity_onsite=3, waitlist_enabled=True, group_registration=True, max_group_size=5)
    register(client, event, name="张三", attendees="2")
    group = register(client, event, name="王五", attendees="2")
    assert group.status == "waitlisted"
    assert promote_link(group) not in admin_client.get(f"/admin/registrations/?event={event.pk}").content.decode()
    assert not group.can_be_promoted


def test_the_registrations_list_reads_free_places_in_a_constant_number_of_queries(
    admin_client, client, django_assert_max_num_queries
):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    for number in range(6):
        register(client, event, name=f"排队{number}")
    admin_client.get("/admin/registrations/")  # warm the admin's own caches
    with django_assert_max_num_queries(40) as few:
        admin_client.get(f"/admin/registrations/?event={event.pk}")
    queries_for_six = len(few)  # read now: the next requests reset the connection's query log
    for number in range(6, 16):
        register(client, event, name=f"排队{number}")
    with django_assert_max_num_queries(queries_for_six):
        admin_client.get(f"/admin/registrations/?event={event.pk}")


def test_registrations_xlsx_has_numbers_as_numbers_and_times_as_dates(admin_client, client):
    event = make_event(group_registration=True, max_group_size=5)
    registration = register(client, event, name="张三", attendees="3")
    response = admin_client.get(f"/admin/registrations/export.csv?event={event.pk}&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(cells) for cells in sheet.iter_rows(min_row=1, max_row=2)]
    values = dict(zip([cell.value for cell in header], row, strict=True))
    attendees = values["参加人数"]
    assert attendees.data_type == "n" and attendees.value == 3
    registered = values["报名时间"]
    assert isinstance(registered.value, datetime.datetime) and registered.is_date
    local = timezone.localtime(registration.created_at).replace(tzinfo=None, microsecond=0)
    assert abs(registered.value - local) < datetime.timedelta(seconds=1)
    # Telephone numbers and references stay text: they are not quantities.
    assert values["手机号码"].data_type == "s" and values["报名编号"].data_type == "s"


def test_applications_xlsx_has_dates_as_dates(admin_client, client):
    client.post("/zh-hans/join/", application_data(company_name_zh="成都示例有限公司"))
    response = admin_client.get("/admin/membership/review/export.csv?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = [list(cells) for cells in sheet.iter_rows(min_row=1, max_row=2)]
    values = dict(zip([cell.value for cell in header], row, strict=True))
    submitted = next(cell for name, cell in values.items() if name and "提交" in name and "时间" in name)
    assert isinstance(submitted.value, datetime.datetime) and submitted.is_date


def test_the_csv_still_writes_local_times_to_the_minute(admin_client, client):
    event = make_event()
    registration = register(client, event, name="张三")
    csv_text = admin_client.get(f"/admin/registrations/export.csv?event={event.pk}").content.decode("utf-8-sig")
    assert f"{timezone.localtime(registration.created_at):%Y-%m-%d %H:%M}" in csv_text
    assert "+00:00" not in csv_text


def test_the_application_history_reads_as_lines(admin_client, client, django_user_model):
    client.post("/zh-hans/join/", application_data(contact_email="history@example.org"))
    application = MembershipApplication.objects.get()
    admin_client.post(f"/admin/membership/review/{application.pk}/", {"decision": "request_info", "note": "请补充"})
    html = admin_client.post("/admin/personal-data/", {"person": "history@example.org"}).content.decode()
    assert "['" not in html and "']" not in html
    assert html.count("<li>") >= 2 and "请补充" in html


def test_form_page_submissions_xlsx_has_number_answers_as_numbers_and_local_times(admin_client, client, monkeypatch):
    monkeypatch.setattr("surveys.submissions.after_commit", lambda callback: callback())
    home = Page.objects.get(depth=2, locale__language_code="zh-hans")
    page = FormPage(title="参会人数调查", slug="headcount-survey", intro="请填写。", thank_you_text="谢谢。")
    page.form_fields = [
        SurveyFormField(label="电子邮箱", field_type="email", required=True, sort_order=0),
        SurveyFormField(label="参会人数", field_type="number", required=True, sort_order=1),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    email_key, number_key = [field.clean_name for field in page.form_fields.order_by("sort_order")]
    token = str(uuid.uuid4())
    answers = {email_key: "count@example.org", number_key: "12", "consent": "on", "submission_token": token}
    answers["form_rendered_at"] = sign_render_time(time.time() - 30, token=token)
    assert client.post(page.url, answers).status_code in (200, 302)
    submission = SurveySubmission.objects.get(page=page)

    xlsx = admin_client.get(f"/admin/forms/submissions/{page.pk}/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    header, row = [list(cells) for cells in sheet.iter_rows(min_row=1, max_row=2)]
    values = dict(zip([cell.value for cell in header], row, strict=True))
    assert values["参会人数"].data_type == "n" and values["参会人数"].value == 12
    submitted = next(cell for cell in row if isinstance(cell.value, datetime.datetime))
    local = timezone.localtime(submission.submit_time).replace(tzinfo=None, microsecond=0)
    assert abs(submitted.value.replace(microsecond=0) - local) < datetime.timedelta(seconds=1)
