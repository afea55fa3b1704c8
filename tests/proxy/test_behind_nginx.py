"""
The site as the README deploys it: the shipped nginx site (ops/nginx/cdats.conf, adapted to local ports by
ops/local_nginx.py, with a self-signed certificate) in front of gunicorn with ops/gunicorn.conf.py and production
settings, on a PostgreSQL database of its own (migrated, content loaded, collectstatic run, as a deployment does) and
Redis. Checked from outside, as visitors and crawlers see it:

- HEAD then GET on one keep-alive connection, from two clients at once: never a body that is not theirs; HEAD
  straight at gunicorn (raw sockets): no body, the Content-Length of the GET; a HEAD on a cold cache leaves the GET
  its whole page;
- 50 registrations posted while gunicorn reloads (HUP) and recycles its workers (small max_requests): no 502, none
  lost, none doubled, compared with the database;
- the header grade of MDN's own Observatory scorer (npm, tests/proxy/observatory): A+; each security header once;
- the micro-cache: hits, a spike on one URL reaching the app about once, never a form, a session or the admin, a
  publish visible within about a second;
- a password-protected page in both languages: the password form (never from a cache), the page once the password
  is given;
- nginx's bilingual error page when the app is down, for a page and a form post.

It installs nginx (Debian's package, apt-get) and the scorer (npm ci) when missing, and creates and drops its own
database: run it on its own, as `.ci/run` does —
    RUN_PROXY_TEST=1 PROXY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/proxy_test \\
        .venv/bin/pytest -q -p no:cacheprovider tests/proxy
PROXY_REDIS_URL (default redis://127.0.0.1:6379/13) is flushed.
"""

import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPSConnection
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import requests

from ops.local_nginx import LocalNginx, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
OBSERVATORY = Path(__file__).resolve().parent / "observatory"
DATABASE_URL = os.environ.get("PROXY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/proxy_test")
REDIS_URL = os.environ.get("PROXY_REDIS_URL", "redis://127.0.0.1:6379/13")

pytestmark = pytest.mark.skipif(
    os.environ.get("RUN_PROXY_TEST") != "1", reason="runs on its own in the PostgreSQL leg of .ci/run (RUN_PROXY_TEST)"
)

ARTICLE = "/zh-hans/news/service-outsourcing-jan-apr-2024/"
SECURITY_HEADERS = (
    "Strict-Transport-Security", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
    "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
)  # fmt: skip
EVENT_SETUP = """
import datetime
from django.utils import timezone
from news.models import EventPage, SectionPage
news = SectionPage.objects.get(slug="news", locale__language_code="zh-hans")
start = timezone.now() + datetime.timedelta(days=14)
event = EventPage(title="代理测试活动", slug="proxy-test-event", date=timezone.localdate(), summary="摘要",
                  start=start, end=start + datetime.timedelta(hours=3), venue="成都高新区", event_format="offline",
                  registration_enabled=True, capacity_onsite=500, locale=news.locale)
news.add_child(instance=event)
event.save_revision().publish()
print(event.url)
"""
REGISTERED = """
import json
from news.models import Registration
print(json.dumps(list(Registration.objects.filter(event__slug="proxy-test-event").values_list("email", flat=True))))
"""
PUBLISH = """
from wagtail.models import Page
page = Page.objects.get(url_path__endswith="/service-outsourcing-jan-apr-2024/", locale__language_code="zh-hans")
page = page.specific
page.title = {title!r}
page.save_revision().publish()
"""


# -- the deployment ----------------------------------------------------------------------------------------------
def _maintenance_connection(url: str) -> psycopg.Connection:
    parts = urlsplit(url)
    return psycopg.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres",
                           autocommit=True)  # fmt: skip


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    assert re.fullmatch(r"[a-z0-9_]+", name), name
    return name


def recreate_database(url: str) -> None:
    with _maintenance_connection(url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database_name(url)} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database_name(url)}")


