"""
E-mail confirmation mode (REGISTRATION_EMAIL_CONFIRMATION, off by default): a registration holds its place
until its owner confirms by the e-mailed link; unconfirmed in time, the scheduler's job cancels it and the
place goes to the waiting list.
"""

import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest

from news.models import Registration
from tests.factories import make_event, translate_to_english
from tests.test_event_registration import form_data, seats_text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("confirmation_mode"),
]


@pytest.fixture
def confirmation_mode(settings, monkeypatch):
    settings.REGISTRATION_EMAIL_CONFIRMATION = True
    settings.REGISTRATION_CONFIRMATION_HOURS = 2
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


def registration_link(message) -> str:
    return re.search(r"http://testserver(/[a-z-]+/registrations/[^/\s]+/)\s", message.body).group(1)


def test_the_place_is_held_until_the_owner_confirms(client):
    event = translate_to_english(make_event(capacity_onsite=2))
    response = client.post(event.url, form_data(email="owner@example.org"))
    received = client.get(response["Location"]).content.decode()
    assert "Please confirm it with the link in the e-mail" in received and "within 2 hours" in received
    registration = Registration.objects.get()
    assert registration.awaits_email_confirmation and seats_text(client, event.url) == "1 of 2 places left"

    [request] = mail.outbox
    assert "Please confirm your registration" in request.subject and not request.attachments
    link = registration_link(request)
    page = client.get(link).content.decode()
    assert "Confirm my registration" in page
    registration.refresh_from_db()
    assert registration.confirm_by is not None, "a GET (a mail scanner) confirms nothing"

    assert client.post(link).status_code == 302
    registration.refresh_from_db()
    assert registration.confirm_by is None and registration.email_confirmed_at is not None
    assert "Registration confirmed" in client.get(link).content.decode()
    confirmed = mail.outbox[-1]
    assert "Registration confirmed" in confirmed.subject and confirmed.attachments  # now with the .ics
    assert client.post(link).status_code == 302 and len(mail.outbox) == 2, "confirming twice sends nothing more"


def test_unconfirmed_registrations_lapse_and_their_place_goes_to_the_waiting_list(client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    client.post(event.url, form_data(email="never-confirms@example.org"))
    client.post(event.url, form_data(email="waits@example.org"))
    lapsing = Registration.objects.get(email="never-confirms@example.org")
    waiting = Registration.objects.get(email="waits@example.org")
    assert (lapsing.status, waiting.status) == ("confirmed", "waitlisted")
    client.post(registration_link(mail.outbox[1]))  # the one waiting confirms its address
    mail.outbox.clear()

    call_command("expire_unconfirmed_registrations")  # not yet due: nothing happens
    assert Registration.objects.get(pk=lapsing.pk).status == "confirmed"

    Registration.objects.filter(pk=lapsing.pk).update(confirm_by=timezone.now() - datetime.timedelta(minutes=1))
    call_command("expire_unconfirmed_registrations")
    lapsing.refresh_from_db()
    waiting.refresh_from_db()
    assert lapsing.status == "cancelled" and waiting.status == "confirmed"
    assert [message.to for message in mail.outbox] == [["waits@example.org"]], "no e-mail to the lapsed address"
    assert waiting.reference in mail.outbox[0].subject  # "a place is free for you"


def test_an_unconfirmed_waiting_registration_does_not_queue(client):
    event = make_event(capacity_onsite=1, waitlist_enabled=True)
    client.post(event.url, form_data(email="first@example.org"))
    client.post(event.url, form_data(email="unconfirmed@example.org"))
    first = Registration.objects.get(email="first@example.org")
    client.post(registration_link(mail.outbox[0]))
    client.post(registration_link(mail.outbox[0]) + "cancel/")
    first.refresh_from_db()
    assert first.status == "cancelled"
    # The freed place is not given to a registration whose address nobody has confirmed.
    assert Registration.objects.get(email="unconfirmed@example.org").status == "waitlisted"


def test_a_repeat_before_confirming_sends_the_confirmation_request_again(client):
    event = make_event()
    client.post(event.url, form_data(email="owner@example.org"))
    client.post(event.url, form_data(email="owner@example.org"))
    assert len(mail.outbox) == 2 and all("请确认" in message.subject for message in mail.outbox)
    assert Registration.objects.count() == 1


@override_settings(REGISTRATION_EMAIL_CONFIRMATION=False)
def test_off_by_default_nothing_waits_for_confirmation(client):
    event = make_event()
    client.post(event.url, form_data())
    assert Registration.objects.get().confirm_by is None


def test_the_admin_shows_who_has_not_confirmed_and_cannot_check_them_in(admin_client, client):
    event = make_event()
    client.post(event.url, form_data(email="owner@example.org"))
    registration = Registration.objects.get()
    html = admin_client.get(f"/admin/registrations/?event={event.pk}").content.decode()
    assert "等待邮件确认" in html or "awaiting confirmation" in html
    assert f"/admin/registrations/{registration.pk}/action/check_in/" not in html
