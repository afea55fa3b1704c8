"""Form pages built by editors: both languages store under one set of keys, protected, confirmed, exported."""

import csv
import io
import time
import uuid

from django.core import mail

from wagtail.models import Page

import pytest
from openpyxl import load_workbook

from home.security.spam import sign_render_time
from surveys.models import FormPage, SurveyFormField, SurveySubmission
from tests.factories import locale, translate_to_english

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def emails_after_commit_run_at_once(monkeypatch):
    monkeypatch.setattr("surveys.submissions.after_commit", lambda callback: callback())


@pytest.fixture
def survey() -> tuple[FormPage, FormPage]:
    home = Page.objects.get(depth=2, locale=locale("zh-hans"))
    page = FormPage(title="会员满意度调查", slug="survey", intro="请填写。", thank_you_text="感谢您的反馈。")
    page.form_fields = [
        SurveyFormField(label="姓名", field_type="singleline", required=True, sort_order=0),
        SurveyFormField(label="电子邮箱", field_type="email", required=True, sort_order=1),
        SurveyFormField(label="意见", field_type="multiline", required=False, sort_order=2),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    english = {
        "会员满意度调查": "Member satisfaction survey",
        "请填写。": "Please fill in the form.",
        "感谢您的反馈。": "Thank you for your feedback.",
        "姓名": "Name",
        "电子邮箱": "E-mail",
        "意见": "Comments",
    }
    return page, translate_to_english(page, english)


def answers(page: FormPage, **values) -> dict:
    keys = [field.clean_name for field in page.form_fields.order_by("sort_order")]
    data = dict(zip(keys, ["王芳", "wang@example.org", "很好"], strict=True))
    data.update(values)
    return {
        **data,
        "consent": "on",
        "submission_token": (token := str(uuid.uuid4())),
        # The signed render time is bound to the form's submission token (home.security.spam).
        "form_rendered_at": sign_render_time(time.time() - 30, token=token),
    }


def test_both_languages_share_the_field_keys_and_one_list_of_submissions(client, survey):
    chinese, english = survey
    zh_keys = [f.clean_name for f in chinese.form_fields.order_by("sort_order")]
    en_keys = [f.clean_name for f in english.specific.form_fields.order_by("sort_order")]
    assert zh_keys == en_keys and all(key.isascii() for key in zh_keys)

    assert client.post(chinese.url, answers(chinese)).status_code == 200
    assert client.post(english.url, answers(english, **{zh_keys[0]: "Anna"})).status_code == 200
    submissions = SurveySubmission.objects.filter(page=chinese)
    assert submissions.count() == 2
    assert {s.language for s in submissions} == {"zh-hans", "en"}
    assert all(set(s.form_data) == set(zh_keys) for s in submissions)


def test_a_submission_is_confirmed_by_e_mail_in_the_visitors_language(client, survey):
    chinese, english = survey
    response = client.post(english.url, answers(english, **{english.email_field_key(): "anna@example.org"}))
    assert "感谢您的反馈" in response.content.decode() or "Thank you" in response.content.decode()
    message = mail.outbox[-1]
    assert message.to == ["anna@example.org"]
    assert "We have received your submission" in message.body


def test_a_resubmitted_form_is_stored_once(client, survey):
    chinese, _english = survey
    data = answers(chinese)
    client.post(chinese.url, data)
    client.post(chinese.url, data)
    assert SurveySubmission.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status"),
    [({"consent": ""}, 400), ({"form_rendered_at": "forged"}, 400), ({"fax_number": "bot"}, 200)],
)
def test_refused_or_bot_submissions_store_nothing(client, survey, change, status):
    chinese, _english = survey
    data = {**answers(chinese), **change}
    assert client.post(chinese.url, data).status_code == status
    assert not SurveySubmission.objects.exists()


def test_submissions_export_csv_and_xlsx_with_chinese_intact_and_no_formulas(admin_client, client, survey):
    chinese, english = survey
    remark_key = chinese.form_fields.get(label="意见").clean_name
    client.post(chinese.url, answers(chinese, **{remark_key: "=HYPERLINK(1)"}))
    client.post(english.url, answers(english))
    listing = admin_client.get(f"/admin/forms/submissions/{chinese.pk}/")
    assert listing.status_code == 200 and "王芳" in listing.content.decode()

    exported = admin_client.get(f"/admin/forms/submissions/{chinese.pk}/?export=csv")
    raw = b"".join(exported.streaming_content).decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert "姓名" in rows[0] and len(rows) == 3
    assert any("'=HYPERLINK(1)" in row for row in rows)

    xlsx = admin_client.get(f"/admin/forms/submissions/{chinese.pk}/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    formula = next(cell for cell in cells if cell.value == "=HYPERLINK(1)")
    assert formula.data_type == "s"
