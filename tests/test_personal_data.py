"""One person's data on one screen: found, exported, erased, and each step in the audit log."""

import datetime
import io
import json
import re
import uuid
import zipfile

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest
from axes.models import AccessAttempt

from home.personal_data.registry import Identity
from home.phones import to_e164
from membership.models import ApplicationEvent, MembershipApplication, MemberUnit
from news.models import EventPage, Registration
from tests.factories import make_event
from tests.people import apply, new_email, register, stored_files_containing, submit_form, tables_mentioning

pytestmark = pytest.mark.django_db
CONFIRMED = {"confirmed": "on", "stage": "confirm"}  # what the confirmation page posts when ticked


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())
    monkeypatch.setattr("membership.pipeline.after_commit", lambda callback: callback())


@pytest.fixture
def secretariat(client, django_user_model):
    """A secretariat member in the personal-data group (not a superuser)."""
    user = django_user_model.objects.create_user(f"sec-{uuid.uuid4().hex[:6]}", password="x")
    user.groups.add(Group.objects.get(name="个人信息请求 · Personal data requests"))
    client.force_login(user)
    return client


def past(event: EventPage) -> EventPage:
    """The event, moved a year into the past (its registrations stay)."""
    start = timezone.now() - datetime.timedelta(days=400)
    EventPage.objects.filter(pk=event.pk).update(start=start, end=start + datetime.timedelta(hours=3))
    event.refresh_from_db()
    return event


def people_screen(client, person: str) -> str:
    response = client.post("/admin/personal-data/", {"person": person})
    assert response.status_code == 200
    return response.content.decode()


def export_zip(client, person: str, language: str) -> zipfile.ZipFile:
    response = client.post("/admin/personal-data/export/", {"person": person, "language": language, **CONFIRMED})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_identity_parsing_and_phone_spellings():
    assert Identity.parse(" Li.Hua@Example.CN ") == Identity(email="li.hua@example.cn")
    assert Identity.parse("+86 139-1234-5678") == Identity(phone="+8613912345678")
    assert Identity.parse("not an address") is None and Identity.parse("a@b") is None
    assert to_e164("0086 139 1234 5678") == to_e164("13912345678") == "+8613912345678"
    assert Identity.parse("139 1234 5678").matches_phone("+86 139-1234-5678")
    assert Identity.parse("x@example.org").audit_key() == Identity.parse("X@example.org").audit_key()
    assert "x@example.org" not in Identity.parse("x@example.org").audit_key()


def test_find_export_erase_a_person_with_a_registration_an_application_and_a_form_submission(
    client, secretariat, django_capture_on_commit_callbacks
):
    """The issue's first "Done when": found, exported, erased without a trace, both actions audited."""
    email, token = new_email(), uuid.uuid4().hex
    visitor = type(client)()
    registration = register(visitor, make_event(), email)
    application = apply(visitor, email.upper(), token, contact_name="Li Hua", contact_phone="+86 139 1234 5678")
    submission = submit_form(email)
    assert stored_files_containing(token) and tables_mentioning(email)

    html = people_screen(secretariat, email)
    for reference in (registration.reference, application.reference, f"F-{submission.pk}"):
        assert reference in html
    assert "李华" in html and "Li Hua" in html

    # Export: a confirmation first, then the ZIP with every record and the licence file.
    confirmation = secretariat.post("/admin/personal-data/export/", {"person": email})
    assert confirmation.status_code == 200 and 'name="confirmed"' in confirmation.content.decode()
    archive = export_zip(secretariat, email, "en")
    document = json.loads(archive.read("personal-data.json"))
    kinds = sorted(record["kind"] for record in document["records"])
    assert kinds == ["Event registrations", "Form submissions", "Membership applications"]
    references = {record["Reference number"] for record in document["records"]}
    assert references == {registration.reference, application.reference, f"F-{submission.pk}"}
    licence_entry = next(name for name in archive.namelist() if name.startswith("files/"))
    assert token.encode() in archive.read(licence_entry)

    # Erase: a confirmation (nothing happens without the tick), then everything goes.
    refused = secretariat.post("/admin/personal-data/erase/", {"person": email, "stage": "confirm"})  # no tick
    assert refused.status_code == 200 and MembershipApplication.objects.filter(pk=application.pk).exists()
    assert 'class="error-message"' in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat.post("/admin/personal-data/erase/", {"person": email, **CONFIRMED})
    assert response.status_code == 302

    assert tables_mentioning(email, "李华", "Li Hua", "13912345678", "139 1234 5678") == {}
    assert stored_files_containing(token) == []
    assert not Registration.objects.filter(pk=registration.pk).exists()  # upcoming event: deleted
    assert "未找到与该地址或号码相关的个人信息" in people_screen(secretariat, email)  # the admin speaks Chinese

    # The site history shows both actions, filterable by action, under the person's audit key only.
    key = Identity.parse(email).audit_key()
    for action in ("home.personal_data_export", "home.personal_data_erase"):
        history = secretariat.get("/admin/reports/site-history/", {"action": action}).content.decode()
        assert key in history and email not in history
    link = re.search(
        r'href="(/admin/reports/site-history/\?object_type=\d+)"',
        secretariat.get("/admin/personal-data/").content.decode(),
    )
    history = secretariat.get(link.group(1)).content.decode()
    assert history.count(key) >= 4  # the screen's link: searches, the export, the erasure


