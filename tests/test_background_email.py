"""E-mails are sent by the task worker: a submission is stored at once, a failed send is retried later."""

import datetime
import smtplib
import uuid

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from home.operations.background import MAX_ATTEMPTS, GaveUp
from news.models import Registration
from news.registration_service import Applicant, register
from news.tasks import registration_email
from tests.factories import make_event

pytestmark = pytest.mark.django_db

WORKER_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


class UnreachableSMTPBackend(BaseEmailBackend):
    """An SMTP server that does not answer."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def applicant(email: str = "li.lei@example.com") -> Applicant:
    return Applicant(
        name="李雷", organisation="成都某科技有限公司", job_title="", phone="13800138000", email=email, remarks="",
        attendance_mode="onsite", attendees=1, language="zh-hans", privacy_policy_version="test",
    )  # fmt: skip


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    # The worker closes connections between tasks (CONN_MAX_AGE); the test database lives in one.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def run_worker() -> None:
    call_command("db_worker", "--backend=background", "--queue-name=*", "--batch", "--no-startup-delay", verbosity=0)


@override_settings(TASKS=WORKER_TASKS)
def test_the_submission_is_stored_at_once_and_the_worker_sends_its_email(django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration, created = register(event, applicant(), uuid.uuid4())
    assert created and Registration.objects.filter(pk=registration.pk).exists()
    assert mail.outbox == [], "nothing is sent inside the request"
    assert DBTaskResult.objects.filter(status="READY", queue_name="email").count() == 1
    run_worker()
    assert [message.to for message in mail.outbox] == [["li.lei@example.com"]]
    registration.refresh_from_db()
    assert registration.email_sent_at is not None and registration.email_error == ""


@override_settings(TASKS=WORKER_TASKS, EMAIL_BACKEND="tests.test_background_email.UnreachableSMTPBackend")
def test_smtp_down_loses_nothing_and_retries_later(django_capture_on_commit_callbacks):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = register(event, applicant("han.meimei@example.com"), uuid.uuid4())
    run_worker()
    registration.refresh_from_db()
    assert registration.status and "421" in registration.email_error, "the admin shows the failure"
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now(), "retried after a delay, not in a loop"
    assert retry.args_kwargs["args"][-1] == 2, "the second attempt"


@override_settings(EMAIL_BACKEND="tests.test_background_email.UnreachableSMTPBackend")
def test_the_last_attempt_fails_the_task():
    event = make_event()
    registration, _created = register(event, applicant("wang.fang@example.com"), uuid.uuid4())
    with pytest.raises(GaveUp):
        registration_email.call(registration.pk, "received", MAX_ATTEMPTS)


@override_settings(TASKS=WORKER_TASKS)
def test_the_scheduler_prunes_task_results_past_their_retention(django_capture_on_commit_callbacks, settings):
    event = make_event()
    with django_capture_on_commit_callbacks(execute=True):
        register(event, applicant("old.task@example.com"), uuid.uuid4())
    run_worker()
    finished = DBTaskResult.objects.filter(queue_name="email").exclude(status="READY")
    assert finished.count() == 1
    days = settings.PERSONAL_DATA_RETENTION_DAYS["task_results"]
    finished.update(finished_at=timezone.now() - datetime.timedelta(days=days + 1))
    call_command("run_scheduler", "--once", verbosity=0)
    assert not DBTaskResult.objects.filter(queue_name="email").exists()
