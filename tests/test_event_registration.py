"""Registering for an event as a visitor would: capacity, idempotency, e-mails, bad input."""

import datetime
import re
import time
import uuid

from django.core import mail
from django.test import override_settings

import pytest

from home.security.spam import sign_render_time
from news.models import Registration
from tests.factories import make_event, translate_to_english

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    # Each test runs inside one transaction that never commits: run the after-commit work at once.
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


def form_data(**overrides) -> dict:
    data = {
        "name": "Alice Smith",
        "organisation": "Example Trading Ltd",
        "job_title": "Manager",
        "phone": "+44 20 7946 0958",
        "email": f"alice-{uuid.uuid4().hex[:8]}@example.org",
        "remarks": "",
        "consent": "on",
        "submission_token": str(uuid.uuid4()),
        "fax_number": "",
    }
    data.update(overrides)
    # The signed timestamp is bound to the submission token (home.security.spam).
    data.setdefault("form_rendered_at", sign_render_time(time.time() - 30, data["submission_token"]))
    return {key: value for key, value in data.items() if value is not None}


def seats_text(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html.split('class="seats-left">', 1)[1].split("<", 1)[0]


def test_english_visitor_registers_and_gets_confirmation_email_with_ics(client):
    event = make_event()
    english = translate_to_english(event)
    assert seats_text(client, english.url) == "5 of 5 places left"

    response = client.post(english.url, form_data(email="Alice@Example.org"))
    assert response.status_code == 302 and response["Location"] == english.url + "?received=1#register"
    received = client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.event_id == event.pk  # the Chinese source owns the registrations
    assert registration.language == "en" and registration.status == "confirmed"
    # The page confirms receipt only; the details and the cancel link are in the e-mail.
    assert "We have received your registration" in received
    assert registration.reference not in received and "/cancel/" not in received

    confirmation_link = re.search(r"http://testserver(/en/registrations/[^/\s]+/)\n", mail.outbox[0].body).group(1)
    html = client.get(confirmation_link).content.decode()
    assert registration.reference in html and "Registration confirmed" in html
    assert "/cancel/" in html and "calendar.ics" in html

    assert seats_text(client, english.url) == "4 of 5 places left"
    assert "剩余4个（共5个）" in client.get(event.url).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Alice@Example.org"] and "Registration confirmed" in message.subject
    assert registration.reference in message.body and "/cancel/" in message.body
    name, calendar, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in calendar and f"DTSTART:{event.start.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in calendar
    registration.refresh_from_db()
    assert registration.email_sent_at is not None and registration.email_error == ""


def test_chinese_registrant_gets_chinese_email(client):
    event = make_event()
    client.post(event.url, form_data(name="张三", organisation="成都某公司", phone="138 0013 8000"))
    registration = Registration.objects.get()
    assert registration.phone == "+8613800138000"  # stored in E.164 (home.phones)
    assert "报名成功" in mail.outbox[0].subject


def test_double_submission_stores_one_registration(client):
    event = make_event()
    data = form_data()
    first = client.post(event.url, data)
    second = client.post(event.url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_same_email_twice_stores_one_but_may_register_again_after_cancelling(client):
    event = make_event()
    client.post(event.url, form_data(email="bob@example.org"))
    response = client.post(event.url, form_data(email="BOB@example.org"))
    assert response.status_code == 302 and response["Location"].endswith("?received=1#register")
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["bob@example.org"], ["bob@example.org"]]  # received, reminder
    registration = Registration.objects.get()
    from news.registration_links import registration_url

    cancel_path = registration_url(registration, "registration_cancel")
    assert client.get(cancel_path).status_code == 200
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # GET (a mail scanner) cancels nothing
    client.post(cancel_path)
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert client.post(event.url, form_data(email="bob@example.org")).status_code == 302
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_english_and_chinese_signups_share_the_seats(client):
    event = make_event(capacity_onsite=5)
    english = translate_to_english(event)
    for _ in range(3):
        assert client.post(english.url, form_data()).status_code == 302
    for _ in range(2):
        assert client.post(event.url, form_data()).status_code == 302
    response = client.post(english.url, form_data())
    assert response.status_code == 200
    assert "fully booked" in response.content.decode()
    assert Registration.objects.filter(status="confirmed").count() == 5
    assert Registration.objects.count() == 5


def test_waitlist_and_promotion_on_cancel(client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    client.post(event.url, form_data(email="first@example.org"))
    client.post(event.url, form_data(email="second@example.org"))
    first = Registration.objects.get(email="first@example.org")
    second = Registration.objects.get(email="second@example.org")
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    assert "候补" in client.get(event.url).content.decode() or "waiting" in client.get(event.url).content.decode()

    from news.registration_links import registration_url

    mail.outbox.clear()
    client.post(registration_url(first, "registration_cancel"))
    second.refresh_from_db()
    assert second.status == "confirmed" and second.promoted_at is not None
    assert any(m.to == ["second@example.org"] for m in mail.outbox)


def test_group_larger_than_seats_left_waits_whole(client):
    event = make_event(capacity_onsite=3, waitlist_enabled=True, group_registration=True, max_group_size=5)
    client.post(event.url, form_data(attendees="2"))
    client.post(event.url, form_data(attendees="2"))
    statuses = list(Registration.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_enabled": False},
        {"registration_opens": "future"},
        {"registration_closes": "past"},
        {"start": "past"},
    ],
)
def test_closed_events_refuse_registrations_server_side(client, fields):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    values = {}
    for key, value in fields.items():
        values[key] = {"future": now + timedelta(days=1), "past": now - timedelta(days=1)}.get(value, value)
    if values.get("start"):
        values["end"] = values["start"] + timedelta(hours=1)
    event = make_event(**values)
    response = client.post(event.url, form_data())
    assert response.status_code in (200, 400)
    assert Registration.objects.count() == 0
    assert 'name="submission_token"' not in response.content.decode()


def test_past_seed_event_refuses_registration(client):
    from news.models import EventPage

    event = EventPage.objects.get(slug="tencent-cloud-innovation-express-chengdu", locale__language_code="en")
    response = client.post(event.url, form_data())
    assert Registration.objects.count() == 0
    assert "This event has ended" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "A" * 61}, "at most 60 characters"),
        ({"name": "Eve\r\nBcc: victim@example.org"}, "single line"),
        ({"email": "eve@example.org\r\nBcc: x@example.org"}, "valid email"),
        ({"email": "not-an-email"}, "valid email"),
        ({"phone": "12345"}, "11-digit mainland mobile"),
        ({"phone": "+86 123"}, "11-digit mainland mobile"),
        ({"organisation": "Acme\x00Ltd"}, "Null characters are not allowed."),
        ({"remarks": "x" * 10000}, "at most 1000 characters"),
        ({"consent": None}, "This field is required."),
        ({"submission_token": "not-a-uuid"}, "valid UUID"),
        ({"form_rendered_at": "forged"}, "This form has expired"),
        ({"form_rendered_at": sign_render_time(time.time() - 3 * 86400)}, "This form has expired"),
        ({"form_rendered_at": "now"}, "very quick"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_stores_nothing(client, overrides, field_message):
    event = translate_to_english(make_event())
    if overrides.get("form_rendered_at") == "now":
        overrides = {**overrides, "submission_token": (token := str(uuid.uuid4()))}
        overrides["form_rendered_at"] = sign_render_time(time.time(), token)
    response = client.post(event.url, form_data(**overrides))
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert Registration.objects.count() == 0
    assert len(mail.outbox) == 0


def test_unknown_attendance_choice_is_refused(client):
    event = make_event(event_format="hybrid", capacity_online=10)
    response = client.post(event.url, form_data(attendance_mode="vip-lounge"))
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_error_messages_are_in_chinese_on_the_chinese_page(client):
    event = make_event()
    response = client.post(event.url, form_data(phone="123"))
    assert "请输入11位大陆手机号" in response.content.decode()


def test_honeypot_pretends_success_and_stores_nothing(client):
    event = make_event()
    response = client.post(event.url, form_data(fax_number="+1 555 0100"))
    assert response.status_code == 302 and response["Location"].endswith("?received=1#register")
    assert Registration.objects.count() == 0


@override_settings(RATE_LIMIT_PER_IP=(2, 3600))
def test_rate_limit_per_ip(client):
    event = make_event(capacity_onsite=50)
    assert client.post(event.url, form_data()).status_code == 302
    assert client.post(event.url, form_data()).status_code == 302
    response = client.post(event.url, form_data())
    assert response.status_code == 429
    assert Registration.objects.count() == 2


@override_settings(EMAIL_BACKEND="tests.failing_mail.FailingBackend")
def test_failing_mail_server_keeps_the_registration_and_records_the_error(client):
    event = make_event()
    response = client.post(event.url, form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert "SMTP" in registration.email_error


def test_forged_confirmation_links_are_404(client):
    assert client.get("/en/registrations/forged-token/").status_code == 404
    assert client.post("/en/registrations/forged-token/cancel/").status_code == 404


def test_event_pages_are_never_cached(client):
    event = make_event()
    response = client.get(event.url)
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_calendar_download_and_json_ld(client):
    event = translate_to_english(make_event())
    response = client.get(f"/en/events/{event.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "DTEND:" in body and f"URL:http://testserver{event.url}" in body
    html = client.get(event.url).content.decode()
    assert '"@type": "Event"' in html and '"startDate"' in html