def drop_database(url: str) -> None:
    with _maintenance_connection(url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database_name(url)} WITH (FORCE)")


def install_observatory() -> None:
    """MDN's scorer from the npm registry, as locked; its install scripts download lists we do not need (below)."""
    if not (OBSERVATORY / "node_modules" / "@mdn" / "mdn-http-observatory").exists():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], cwd=OBSERVATORY,
                       check=True)  # fmt: skip
    # The install script would fetch Chromium's HSTS preload list; 127.0.0.1 is on no such list, so an empty one
    # scores this host exactly as the full list would.
    preload = OBSERVATORY / "node_modules" / "@mdn" / "mdn-http-observatory" / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}", encoding="utf-8")


class Gunicorn:
    """gunicorn with the shipped config; its log (access lines included) in a file the tests read."""

    def __init__(self, env: dict, port: int, log: Path, **overrides: str):
        self.log = log
        self.port = port
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [BIN / "gunicorn", "-c", "ops/gunicorn.conf.py", "site_cms.wsgi"],
                cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **overrides},
                stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait(self, base: str, verify: str) -> None:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                # /healthz is never kept by the micro-cache: a 200 comes from this gunicorn.
                if requests.get(f"{base}/healthz", verify=verify, timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer through nginx:\n" + self.log.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=40)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    install_observatory()
    work = tmp_path_factory.mktemp("proxy")
    app_port = free_port()
    nginx = LocalNginx(app_port)
    recreate_database(DATABASE_URL)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "behind-nginx-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_BASE_URL": nginx.base,
        # Browsers send the port in Origin; the shipped file passes $host (no port) on, as on port 443.
        "CSRF_TRUSTED_ORIGINS": nginx.base,
        "TRUSTED_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
        # Every registration of the test comes from 127.0.0.1, 50 of them for one event within a minute.
        "RATE_LIMIT_PER_IP": "1000",
        "REGISTRATION_LIMIT_PER_IP_AND_EVENT": "1000",
        "FORM_MIN_SUBMIT_SECONDS": "1",
    }
    for name in ("PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    # As a deployment does; collectstatic needs no database and runs meanwhile.
    with ThreadPoolExecutor(max_workers=2) as pool:
        static = pool.submit(manage, env, "collectstatic", "--no-input", "-v0")
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_site_content")
        event = manage(env, "shell", "-c", EVENT_SETUP).split()[-1]
        static.result()
    gunicorn = Gunicorn(env, app_port, work / "gunicorn.log")
    deployment = {"nginx": nginx, "gunicorn": gunicorn, "env": env, "work": work, "event": event,
                  "base": nginx.base, "verify": str(nginx.certificate)}  # fmt: skip
    try:
        gunicorn.wait(nginx.base, str(nginx.certificate))
        yield deployment
    finally:
        deployment["gunicorn"].stop()
        nginx.stop()
        drop_database(DATABASE_URL)


def manage(env: dict, *arguments: str) -> str:
    """A management command under the deployment's settings; its output, or its error output when it fails."""
    command = [str(BIN / "python"), "manage.py", *arguments]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, f"manage.py {arguments[0]}:\n{completed.stderr[-3000:]}"
    return completed.stdout


def manage_shell(site, code: str) -> str:
    return manage(site["env"], "shell", "-c", code)


def get(site, path: str, **kwargs) -> requests.Response:
    return requests.get(site["base"] + path, verify=site["verify"], timeout=30, allow_redirects=False, **kwargs)


# -- HEAD ---------------------------------------------------------------------------------------------------------
def raw(port: int, method: str, path: str) -> tuple[str, dict[str, str], bytes]:
    """One request straight to gunicorn on a raw socket; every byte until it closes the connection."""
    request = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
               "Connection: close\r\n\r\n")  # fmt: skip
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request.encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    return status, {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}, body


