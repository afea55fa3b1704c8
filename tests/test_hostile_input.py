"""
Hostile input, fired through the test client: the whole corpus at the event registration form and
the news listing, a sample at every other public parameter and form, odd methods, headers and bodies.
Never a 500; a refused submission stores nothing; an accepted one stores exactly what was meant.
"""

import time
import uuid

from django.test import Client, override_settings

import pytest

from home.security.spam import sign_render_time
from home.validators import strip_invisible
from membership.models import MembershipApplication
from news.models import Registration
from tests.factories import make_event
from tests.hostile_corpus import CORPUS, is_text, query, sample, to_bytes

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("unlimited"),
]

SEED_EVENT = "/zh-hans/news/chengdu-foreign-talent-fair-2024/"


@pytest.fixture
def unlimited(settings, monkeypatch):
    settings.RATE_LIMIT_PER_IP = (1_000_000, 3600)
    settings.RATE_LIMIT_PER_EMAIL = (1_000_000, 3600)
    settings.REGISTRATION_LIMIT_PER_IP_AND_EVENT = (1_000_000, 86400)
    monkeypatch.setattr("news.registration_service.after_commit", lambda callback: None)
    monkeypatch.setattr("membership.pipeline.after_commit", lambda callback: None)


@pytest.fixture
def client():
    # Exceptions become responses (as in production), so a 500 is seen as a 500.
    return Client(raise_request_exception=False)


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code)


def _registration_body(token: str, **fields) -> bytes:
    data = {
        "name": "Alice",
        "organisation": "Example Ltd",
        "job_title": "",
        "phone": "13800138000",
        "email": f"{uuid.uuid4().hex[:12]}@example.org",
        "remarks": "",
        "consent": "on",
        "submission_token": token,
        "form_rendered_at": sign_render_time(time.time() - 30, token),
        "fax_number": "",
        **fields,
    }
    return query(**data).encode("ascii")


def _post_registration(client, url, **fields):
    token = str(uuid.uuid4())
    body = _registration_body(token, **fields)
    return client.generic("POST", url, body, content_type="application/x-www-form-urlencoded"), token


def _expected_text(value) -> str:
    text = to_bytes(value).decode("utf-8", "replace")
    return strip_invisible(text).strip()


