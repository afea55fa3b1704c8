"""Retention: a period per kind, a dry run that lists what would go, an idempotent purge, the privacy page."""

import datetime
import io
import uuid

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest
from axes.models import AccessAttempt

from home.models import ScheduledJob
from home.personal_data.audit import RecordSetLogEntry
from membership.models import MembershipApplication
from news.models import EventPage, Registration
from tests.factories import make_event
from tests.people import apply, new_email, register, stored_files_containing, submit_form, tables_mentioning

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())
    monkeypatch.setattr("membership.pipeline.after_commit", lambda callback: callback())


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def ended(event: EventPage, days_ago: int) -> None:
    EventPage.objects.filter(pk=event.pk).update(start=ago(days_ago) - datetime.timedelta(hours=3), end=ago(days_ago))


def purge(*args) -> str:
    output = io.StringIO()
    call_command("purge_personal_data", *args, stdout=output)
    return output.getvalue()


def test_an_expired_registration_is_listed_by_the_dry_run_then_gone(client, django_capture_on_commit_callbacks):
    """The issue's "Done when": listed first, gone after the purge; a second run finds nothing."""
    visitor = type(client)()
    old_event, recent_event = make_event(), make_event()
    old_email = new_email()
    kept_for_the_count = register(visitor, old_event, old_email, name="钱七")
    cancelled = register(visitor, old_event, new_email())
    Registration.objects.filter(pk=cancelled.pk).update(status="cancelled")
    recent = register(visitor, recent_event, new_email())
    ended(old_event, days_ago=400)  # RETENTION_EVENT_REGISTRATIONS_DAYS defaults to 365
    ended(recent_event, days_ago=100)

    listing = purge("--dry-run")
    assert kept_for_the_count.reference in listing and cancelled.reference in listing
    assert recent.reference not in listing
    assert Registration.objects.get(pk=kept_for_the_count.pk).email == old_email  # the dry run changed nothing

    with django_capture_on_commit_callbacks(execute=True):
        report = purge()
    assert "event_registrations (after 1 year): 1 deleted, 1 anonymised" in report
    assert not Registration.objects.filter(pk=cancelled.pk).exists()
    anonymous = Registration.objects.get(pk=kept_for_the_count.pk)
    assert anonymous.status == "confirmed" and anonymous.name == "" and anonymous.email == ""
    assert tables_mentioning(old_email, "钱七") == {}
    assert Registration.objects.get(pk=recent.pk).email == recent.email

    assert "event_registrations (after 1 year): nothing to purge" in purge()  # idempotent
    assert "0 would go" in purge("--dry-run").split("\n")[0]
    entry = RecordSetLogEntry.objects.get(action="home.retention_purge", object_id="retention:event_registrations")
    assert entry.user is None and entry.data["anonymised"] == 1 and entry.data["deleted"] == 1


def test_the_scheduler_runs_the_purge_daily(client, django_capture_on_commit_callbacks):
    """The issue's "Done when" with the real scheduler: the dry run lists it, the scheduler's run removes it."""
    event = make_event()
    email = new_email()
    registration = register(type(client)(), event, email)
    ended(event, days_ago=366)
    assert registration.reference in purge("--dry-run")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
    assert tables_mentioning(email) == {}
    job = ScheduledJob.objects.get(name="purge_personal_data")
    assert job.last_error == "" and job.next_run_at > timezone.now() + datetime.timedelta(hours=23)


def test_closed_applications_go_with_their_licences_and_open_or_approved_ones_stay(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "closed_applications": 90}
    visitor = type(client)()
    tokens = {name: uuid.uuid4().hex for name in ("old_rejected", "new_rejected", "abandoned", "approved", "waiting")}
    applications = {name: apply(visitor, new_email(), token) for name, token in tokens.items()}
    states = {
        "old_rejected": {"status": "rejected", "decided_at": ago(100)},
        "new_rejected": {"status": "rejected", "decided_at": ago(10)},
        "abandoned": {"status": "info_requested", "updated_at": ago(100)},
        "approved": {"status": "approved", "decided_at": ago(1000)},
        "waiting": {"updated_at": ago(1000)},  # submitted, never decided: the secretariat still owes an answer
    }
    for name, fields in states.items():
        MembershipApplication.objects.filter(pk=applications[name].pk).update(**fields)

    listing = purge("--dry-run")
    going = {name for name, application in applications.items() if application.reference in listing}
    assert going == {"old_rejected", "abandoned"}
    assert "closed_applications (after 3 months)" in listing

    with django_capture_on_commit_callbacks(execute=True):
        report = purge()
    assert "closed_applications (after 3 months): 2 deleted, 0 anonymised, 2 files removed" in report
    remaining = set(MembershipApplication.objects.values_list("pk", flat=True))
    assert {name for name, application in applications.items() if application.pk in remaining} == {
        "new_rejected",
        "approved",
        "waiting",
    }
    assert stored_files_containing(tokens["old_rejected"]) == stored_files_containing(tokens["abandoned"]) == []
    assert stored_files_containing(tokens["approved"])
    assert "closed_applications (after 3 months): nothing to purge" in purge()


def test_old_form_submissions_are_deleted():
    old, recent = submit_form(new_email()), submit_form(new_email())
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=ago(400))
    assert f"F-{old.pk}" in purge("--dry-run") and f"F-{recent.pk}" not in purge("--dry-run")
    purge()
    assert list(FormSubmission.objects.filter(pk__in=[old.pk, recent.pk]).values_list("pk", flat=True)) == [recent.pk]


def test_old_sign_in_records_are_deleted(client):
    client.post("/admin/login/", {"username": "someone", "password": "wrong"})
    attempt = AccessAttempt.objects.get(username="someone")
    assert f"lockout-{attempt.pk}" not in purge("--dry-run")
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=ago(91))  # RETENTION_LOGIN_LOCKOUTS_DAYS: 90
    assert f"lockout-{attempt.pk}" in purge("--dry-run")
    purge()
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_privacy_page_shows_the_periods_from_the_same_settings(client, settings):
    """A fact block of the policy (section 6), written from PERSONAL_DATA_RETENTION_DAYS in both languages."""
    english = client.get("/en/privacy/").content.decode()
    retention = english.index("6. Retention")
    assert (
        retention
        < english.index("Event registrations: 1 year after the end of the event")
        < english.index("7. Your rights")
    )
    assert "until the Secretariat deletes it" not in english  # the seed's old sentence, no longer true
    assert "Form submissions: 1 year after they were sent" in english
    assert "6 months after the decision" in english
    assert "Records of sign-ins to the administration: 3 months" in english
    chinese = client.get("/zh-hans/privacy/").content.decode()
    assert "活动报名：活动结束后1年" in chinese and "表单提交：提交后1年" in chinese

    settings.PERSONAL_DATA_RETENTION_DAYS = {**settings.PERSONAL_DATA_RETENTION_DAYS, "event_registrations": 730}
    assert "Event registrations: 2 years after the end of the event" in client.get("/en/privacy/").content.decode()
    # Who can see the data: the staff who answer people's requests are named with the other groups.
    assert "Any personal data, to answer a request for a copy or deletion: group “Personal data requests”" in english
    assert "个人信息请求" in chinese