HEAD_PATHS = [ARTICLE, "/zh-hans/", "/en/feeds/news.xml", "/sitemap.xml", "/robots.txt", "/zh-hans/no-such-page/",
              "/admin/login/", "/static/css/site.css"]  # fmt: skip


def test_head_at_gunicorn_has_no_body_and_the_length_of_the_get(site):
    port = site["gunicorn"].port
    raw(port, "GET", ARTICLE)  # now a cached hit
    for path in HEAD_PATHS:
        get_status, get_headers, get_body = raw(port, "GET", path)
        head_status, head_headers, head_body = raw(port, "HEAD", path)
        assert head_body == b"", f"HEAD {path} sent a body"
        assert head_status == get_status, path
        assert int(head_headers["content-length"]) == int(get_headers["content-length"]) == len(get_body) > 0, path


def test_a_head_on_a_cold_cache_leaves_the_get_its_whole_page(site):
    port = site["gunicorn"].port
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    status, headers, body = raw(port, "HEAD", ARTICLE)
    assert (status.split()[1], headers["x-cache"], body) == ("200", "miss", b"")
    status, headers, body = raw(port, "GET", ARTICLE)
    assert headers["x-cache"] == "miss" and len(body) == int(headers["content-length"]) and body.endswith(b"</html>\n")
    assert raw(port, "GET", ARTICLE)[2] == body


def test_head_then_get_from_two_clients_never_reads_a_foreign_body(site):
    # Two pages nginx keeps a second, two it always asks the app for (a form, an error).
    paths = (ARTICLE, "/en/feeds/news.xml", site["event"], "/zh-hans/no-such-page/")
    expected = {path: get(site, path) for path in paths}
    markers = {path: (response.status_code, marker(response)) for path, response in expected.items()}
    failures: list[str] = []

    def client(offset: int) -> None:
        connection = HTTPSConnection("127.0.0.1", site["nginx"].https_port, context=site["nginx"].tls_context(),
                                     timeout=30)  # fmt: skip
        paths = list(markers)
        for number in range(200):
            path = paths[(number + offset) % len(paths)]
            status, mark = markers[path]
            connection.request("HEAD", path)
            head = connection.getresponse()
            if head.read() or head.status != status:
                failures.append(f"HEAD {path}: {head.status}")
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if (
                response.status != status
                or mark not in body
                or response.getheader("Content-Length") not in (None, str(len(body)))
            ):
                failures.append(f"GET {path} after HEAD: {response.status}, {body[:80]!r}")
        connection.close()

    threads = [threading.Thread(target=client, args=(offset,)) for offset in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def marker(response: requests.Response) -> bytes:
    """Bytes only this answer holds: its (first) <title>, else its last line."""
    found = re.search(rb"<title>.*?</title>", response.content, re.S)
    return found.group(0) if found else response.content.splitlines()[-1]


# -- headers ------------------------------------------------------------------------------------------------------
def test_each_security_header_comes_once_from_one_place(site):
    response = get(site, "/zh-hans/")
    assert response.status_code == 200
    for name in SECURITY_HEADERS:
        assert len(response.raw.headers.getlist(name)) == 1, name
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"  # Django's value, not nginx's


def test_the_observatory_grades_the_site_as_deployed_a_plus(site):
    nginx = site["nginx"]
    completed = subprocess.run(
        ["node", "score.mjs", "127.0.0.1", str(nginx.http_port), str(nginx.https_port)], cwd=OBSERVATORY,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(nginx.certificate)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    result = json.loads(completed.stdout)
    failed = {name: test["result"] for name, test in result.get("tests", {}).items() if not test["pass"]}
    assert result.get("scan", {}).get("grade") == "A+", (result.get("error"), failed, completed.stderr[-2000:])
    assert result["scan"]["score"] >= 100 and failed == {}
    print(f"Observatory: {result['scan']['grade']} ({result['scan']['score']})")


# -- the micro-cache -------------------------------------------------------------------------------------------------
def app_requests(site, path: str) -> int:
    return site["gunicorn"].log.read_text(errors="replace").count(f'"GET {path} HTTP/1.0"')


def test_the_micro_cache_serves_public_pages_and_nothing_personal(site):
    get(site, "/en/")
    second = get(site, "/en/")
    assert second.headers["X-Edge-Cache"] == "HIT" and "X-Accel-Expires" not in second.headers
    for path in (site["event"], "/admin/login/", "/zh-hans/search/?q=%E5%A4%96%E5%8C%85"):
        states = {get(site, path).headers.get("X-Edge-Cache") for _visit in range(3)}
        assert "HIT" not in states, path
    as_editor = get(site, "/en/", cookies={"sessionid": "x" * 32})
    assert as_editor.headers["X-Edge-Cache"] == "BYPASS"


def test_a_spike_on_one_url_reaches_the_app_about_once_a_second(site):
    path = "/en/news/"
    before = app_requests(site, path)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _n: get(site, path).status_code, range(200)))
    elapsed = time.monotonic() - started
    assert statuses == [200] * 200
    reached = app_requests(site, path) - before
    assert reached <= elapsed + 2, f"{reached} requests reached the app in {elapsed:.1f} s"


