"""
The registration form tells an outsider nothing about who is registered: a new address and one already
registered land on the same page; the details and the cancel link go only by e-mail to the address.
"""

import re

from django.core import mail
from django.test import override_settings

import pytest

from news.models import Registration
from tests.factories import make_event, translate_to_english
from tests.test_event_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())


def without_tokens(html: str) -> str:
    """A page's HTML without what differs on every request (CSRF tokens, signed form timestamps)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'name="form_rendered_at" value="[^"]+"', "", html)
    return re.sub(r'name="submission_token" value="[^"]+"', "", html)


def test_a_registered_address_and_a_new_one_land_on_the_same_page(client):
    event = translate_to_english(make_event(capacity_onsite=10))
    client.post(event.url, form_data(email="owner@example.org", name="Owner Person"))
    mail.outbox.clear()

    repeat = client.post(event.url, form_data(email="OWNER@example.org", name="Prober"))
    new = client.post(event.url, form_data(email="someone-new@example.org", name="Newcomer"))
    assert (repeat.status_code, repeat["Location"]) == (new.status_code, new["Location"]) == (302, repeat["Location"])
    assert repeat.content == new.content

    # The page both land on shows receipt and the event, never a registrant's details or links.
    received = client.get(new["Location"]).content.decode()
    assert "We have received your registration" in received
    for registration in Registration.objects.all():
        assert registration.reference not in received and registration.name not in received
    assert "/registrations/" not in received and "owner@example.org" not in received.casefold()
    assert without_tokens(received) == without_tokens(client.get(new["Location"]).content.decode())

    # Only the owner of the registered address hears of the repeat: its details, again, by e-mail.
    reminder, receipt = sorted(mail.outbox, key=lambda message: message.to[0])
    assert reminder.to == ["owner@example.org"] and "already registered" in reminder.subject
    owner = Registration.objects.get(email="owner@example.org")
    assert owner.reference in reminder.body and "/cancel/" in reminder.body and "Prober" not in reminder.body
    assert receipt.to == ["someone-new@example.org"]
    assert Registration.objects.filter(email_normalised="owner@example.org").count() == 1


def test_the_reminder_goes_in_the_owners_language():
    from django.test import Client

    event = make_event()
    english = translate_to_english(event)
    Client().post(event.url, form_data(email="zhang@example.org", name="张三"))
    mail.outbox.clear()
    Client().post(english.url, form_data(email="zhang@example.org"))
    assert len(mail.outbox) == 1 and "您已报名" in mail.outbox[0].subject


def test_a_full_event_refuses_a_new_address_and_a_registered_one_alike(client):
    event = translate_to_english(make_event(capacity_onsite=3, group_registration=True, max_group_size=5))
    assert client.post(event.url, form_data(email="owner@example.org", attendees="1")).status_code == 302
    too_many = {"attendees": "3"}  # more than the two places left
    repeat = client.post(event.url, form_data(email="owner@example.org", **too_many))
    new = client.post(event.url, form_data(email="new@example.org", **too_many))
    assert repeat.status_code == new.status_code
    assert "fully booked" in repeat.content.decode() and "fully booked" in new.content.decode()
    # The form shown again differs only in the address it was given.
    repeat_html = without_tokens(repeat.content.decode()).replace("owner@example.org", "ADDRESS")
    assert repeat_html == without_tokens(new.content.decode()).replace("new@example.org", "ADDRESS")
    assert Registration.objects.count() == 1


@override_settings(REGISTRATION_REMINDER_LIMIT=(2, 86400))
def test_reminders_are_capped_per_address(client):
    event = make_event()
    client.post(event.url, form_data(email="owner@example.org"))
    mail.outbox.clear()
    for _ in range(4):
        assert client.post(event.url, form_data(email="owner@example.org")).status_code == 302
    assert len(mail.outbox) == 2
    assert Registration.objects.count() == 1


@override_settings(REGISTRATION_LIMIT_PER_IP_AND_EVENT=(2, 86400))
def test_registrations_per_ip_and_event_are_capped(client):
    event, other_event = make_event(capacity_onsite=50), make_event(capacity_onsite=50)
    assert client.post(event.url, form_data()).status_code == 302
    assert client.post(event.url, form_data()).status_code == 302
    refused = client.post(event.url, form_data())
    assert refused.status_code == 429
    assert "Too many registrations for this event from your network" in refused.content.decode() or (
        "今天来自您所在网络的本活动报名过多" in refused.content.decode()
    )
    assert Registration.objects.filter(event=event).count() == 2
    # Another event, and another address on the same event, are not held back.
    assert client.post(other_event.url, form_data()).status_code == 302
    assert client.post(event.url, form_data(), REMOTE_ADDR="198.51.100.7").status_code == 302
    assert Registration.objects.count() == 4


def test_a_double_click_still_lands_once_on_the_same_page(client):
    event = make_event()
    data = form_data(email="double@example.org")
    first, second = client.post(event.url, data), client.post(event.url, data)
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1 and len(mail.outbox) == 1  # no reminder for one's own double click
