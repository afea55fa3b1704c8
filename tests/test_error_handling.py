"""Undecodable bodies get a 400 (never a 500); DisallowedHost is one log line."""

import io
import logging

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


def csrf_client() -> Client:
    # With a CSRF cookie, CsrfViewMiddleware reads request.POST for the token: that is where decoding fails.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    return client


@pytest.mark.parametrize("path", ["/en/join/", "/zh-hans/", "/en/search/?q=x", "/i18n/setlang/", "/admin/login/"])
@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "utf-7", "no-such-charset"])
def test_a_non_utf8_urlencoded_post_gets_400(path, charset):
    client = csrf_client()
    body = "name=测试&csrfmiddlewaretoken=x".encode("utf-16")
    response = client.generic("POST", path, body, content_type=f"application/x-www-form-urlencoded; charset={charset}")
    # An unknown charset is ignored (read as UTF-8), so the CSRF check refuses the garbled token instead.
    assert response.status_code == (403 if charset == "no-such-charset" else 400), response.status_code


def test_utf16_post_answer_is_a_translated_400_page():
    client = csrf_client()
    body = "a=b".encode("utf-16")
    response = client.generic(
        "POST", "/zh-hans/", body, content_type="application/x-www-form-urlencoded; charset=utf-16"
    )
    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_disallowed_host_is_logged_as_one_line():
    handler = logging.getLogger("django.security.DisallowedHost").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = Client(raise_request_exception=False).get("/en/", HTTP_HOST="evil.example\r\nX: y")
        response_2 = Client(raise_request_exception=False).get("/en/", HTTP_HOST="attacker.example")
    finally:
        handler.setStream(previous)
    assert response.status_code == response_2.status_code == 400
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert "Invalid HTTP_HOST header" in lines[1] and "Traceback" not in stream.getvalue()


def test_nul_characters_are_dropped_from_the_query_string():
    client = Client(raise_request_exception=False)
    for path in ("/en/members/", "/en/news/"):
        for query in ("q=a%00b", "a%00=1", "page=%00", "industry=%00x&grade=a%00", "category=a%00b&when=%00"):
            assert client.get(path, QUERY_STRING=query).status_code in (200, 404), (path, query)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "not-an-address"}, None),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, garbage"}, "10.0.0.1"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}, "203.0.113.9"),
    ],
)
def test_an_address_that_is_not_an_ip_never_reaches_the_lockout_table(meta, expected, settings):
    from django.test import RequestFactory

    from home.security.spam import client_ip_or_none

    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_or_none(RequestFactory().get("/", **meta)) == expected