def test_a_publish_is_visible_through_nginx_within_about_a_second(site):
    assert get(site, ARTICLE).status_code == 200
    assert get(site, ARTICLE).headers["X-Edge-Cache"] == "HIT"
    title = f"代理缓存测试 {uuid.uuid4().hex[:6]}"
    manage_shell(site, PUBLISH.format(title=title))
    published = time.monotonic()
    while title not in get(site, ARTICLE).text:
        assert time.monotonic() - published < 2.5, "the micro-cache kept the old page"
        time.sleep(0.05)
    print(f"publish visible after {time.monotonic() - published:.2f} s")


# -- private pages ------------------------------------------------------------------------------------------------
PRIVATE_SETUP = """
import json
from wagtail.models import Page, PageViewRestriction
page = Page.objects.get(url_path__endswith="/service-outsourcing-jan-apr-2024/", locale__language_code="zh-hans")
PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="{secret}")
english = page.get_translation(Page.objects.get(depth=2, locale__language_code="en").locale)
print(json.dumps([[page.url, page.title], [english.url, english.title]]))
"""
PRIVATE_TEARDOWN = """
from wagtail.models import PageViewRestriction
PageViewRestriction.objects.filter(password="{secret}").delete()
"""


def main_text(response: requests.Response) -> str:
    return html.unescape(re.search(r"<main\b.*?</main>", response.text, re.S).group(0))


def test_a_password_page_opens_with_its_password_in_both_languages_behind_nginx(site):
    secret = f"proxy-{uuid.uuid4().hex[:8]}"
    pages = json.loads(manage_shell(site, PRIVATE_SETUP.format(secret=secret)).strip().splitlines()[-1])
    # The micro-cache may hold the page as it was public for up to its lifetime (EDGE_CACHE_SECONDS, 1 s): a page
    # made private, like a publish, shows at the edge within about a second.
    time.sleep(1.5)
    try:
        for path, title in pages:  # nothing of the page before the password (its URL is the visitor's own)
            with requests.Session() as visitor:
                for _visit in range(3):  # never a page from nginx's cache or the app's
                    url = site["base"] + path
                    form_page = visitor.get(url, verify=site["verify"], timeout=30, allow_redirects=False)
                    assert form_page.status_code == 200 and form_page.headers.get("X-Edge-Cache") != "HIT"
                    assert title.lower() not in main_text(form_page).lower()
                    assert "no-store" in form_page.headers["Cache-Control"]
                action = re.search(r'<form class="form" action="([^"]+)"', form_page.text).group(1)
                language = path.split("/")[1]
                assert action.startswith(f"/{language}/_util/authenticate_with_password/")  # it answered 404
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text).group(1)
                opened = visitor.post(
                    site["base"] + action,
                    data={"csrfmiddlewaretoken": token, "password": secret, "return_url": path},
                    headers={"Referer": site["base"] + path},
                    verify=site["verify"],
                    timeout=30,
                )
                assert opened.status_code == 200, (path, opened.status_code)
                assert title.lower() in main_text(opened).lower()
                assert opened.headers.get("X-Edge-Cache") != "HIT"
    finally:
        manage_shell(site, PRIVATE_TEARDOWN.format(secret=secret))