def test_the_whole_corpus_at_the_registration_form(client):
    # Four corpus values per submission, one in each free-text field, rotating: every value reaches the
    # form, in a quarter of the requests (this test must stay fast).
    event = make_event(capacity_onsite=10_000)
    text_fields = ["name", "organisation", "job_title", "remarks"]
    accepted = refused = 0
    for start in range(0, len(CORPUS), len(text_fields)):
        values = CORPUS[start : start + len(text_fields)]
        fields = dict(zip(text_fields[start // 4 % 4 :] + text_fields[: start // 4 % 4], values, strict=False))
        before = Registration.objects.count()
        response, token = _post_registration(client, event.url, **fields)
        assert_no_server_error(response, fields)
        stored = Registration.objects.filter(submission_token=token).first()
        if response.status_code == 302:
            accepted += 1
            assert stored is not None, fields
            for field, value in fields.items():
                assert getattr(stored, field) == _expected_text(value), (field, value)
        else:
            refused += 1
            assert response.status_code == 400, (fields, response.status_code)
            assert stored is None and Registration.objects.count() == before, fields
    assert accepted > 10 and refused > 10  # the corpus exercises both paths


def test_a_sample_at_every_other_registration_field(client):
    event = make_event(capacity_onsite=10_000, event_format="hybrid", capacity_online=10_000)
    fields = ["phone", "email", "attendance_mode", "consent", "submission_token", "form_rendered_at", "fax_number"]
    values = sample(3 * len(fields))
    for index, field in enumerate(fields):
        for value in values[index :: len(fields)][:3]:
            before = Registration.objects.count()
            response, _token = _post_registration(client, event.url, **{"attendance_mode": "onsite", field: value})
            assert_no_server_error(response, (field, value))
            if response.status_code != 302:
                assert Registration.objects.count() == before, (field, value)


def test_the_whole_corpus_at_the_member_directory(client):
    # Four corpus values per request, one in each parameter, rotating: every value reaches the listing's
    # filters, search and paging, in a quarter of the requests.
    names = ["industry", "grade", "q", "page"]
    for start in range(0, len(CORPUS), len(names)):
        values = CORPUS[start : start + len(names)]
        shift = start // 4 % 4
        params = dict(zip(names[shift:] + names[:shift], values, strict=False))
        response = client.get("/en/members/", QUERY_STRING=query(**params))
        assert_no_server_error(response, params)
        assert response.status_code in (200, 400, 404), (params, response.status_code)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/en/search/", ["q", "page"]),
        ("/zh-hans/search/", ["q"]),
        ("/en/members/", ["industry", "grade", "q", "page"]),
        ("/zh-hans/", ["q", "page", "lang"]),
        ("/en/news/", ["category", "page", "when"]),
        ("/zh-hans/news/", ["when", "page"]),
        (SEED_EVENT, ["received", "page"]),
        ("/en/join/", ["received"]),
        ("/en/feeds/news.xml", ["category"]),
        ("/sitemap.xml", ["p"]),
        ("/", ["next"]),
    ],
)
def test_a_sample_at_every_public_parameter(client, path, params):
    for value in sample(8, seed=len(path))[:12]:
        response = client.get(path, QUERY_STRING=query(**dict.fromkeys(params, value)))
        assert_no_server_error(response, (path, value))


@pytest.mark.parametrize(
    "template", ["/en/registrations/{}/", "/en/registrations/{}/cancel/", "/en/membership/applications/{}/"]
)
def test_a_sample_in_signed_link_tokens(client, template):
    from urllib.parse import quote_from_bytes

    for value in sample(10):
        segment = quote_from_bytes(to_bytes(value), safe="") or "x"
        for method in ("GET", "POST"):
            response = client.generic(method, template.format(segment))
            assert_no_server_error(response, (template, value))
            assert response.status_code in (400, 404), (template, value, response.status_code)


def test_a_sample_at_the_membership_form(client):
    from tests.test_membership import application_data, pdf

    fields = [
        "company_name_zh",
        "company_name_en",
        "uscc",
        "registered_address",
        "website",
        "main_business",
        "contact_name",
        "contact_phone",
        "contact_email",
        "industry",
        "requested_grade",
        "registered_in",
        "employees",
    ]
    values = sample(2 * len(fields))
    for index, field in enumerate(fields):
        for value in values[index :: len(fields)][:2]:
            before = MembershipApplication.objects.count()
            if is_text(value):
                data = application_data(**{field: value})
                response = client.post("/en/join/", data)
            else:  # bytes that are not UTF-8: a raw urlencoded body (no file: refused)
                data = {k: v for k, v in application_data().items() if k != "licence_file"}
                body = query(**{**data, field: value}).encode("ascii")
                response = client.generic("POST", "/en/join/", body, content_type="application/x-www-form-urlencoded")
            assert_no_server_error(response, (field, value))
            if response.status_code != 302:
                assert response.status_code == 400, (field, value, response.status_code)
                assert MembershipApplication.objects.count() == before, (field, value)
    for name in (
        "../../etc/passwd",
        "a\x00.pdf",
        "<script>.pdf",
        "中文名称.pdf",
        "x" * 300 + ".pdf",
        ".pdf",
        "a.pdf.",
    ):
        response = client.post("/en/join/", application_data(licence_file=pdf(name)))
        assert_no_server_error(response, name)


def test_a_sample_at_the_language_switch(client):
    for value in sample(20):
        response = client.generic(
            "POST",
            "/i18n/setlang/",
            query(language=value, next=value).encode("ascii"),
            content_type="application/x-www-form-urlencoded",
        )
        assert_no_server_error(response, value)
        location = response.headers.get("Location", "")
        assert not location.startswith(("//", "http://", "https://")) or location.startswith("http://testserver")


def test_closed_seed_event_refuses_hostile_registrations(client):
    before = Registration.objects.count()
    for value in sample(5):
        response, _token = _post_registration(client, SEED_EVENT, name=value)
        assert_no_server_error(response, value)
    assert Registration.objects.count() == before


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO", "HEAD"])
def test_odd_methods(client, method):
    event = make_event()
    for path in ("/zh-hans/", "/en/news/", "/en/search/?q=x", "/en/join/", event.url, "/i18n/setlang/", "/"):
        response = client.generic(method, path, b"a=b", content_type="application/x-www-form-urlencoded")
        assert_no_server_error(response, (method, path))
    assert Registration.objects.count() == 0


ODD_HEADERS = [
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "testserver:99999999"},
    {"HTTP_HOST": "[::1"},
    {"HTTP_HOST": "a" * 1000},
    {"HTTP_ACCEPT_LANGUAGE": "*;q=abc, zh-hans;q=2, ,,;"},
    {"HTTP_ACCEPT_LANGUAGE": "x" * 5000},
    {"HTTP_ACCEPT_LANGUAGE": "zh-Hans-CN-x-private-" + "a" * 100},
    {"HTTP_COOKIE": "django_language=../../etc/passwd; sessionid=' OR 1=1"},
    {"HTTP_COOKIE": "csrftoken=" + "x" * 5000},
    {"HTTP_COOKIE": "=; ;;=;a"},
    {"HTTP_X_FORWARDED_FOR": "not-an-ip, ' OR 1=1, " + "1." * 500},
    {"HTTP_X_FORWARDED_PROTO": "javascript"},
    {"HTTP_RANGE": "bytes=abc-"},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday"},
    {"HTTP_IF_NONE_MATCH": '"' * 100},
    {"HTTP_USER_AGENT": "<script>alert(1)</script>" * 200},
    {"HTTP_REFERER": "javascript:alert(1)"},
    {"CONTENT_LENGTH": "-1"},
    {"CONTENT_LENGTH": "abc"},
    {"REMOTE_ADDR": "not-an-address"},
]


