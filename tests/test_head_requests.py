"""
HEAD answers carry no body, with the headers of a GET, as gunicorn serves them.

Django's test client drops HEAD bodies itself (so does runserver), which would hide the bug: these tests call the
WSGI application of site_cms/wsgi.py, which is what gunicorn calls, and read every byte it returns. The same is
checked through gunicorn and nginx in tests/proxy/test_behind_nginx.py.
"""

import io

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import pytest

from site_cms.wsgi import application

pytestmark = pytest.mark.django_db

ARTICLE = "/zh-hans/news/service-outsourcing-jan-apr-2024/"


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    # As Django's test client does: a request must not close the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(method: str, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    """The status, headers and every body byte the WSGI application returns, as a server would send them."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, dict(response_headers)

    result = application(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return started["status"], started["headers"], body


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",  # a page
        "/en/news/",  # a listing
        "/en/feeds/news.xml",  # a feed
        "/sitemap.xml",  # a sitemap
        "/robots.txt",
        "/zh-hans/no-such-page/",  # an error page
        "/admin/login/",  # the admin (with a form and its CSRF cookie)
        "/static/css/site.css",  # a static file from whitenoise
    ],
)
def test_head_has_the_headers_of_a_get_and_no_body(path):
    get_status, get_headers, get_body = call("GET", path)
    head_status, head_headers, head_body = call("HEAD", path)
    assert head_body == b"", "a HEAD answer never carries a body"
    assert head_status == get_status
    assert head_headers["Content-Type"] == get_headers["Content-Type"]
    assert int(head_headers["Content-Length"]) == len(get_body) > 0


def test_head_of_a_cached_page_and_of_a_compressed_one(settings):
    settings.HTML_CACHE_SECONDS = 300
    call("GET", ARTICLE)
    status, headers, body = call("HEAD", ARTICLE, accept_encoding="br")
    assert (status, headers["X-Cache"], headers["Content-Encoding"], body) == ("200 OK", "hit", "br", b"")
    assert int(headers["Content-Length"]) == len(call("GET", ARTICLE, accept_encoding="br")[2])
    status, headers, body = call("HEAD", "/zh-hans/search/?q=外包", accept_encoding="gzip")
    assert headers["Content-Encoding"] == "gzip" and int(headers["Content-Length"]) > 0 and body == b""


def test_a_head_on_a_cold_cache_leaves_the_next_get_its_whole_page(settings):
    settings.HTML_CACHE_SECONDS = 300
    status, headers, body = call("HEAD", ARTICLE)
    assert (status, headers["X-Cache"], body) == ("200 OK", "miss", b"")
    status, headers, body = call("GET", ARTICLE)
    assert headers["X-Cache"] == "miss", "the HEAD stored nothing"
    assert int(headers["Content-Length"]) == len(body) and b"</html>" in body
    status, headers, cached = call("GET", ARTICLE)
    assert headers["X-Cache"] == "hit" and cached == body