# -- form posts across a reload and a recycle -------------------------------------------------------------------
def open_form(site) -> dict:
    """A visitor opens the event page: its CSRF cookie and the form's hidden fields."""
    response = get(site, site["event"])
    assert response.status_code == 200 and "csrftoken" in response.cookies, (response.status_code, response.headers)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.text))
    return {"cookies": {"csrftoken": response.cookies["csrftoken"]}, "fields": fields}


def test_form_posts_survive_a_reload_and_worker_recycling(site):
    forms = [open_form(site) for _visitor in range(50)]
    # gunicorn again, as shipped but recycling each worker after ~15 requests: workers go during the posts.
    site["gunicorn"].stop()
    site["gunicorn"] = gunicorn = Gunicorn(site["env"], site["gunicorn"].port, site["work"] / "recycling.log",
                                           GUNICORN_MAX_REQUESTS="15")  # fmt: skip
    gunicorn.wait(site["base"], site["verify"])
    emails = [f"proxy-{number}-{uuid.uuid4().hex[:6]}@example.org" for number in range(50)]
    posted = threading.Event()
    count = {"sent": 0}
    lock = threading.Lock()

    def post(number: int) -> int:
        form = forms[number]
        data = {**form["fields"], "name": "代理测试", "organisation": "测试公司", "job_title": "经理",
                "phone": "138 0013 8000", "email": emails[number], "consent": "on", "fax_number": ""}  # fmt: skip
        response = requests.post(site["base"] + site["event"], data=data, cookies=form["cookies"],
                                 headers={"Referer": site["base"] + site["event"], "Origin": site["base"]},
                                 verify=site["verify"], timeout=60, allow_redirects=False)  # fmt: skip
        with lock:
            count["sent"] += 1
            if count["sent"] == 15:
                posted.set()
        return response.status_code

    def reload_when_posts_are_under_way() -> None:
        posted.wait(60)
        os.kill(gunicorn.process.pid, signal.SIGHUP)

    reloader = threading.Thread(target=reload_when_posts_are_under_way)
    reloader.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(post, range(50)))
    reloader.join()
    assert statuses == [302] * 50, f"{statuses.count(502)} × 502, all: {statuses}"
    stored = json.loads(manage_shell(site, REGISTERED).strip().splitlines()[-1])
    assert sorted(stored) == sorted(emails), "0 lost, 0 doubled"
    log = gunicorn.log.read_text(errors="replace")
    assert "Handling signal: hup" in log, "the reload happened during the posts"
    recycled = log.count("Autorestarting worker after current request")
    assert recycled >= 1, "workers were recycled during the posts"
    print(f"50 posts, a reload, {recycled} recycled workers: {statuses.count(302)} × 302, {len(stored)} stored")


# -- when the app is down ----------------------------------------------------------------------------------------
def test_nginx_answers_with_the_bilingual_page_when_the_app_is_down(site):
    site["gunicorn"].stop()
    page = get(site, "/zh-hans/")
    posted = requests.post(site["base"] + site["event"], data={"email": "x@example.org"}, verify=site["verify"],
                           timeout=30, allow_redirects=False)  # fmt: skip
    for response in (page, posted):
        assert response.status_code == 502 and response.headers["Content-Type"] == "text/html; charset=utf-8"
        text = response.content.decode()
        assert "如果您刚才提交了表单" in text and "If you were sending a form" in text
        assert "no-store" in response.headers["Cache-Control"]
