"""Who exported, downloaded, looked at or decided what: every step in Wagtail's site history, filterable."""

import uuid

from django.contrib.auth.models import Group

from wagtail.models import ModelLogEntry

import pytest

from home.personal_data.audit import RecordSetLogEntry, log_export
from membership.models import MembershipApplication
from news.models import Registration
from tests.factories import make_event
from tests.people import apply, new_email, register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: callback())
    monkeypatch.setattr("membership.pipeline.after_commit", lambda callback: callback())


def staff_in(client, django_user_model, group: str):
    user = django_user_model.objects.create_user(f"staff-{uuid.uuid4().hex[:6]}", password="x")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def site_history(client, **filters) -> str:
    response = client.get("/admin/reports/site-history/", filters)
    assert response.status_code == 200
    return response.content.decode()


def test_downloading_the_registrations_csv_shows_in_the_site_history(client, django_user_model):
    """The issue's "Done when": the CSV download is in the site history, by whom, filterable by action."""
    event = make_event()
    register(type(client)(), event, new_email())
    user = staff_in(client, django_user_model, "活动报名 · Event registrations")
    assert client.get(f"/admin/registrations/export.csv?event={event.pk}&status=nonsense").status_code == 200

    entry = RecordSetLogEntry.objects.get(action="home.export")
    assert entry.user == user and entry.data == {"rows": 1, "format": "csv", "filters": {"event_id": str(event.pk)}}
    history = site_history(client, action="home.export")
    assert f"event_id={event.pk}" in history and "已导出 1 行（CSV）" in history
    assert user.username in history
    assert client.get(f"/admin/registrations/export.csv?event={event.pk}&format=xlsx").status_code == 200
    assert RecordSetLogEntry.objects.filter(action="home.export", data__format="xlsx", user=user).count() == 1


def test_membership_export_licence_download_view_and_decision_are_logged(client, django_user_model):
    email = new_email()
    application = apply(type(client)(), email, uuid.uuid4().hex)
    user = staff_in(client, django_user_model, "会员事务 · Membership affairs")
    client.get("/admin/membership/review/export.csv?status=submitted")
    client.get(f"/admin/membership/review/{application.pk}/")
    response = client.get(f"/admin/membership/review/{application.pk}/licence/")
    b"".join(response.streaming_content)
    client.post(f"/admin/membership/review/{application.pk}/", {"decision": "reject", "note": "Outside our region."})

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), user=user)
        .order_by("timestamp", "id")
        .values_list("action", flat=True)
    )
    assert actions[:3] == ["membership.view_application", "membership.download_licence", "membership.reject"]
    export = RecordSetLogEntry.objects.get(action="home.export", user=user)
    assert export.data["filters"] == {"status": "submitted"} and export.content_type.model == "membershipapplication"

    for action, message in [
        ("membership.download_licence", "已下载营业执照"),
        ("membership.reject", "未通过"),
        ("membership.view_application", "已查看"),
    ]:
        history = site_history(client, action=action)
        assert application.reference in history and message in history
        assert email not in history and "Outside our region" not in history
    assert "已下载营业执照" not in site_history(client, action="membership.reject")  # the filter filters


def test_log_entries_name_no_person(client, django_user_model):
    """Labels are references and counts: a registrant's name never goes into the log."""
    registration = register(type(client)(), make_event(), new_email(), name="赵六")
    log_export(None, Registration, rows=1, file_format="xlsx", filters={"event": registration.event_id, "q": ""})
    entry = RecordSetLogEntry.objects.get(action="home.export", user=None)
    assert entry.data["filters"] == {"event": str(registration.event_id)} and entry.data["format"] == "xlsx"
    assert "赵六" not in entry.label and registration.email not in str(entry.data)


def test_entries_on_sets_stay_visible_whatever_log_model_is_asked_first(django_user_model):
    """Wagtail caches allowed types on the user from the first log model asked; ours must not depend on it."""
    user = django_user_model.objects.create_user("registrations-only", password="x")
    user.groups.add(Group.objects.get(name="活动报名 · Event registrations"))
    log_export(user, Registration, rows=3, file_format="csv")
    log_export(user, MembershipApplication, rows=3, file_format="csv")
    ModelLogEntry.objects.viewable_by_user(user)  # computes and caches Wagtail's answer first
    visible = RecordSetLogEntry.objects.viewable_by_user(user)
    assert [entry.content_type.model for entry in visible] == ["registration"]