@pytest.mark.parametrize("headers", ODD_HEADERS)
def test_odd_headers(client, headers, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    event = make_event()
    for path in ("/zh-hans/", "/en/news/?category=x", "/", "/admin/login/"):
        assert_no_server_error(client.get(path, **headers), (path, headers))
    response, _token = _post_registration(client, event.url)
    body = _registration_body(str(uuid.uuid4()))
    response = client.generic("POST", event.url, body, content_type="application/x-www-form-urlencoded", **headers)
    assert_no_server_error(response, headers)
    login = client.post("/admin/login/", {"username": "x", "password": "y"}, **headers)
    assert_no_server_error(login, headers)


ODD_BODIES = [
    ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--x--"),
    ("multipart/form-data; boundary=", b"--\r\n\r\n"),
    ("multipart/form-data; boundary=" + "a" * 200, b"--aaa\r\ntruncated"),
    ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'),
    (
        "multipart/form-data; boundary=x",
        b'--x\r\nContent-Disposition: form-data; filename="../../x"\r\n\r\n1\r\n--x--',
    ),
    ("multipart/form-data; boundary=x", b"--x\r\nContent-Type: text/plain\r\n\r\n1\r\n--x--\r\n"),
    ("application/x-www-form-urlencoded", b"%zz%=%&&&==&name=%ff%fe"),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(2000))),
    ("application/x-www-form-urlencoded; charset=utf-16", "name=测试".encode("utf-16")),
    ("application/x-www-form-urlencoded; charset=utf-32", "a=b".encode("utf-32")),
    ("application/json", b'{"name": "x", "consent": true}'),
    ("text/plain", b"name=x"),
    ("application/xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><a>&b;</a>'),
    ("", b"\x00" * 100),
    ("application/x-www-form-urlencoded", b"a=" + b"b" * 3_000_000),
]


@pytest.mark.parametrize(("content_type", "body"), ODD_BODIES, ids=range(len(ODD_BODIES)))
def test_odd_bodies(client, content_type, body):
    event = make_event()
    client.cookies["csrftoken"] = "a" * 32
    for path in (event.url, "/en/join/", "/i18n/setlang/", "/admin/login/", "/zh-hans/"):
        response = client.generic("POST", path, body, content_type=content_type)
        assert_no_server_error(response, (path, content_type))
    assert Registration.objects.count() == 0
    assert MembershipApplication.objects.count() == 0


@override_settings(REQUEST_MAX_BYTES=1000)
def test_an_oversized_hostile_body_is_413(client):
    response = client.generic(
        "POST", "/en/join/", b"a=" + b"b" * 5000, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