def test_export_labels_follow_the_persons_language(client, secretariat):
    email, token = new_email(), uuid.uuid4().hex
    apply(type(client)(), email, token, language="zh-hans")
    confirmation = secretariat.post("/admin/personal-data/export/", {"person": email}).content.decode()
    assert '<option value="zh-hans" selected>' in confirmation  # the language the person applied in
    document = json.loads(export_zip(secretariat, email, "zh-hans").read("personal-data.json"))
    (record,) = document["记录"]
    assert record["类别"] == "入会申请" and record["数据"]["电子邮箱"] == email
    document = json.loads(export_zip(secretariat, email, "en").read("personal-data.json"))
    assert document["records"][0]["data"]["E-mail"] == email


def test_a_past_events_registration_is_anonymised_and_keeps_the_count(client, secretariat):
    email = new_email()
    event = make_event()
    registration = register(type(client)(), event, email, phone="13812341234")
    past(event)
    with_phone = people_screen(secretariat, "+86 138 1234 1234")
    assert registration.reference in with_phone
    secretariat.post("/admin/personal-data/erase/", {"person": "13812341234", **CONFIRMED})
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.attendees == 1
    assert (registration.name, registration.phone, registration.email, registration.organisation) == ("", "", "", "")
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1
    assert tables_mentioning(email, "13812341234") == {}


def test_erasing_an_upcoming_registration_gives_its_seat_to_the_waiting_list(client, secretariat):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    visitor = type(client)()
    leaving = register(visitor, event, new_email())
    waiting = register(visitor, event, new_email())
    assert waiting.status == "waitlisted"
    secretariat.post("/admin/personal-data/erase/", {"person": leaving.email, **CONFIRMED})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and not Registration.objects.filter(pk=leaving.pk).exists()


def test_an_approved_member_keeps_its_directory_entry_but_not_its_contact_person(
    client, secretariat, django_user_model, django_capture_on_commit_callbacks
):
    email, token = new_email(), uuid.uuid4().hex
    application = apply(type(client)(), email, token, contact_name="Wang Fang", contact_wechat="wangfang88")
    reviewer = django_user_model.objects.create_user(f"rev-{uuid.uuid4().hex[:6]}", password="x")
    reviewer.groups.add(Group.objects.get(name="会员事务 · Membership affairs"))
    staff = type(client)()
    staff.force_login(reviewer)
    staff.post(f"/admin/membership/review/{application.pk}/", {"decision": "request_info", "note": "请补充材料"})
    application.refresh_from_db()
    application.status = "submitted"
    application.save()
    staff.post(f"/admin/membership/review/{application.pk}/", {"decision": "approve", "note": "Welcome, Wang Fang"})
    application.refresh_from_db()
    member = application.member_unit
    assert member is not None

    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post("/admin/personal-data/erase/", {"person": email, **CONFIRMED})
    application.refresh_from_db()
    assert application.status == "approved" and application.member_unit == member
    assert MemberUnit.objects.filter(pk=member.pk, published=True).exists()
    assert (application.contact_name, application.contact_email, application.contact_wechat) == ("", "", "")
    assert not application.licence_file and stored_files_containing(token) == []
    assert set(ApplicationEvent.objects.filter(application=application).values_list("note", flat=True)) == {""}
    assert tables_mentioning(email, "Wang Fang", "wangfang88") == {}
    # The review page still opens, without a licence to download.
    assert staff.get(f"/admin/membership/review/{application.pk}/").status_code == 200


def test_the_screen_is_for_the_secretariat_only(client, django_user_model):
    email = new_email()
    submit_form(email)
    staff = django_user_model.objects.create_user("editor-without-permission", password="x")
    staff.groups.add(Group.objects.get(name="活动报名 · Event registrations"))
    client.force_login(staff)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for response in (
        client.get("/admin/personal-data/"),
        client.post("/admin/personal-data/", {"person": email}),
        client.post("/admin/personal-data/erase/", {"person": email, **CONFIRMED}),
        client.post("/admin/personal-data/export/", {"person": email, **CONFIRMED}),
    ):
        assert response.status_code in (302, 403) and response.get("Location") in (None, "/admin/")
        assert email not in response.content.decode()
    assert FormSubmission.objects.filter(form_data__icontains=email).exists()
    assert "/admin/personal-data/" not in client.get("/admin/").content.decode()


def test_bad_input_gets_a_message_and_the_person_is_never_in_a_url(secretariat):
    html = people_screen(secretariat, "not-an-address")
    assert "请输入有效的电子邮箱地址或电话号码。" in html
    assert secretariat.get("/admin/personal-data/export/").status_code == 302
    screen = secretariat.get("/admin/personal-data/").content.decode()
    assert 'method="post"' in screen and "查找、导出、删除和清理的历史记录" in screen


def test_admin_sign_in_records_are_found_and_erased(client, secretariat, django_user_model):
    email = new_email()
    django_user_model.objects.create_user("wang.staff", email=email, password="right-password")
    for _attempt in range(2):
        client.post("/admin/login/", {"username": "wang.staff", "password": "wrong"})
    client.post("/admin/login/", {"username": email, "password": "wrong"})
    assert AccessAttempt.objects.filter(username__in=["wang.staff", email]).count() == 2

    html = people_screen(secretariat, email)
    assert "管理后台登录记录 (2)" in html and "wang.staff" in html
    secretariat.post("/admin/personal-data/erase/", {"person": email, **CONFIRMED})
    assert not AccessAttempt.objects.filter(username__in=["wang.staff", email]).exists()
    assert django_user_model.objects.filter(username="wang.staff").exists()  # the account is the admins' to close
