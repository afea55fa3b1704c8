"""The scheduler: a page scheduled a minute ahead goes live when the scheduler runs; one server per run."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from home.models import ScheduledJob
from home.operations.scheduler import claim, configured_jobs, release, run_due_jobs
from news.models import ArticlePage
from tests.factories import section

pytestmark = pytest.mark.django_db


def later(minutes: int):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(minutes=minutes))


def test_a_scheduled_page_goes_live_when_the_scheduler_runs():
    news = section("news")
    page = ArticlePage(title="定时发布的新闻", locale=news.locale, live=False)
    news.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert not page.live  # not yet due

    with later(2):
        call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live


def test_only_one_server_runs_a_job_at_a_time():
    job = next(job for job in configured_jobs() if job.name == "publish_scheduled")
    ScheduledJob.objects.filter(name=job.name).delete()
    run_due_jobs("server-a")  # creates the row and runs once
    with later(2):
        assert claim(job, "server-a")
        # While server a holds the lease, nobody else runs it, even when the interval has passed.
        assert not claim(job, "server-b")
        release(job, "server-a")
        assert not claim(job, "server-b")  # and the run just made is not made twice
    with later(4):
        assert claim(job, "server-b")


def test_a_failing_job_does_not_stop_the_scheduler(settings):
    settings.SCHEDULER_JOBS = {"broken": (60, ["no_such_command"]), "publish_scheduled": (60, ["publish_scheduled"])}
    ran = run_due_jobs("server-a")
    assert ran == ["broken", "publish_scheduled"]
    assert "no_such_command" in ScheduledJob.objects.get(name="broken").last_error


def test_the_daily_analyze_job_gives_the_planner_statistics():
    assert "analyze_database" in {job.name for job in configured_jobs()}
    call_command("analyze_database")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'news_articlepage'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'news_articlepage'")
        assert cursor.fetchone()[0] > 0
