"""Membership: applying as a visitor, review by the secretariat, the directory."""

import io
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from PIL import Image

from home.security.spam import sign_render_time
from membership.models import Industry, MemberGrade, MembershipApplication, MemberUnit
from membership.validators import uscc_check_character

pytestmark = pytest.mark.django_db

VALID_USCC = "91350100M000100Y43"


def _minimal_pdf() -> bytes:
    # A real one-page PDF: uploads must open in pikepdf (a header and %%EOF alone are refused).
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


MINIMAL_PDF = _minimal_pdf()


@pytest.fixture(autouse=True)
def after_commit_runs_at_once(monkeypatch):
    monkeypatch.setattr("membership.pipeline.after_commit", lambda callback: callback())


def pdf(name="licence.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_bytes(size=(40, 30), mode="RGB") -> bytes:
    output = io.BytesIO()
    Image.new(mode, size).save(output, format="PNG")
    return output.getvalue()


def application_data(**overrides) -> dict:
    data = {
        "company_name_zh": "",
        "company_name_en": "Example Services GmbH",
        "registered_in": "mainland",
        "uscc": VALID_USCC,
        "country": "",
        "registration_number": "",
        "company_type": "foreign_invested",
        "industry": Industry.objects.get(slug="it-services").pk,
        "registered_address": "No. 1 Tianfu Avenue, Chengdu",
        "website": "https://example.org",
        "employees": "50-199",
        "main_business": "Software development and IT outsourcing.",
        "requested_grade": MemberGrade.objects.get(slug="member").pk,
        "contact_name": "Anna Müller",
        "contact_job_title": "Managing Director",
        "contact_phone": "+49 30 1234567",
        "contact_email": f"anna-{uuid.uuid4().hex[:6]}@example.org",
        "contact_wechat": "",
        "licence_file": pdf(),
        "consent_processing": "on",
        "consent_directory": "on",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    # The signed timestamp is bound to the submission token (home.security.spam).
    data.setdefault("form_rendered_at", sign_render_time(time.time() - 60, data["submission_token"]))
    return {key: value for key, value in data.items() if value is not None}


def stored_files() -> list[Path]:
    return [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]


def reviewer(django_user_model):
    user = django_user_model.objects.create_user(f"reviewer-{uuid.uuid4().hex[:6]}", password="x")
    user.groups.add(Group.objects.get(name="会员事务 · Membership affairs"))
    return user


def test_uscc_check_character():
    assert uscc_check_character(VALID_USCC[:17]) == VALID_USCC[17]
    assert uscc_check_character("91110000802100433") == "B"


def test_english_visitor_applies_and_gets_reference_and_emails(client):
    response = client.post("/en/join/", application_data())
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.reference.startswith("M20") and application.reference.endswith(f"{application.pk:06d}")
    status_page = client.get(response["Location"]).content.decode()
    assert application.reference in status_page and "Submitted, awaiting review" in status_page
    applicant_mail, secretariat_mail = mail.outbox
    assert applicant_mail.to == [application.contact_email] and "application received" in applicant_mail.subject
    assert "/en/membership/applications/" in applicant_mail.body
    assert secretariat_mail.to == ["support@cdats.org.cn"] and "新的入会申请" in secretariat_mail.subject
    assert application.licence_content_type == "application/pdf"
    assert application.privacy_policy_version.startswith("page-")
    assert len(stored_files()) >= 1


def test_company_registered_abroad_gives_country_and_number(client):
    data = application_data(registered_in="abroad", uscc="", country="Germany", registration_number="HRB 12345")
    assert client.post("/en/join/", data).status_code == 302
    assert MembershipApplication.objects.get().uscc == ""
    response = client.post("/en/join/", application_data(registered_in="abroad", uscc=""))
    assert response.status_code == 400 and "Required for a company registered outside mainland China" in (
        response.content.decode()
    )


def test_double_submission_stores_one_application(client):
    data = application_data()
    first = client.post("/en/join/", data)
    data["licence_file"] = pdf()
    second = client.post("/en/join/", data)
    assert first["Location"] == second["Location"]
    assert MembershipApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"uscc": VALID_USCC[:17] + "4"}, "not valid"),
        ({"uscc": VALID_USCC[:17]}, "you entered 17"),
        ({"uscc": VALID_USCC + "1"}, "you entered 19"),
        ({"uscc": "91350100M000100I43"}, "never used"),
        ({"licence_file": pdf(content=b"<html><script>alert(1)</script></html>")}, "PDF, JPEG or PNG"),
        ({"licence_file": pdf("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')}, "PDF, JPEG or PNG"),
        ({"licence_file": pdf(content=b"")}, "empty"),
        ({"licence_file": pdf(content=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1))}, "larger than 10 MB"),
        ({"licence_file": SimpleUploadedFile("bomb.png", png_bytes((20000, 20000), "1"))}, "too large"),
        ({"licence_file": SimpleUploadedFile("fake.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 50)}, "damaged"),
        ({"licence_file": None}, "This field is required"),
        ({"company_name_en": "Evil\r\nBcc: x@example.org"}, "single line"),
        ({"main_business": "x" * 10000}, "at most 2000 characters"),
        ({"company_type": "galactic-empire"}, "Select a valid choice"),
        ({"industry": "99999"}, "Select a valid choice"),
        ({"consent_processing": None}, "This field is required"),
        ({"company_name_en": ""}, "Enter the company name in Chinese or in English"),
        ({"contact_phone": "12345"}, "11-digit mainland mobile"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(client, overrides, message):
    files_before = set(stored_files())
    response = client.post("/en/join/", application_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MembershipApplication.objects.count() == 0
    assert set(stored_files()) == files_before
    assert mail.outbox == []


def test_wrong_check_character_message_in_chinese(client):
    response = client.post("/zh-hans/join/", application_data(uscc=VALID_USCC[:17] + "4"))
    assert "统一社会信用代码无效" in response.content.decode()


def test_path_traversal_names_never_reach_the_disk(client):
    client.post("/en/join/", application_data(licence_file=pdf("../../../etc/passwd.pdf")))
    application = MembershipApplication.objects.get()
    assert ".." not in application.licence_file.name and "passwd" not in application.licence_file.name


def test_images_are_reencoded(client):
    upload = SimpleUploadedFile("scan.png", png_bytes() + b"<script>trailing junk</script>")
    assert client.post("/en/join/", application_data(licence_file=upload)).status_code == 302
    application = MembershipApplication.objects.get()
    stored = application.licence_file.open("rb").read()
    assert stored.startswith(b"\x89PNG") and b"<script>" not in stored


def test_failed_submission_leaves_no_row_and_no_file(client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("membership.pipeline.ApplicationEvent.objects.create", explode)
    files_before = set(stored_files())
    with pytest.raises(RuntimeError):
        client.post("/en/join/", application_data())
    assert MembershipApplication.objects.count() == 0
    assert set(stored_files()) == files_before


def test_licence_is_never_public_and_needs_the_review_permission(client, django_user_model):
    client.post("/en/join/", application_data())
    application = MembershipApplication.objects.get()
    download = f"/admin/membership/review/{application.pk}/licence/"
    assert client.get(f"/media/{application.licence_file.name}").status_code == 404
    assert client.get(download).status_code == 302  # to the login page
    staff = django_user_model.objects.create_user("staff-without-permission", password="x")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(download).status_code in (302, 403)
    client.force_login(reviewer(django_user_model))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_approval_puts_the_company_in_the_directory_in_both_languages(client, django_user_model):
    client.post("/en/join/", application_data(company_name_zh="示例服务有限公司"))
    application = MembershipApplication.objects.get()
    client.force_login(reviewer(django_user_model))
    response = client.post(f"/admin/membership/review/{application.pk}/", {"decision": "approve", "note": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and application.member_unit.published
    assert application.events.filter(action="approved", user__isnull=False).exists()
    client.logout()
    assert "Example Services GmbH" in client.get("/en/members/").content.decode()
    assert "示例服务有限公司" in client.get("/zh-hans/members/").content.decode()
    from membership.status_links import status_url

    assert "Approved" in client.get(status_url(application)).content.decode()


def test_approval_without_directory_consent_stays_unpublished(client, django_user_model):
    client.post("/en/join/", application_data(consent_directory=None))
    application = MembershipApplication.objects.get()
    client.force_login(reviewer(django_user_model))
    client.post(f"/admin/membership/review/{application.pk}/", {"decision": "approve"})
    application.refresh_from_db()
    assert application.member_unit.published is False
    client.logout()
    assert "Example Services GmbH" not in client.get("/en/members/").content.decode()
    assert client.get(f"/en/members/{application.member_unit.pk}/").status_code == 404


def test_request_information_and_the_applicants_reply(client, django_user_model):
    client.post("/en/join/", application_data())
    application = MembershipApplication.objects.get()
    staff = client.__class__()
    staff.force_login(reviewer(django_user_model))
    assert staff.post(f"/admin/membership/review/{application.pk}/", {"decision": "request_info"}).status_code == 200
    staff.post(
        f"/admin/membership/review/{application.pk}/",
        {"decision": "request_info", "note": "Please upload a clearer scan."},
    )
    application.refresh_from_db()
    assert application.status == "info_requested"
    assert "Please upload a clearer scan." in mail.outbox[-1].body

    from membership.status_links import status_url

    url = status_url(application)
    assert "clearer scan" in client.get(url).content.decode()
    old_file = application.licence_file.name
    response = client.post(url, {"note": "Here it is.", "licence_file": pdf("new.pdf")})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.licence_file.name != old_file
    assert list(application.events.values_list("action", flat=True)) == ["submitted", "info_requested", "replied"]


def test_rejection_sends_the_reason(client, django_user_model):
    client.post("/en/join/", application_data())
    application = MembershipApplication.objects.get()
    client.force_login(reviewer(django_user_model))
    client.post(f"/admin/membership/review/{application.pk}/", {"decision": "reject", "note": "Outside our region."})
    application.refresh_from_db()
    assert application.status == "rejected"
    assert "Outside our region." in mail.outbox[-1].body


def test_admin_lists_filters_and_exports_applications(client, django_user_model):
    client.post("/en/join/", application_data(company_name_zh="=cmd|' /C calc'!A0"))
    client.force_login(reviewer(django_user_model))
    html = client.get("/admin/membership/applications/?status=submitted").content.decode()
    assert "Example Services GmbH" in html
    export = client.get("/admin/membership/review/export.csv")
    assert export.content.startswith(b"\xef\xbb\xbf")
    assert "'=cmd" in export.content.decode("utf-8-sig")


def test_directory_filters_search_and_detail(client):
    it = Industry.objects.get(slug="it-services")
    finance = Industry.objects.get(slug="finance")
    # A second grade, as the Secretariat may define one (the seed knows only 会员单位): the filter appears.
    grade = MemberGrade.objects.create(slug="council-member", name_zh_hans="理事单位", name_en="Council Member")
    alpha = MemberUnit.objects.create(name_zh_hans="阿尔法科技", name_en="Alpha Tech", industry=it, published=True)
    MemberUnit.objects.create(
        name_zh_hans="贝塔金融", name_en="Beta Finance", industry=finance, grade=grade, published=True
    )
    MemberUnit.objects.create(name_zh_hans="隐藏公司", name_en="Hidden Co", industry=it, published=False)
    MemberUnit.objects.create(name_zh_hans="只有中文名的公司", industry=it, published=True)

    html = client.get("/en/members/").content.decode()
    assert "Alpha Tech" in html and "Beta Finance" in html and "Hidden Co" not in html
    assert '<a href="/en/members/' in html and 'lang="zh-hans">只有中文名的公司' in html
    assert "Beta Finance" not in client.get("/en/members/?industry=it-services").content.decode()
    assert "Alpha Tech" not in client.get("/en/members/?grade=council-member").content.decode()
    assert "Alpha Tech" in client.get("/en/members/?q=alpha").content.decode()
    assert "Alpha Tech" in client.get("/en/members/?q=阿尔法").content.decode()
    assert client.get("/en/members/?q=%00' OR 1=1 --").status_code == 200
    assert client.get("/en/members/?page=abc").status_code == 404
    detail = client.get(f"/en/members/{alpha.pk}/")
    assert detail.status_code == 200 and "Alpha Tech" in detail.content.decode()
    assert "阿尔法科技" in client.get(f"/zh-hans/members/{alpha.pk}/").content.decode()


def test_directory_query_count_is_constant(client):
    it = Industry.objects.get(slug="it-services")

    def count() -> int:
        client.get("/en/members/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/members/").status_code == 200
        return len(queries)

    for number in range(5):
        MemberUnit.objects.create(name_zh_hans=f"公司{number}", industry=it, published=True)
    few = count()
    for number in range(40):
        MemberUnit.objects.create(name_zh_hans=f"更多公司{number}", industry=it, published=True)
    assert count() == few


def test_only_published_members_appear_in_search_and_sitemap(client):
    it = Industry.objects.get(slug="it-services")
    shown = MemberUnit.objects.create(
        name_zh_hans="公开软件公司", name_en="Open Software Co", industry=it, published=True
    )
    hidden = MemberUnit.objects.create(name_zh_hans="隐藏软件公司", name_en="Hidden Software Co", industry=it)
    results = client.get("/zh-hans/search/?q=软件公司").content.decode()
    assert "公开软件公司" in results and "隐藏软件公司" not in results
    sitemap = client.get("/sitemap-members-1.xml").content.decode()
    assert f"/en/members/{shown.pk}/" in sitemap and f"/members/{hidden.pk}/" not in sitemap
