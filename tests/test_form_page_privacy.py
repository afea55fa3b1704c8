"""Form-page submissions as personal data: on the personal-data screen, erased, purged, their exports audited."""

import datetime
import io
import json
import uuid
import zipfile

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from home.personal_data.audit import RecordSetLogEntry
from surveys.models import SurveySubmission
from tests.people import new_email, tables_mentioning
from tests.test_form_pages import answers, survey  # noqa: F401 - `survey` is a fixture

pytestmark = pytest.mark.django_db
CONFIRMED = {"confirmed": "on", "stage": "confirm"}


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("surveys.submissions.after_commit", lambda callback: callback())


@pytest.fixture
def secretariat(django_user_model):
    user = django_user_model.objects.create_user(f"sec-{uuid.uuid4().hex[:6]}", password="x")
    user.groups.add(Group.objects.get(name="个人信息请求 · Personal data requests"))
    client = Client()
    client.force_login(user)
    return client


def test_a_form_page_submission_is_found_exported_and_erased(client, secretariat, survey):  # noqa: F811
    chinese, english = survey
    email = new_email()
    assert client.post(english.url, answers(english, **{english.email_field_key(): email})).status_code == 200
    submission = SurveySubmission.objects.get()

    html = secretariat.post("/admin/personal-data/", {"person": email}).content.decode()
    assert f"S-{submission.pk}" in html
    response = secretariat.post("/admin/personal-data/export/", {"person": email, "language": "en", **CONFIRMED})
    document = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("personal-data.json"))
    (record,) = document["records"]
    assert record["kind"] == "Form page submissions" and email in record["data"].values()

    secretariat.post("/admin/personal-data/erase/", {"person": email, **CONFIRMED})
    assert not SurveySubmission.objects.exists() and tables_mentioning(email) == {}


def test_old_form_page_submissions_are_purged(client, survey):  # noqa: F811
    chinese, _english = survey
    client.post(chinese.url, answers(chinese))
    submission = SurveySubmission.objects.get()
    SurveySubmission.objects.filter(pk=submission.pk).update(submit_time=timezone.now() - datetime.timedelta(days=400))
    output = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=output)
    assert f"S-{submission.pk}" in output.getvalue()
    call_command("purge_personal_data", stdout=io.StringIO())
    assert not SurveySubmission.objects.exists()


def test_exporting_submissions_is_in_the_site_history(admin_client, client, survey):  # noqa: F811
    chinese, _english = survey
    client.post(chinese.url, answers(chinese))
    b"".join(admin_client.get(f"/admin/forms/submissions/{chinese.pk}/?export=xlsx").streaming_content)
    entry = RecordSetLogEntry.objects.get(action="home.export")
    assert entry.data == {"rows": 1, "format": "xlsx", "filters": {"form": str(chinese.pk)}}
    assert (
        "已导出 1 行（XLSX）"
        in admin_client.get("/admin/reports/site-history/", {"action": "home.export"}).content.decode()
    )
