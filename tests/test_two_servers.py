"""
Two app servers on one PostgreSQL, one Redis and one S3-compatible media store (moto's server on 127.0.0.1).

An editor publishes on server A (Wagtail's bulk publish in the admin); server B, whose menus and HTML cache are
warm, shows the new article, the renamed menu entry and the new listing at once. An image stored by A's code is
read by B, which makes the rendition and serves its URL from the shared store.

It starts three servers and changes the session's test database for good (a published article, a renamed
page): it runs once, on its own, in the PostgreSQL leg of `.ci/run` (RUN_TWO_SERVER_TEST=1 with a PostgreSQL
DATABASE_URL); elsewhere it is skipped.
"""

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("TWO_SERVER_REDIS_URL", "redis://127.0.0.1:6379/10")

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("RUN_TWO_SERVER_TEST") != "1" or not DATABASE_URL.startswith("postgres"),
        reason="runs once, in the PostgreSQL leg of .ci/run (RUN_TWO_SERVER_TEST=1)",
    ),
    pytest.mark.django_db,
]

SETUP = """
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page
from news.models import ArticleCategory, ArticlePage, Category, SectionPage
from django.utils import timezone
import io, PIL.Image
buffer = io.BytesIO(); PIL.Image.new("RGB", (640, 400), (200, 30, 30)).save(buffer, "JPEG")
image = get_image_model()(title="two-servers")
image.file.save("two-servers.jpg", ImageFile(buffer, name="two-servers.jpg"), save=False)
image.save()
news = SectionPage.objects.get(slug="news", locale__language_code="zh-hans")
article = ArticlePage(title="双服务器测试文章", slug="two-servers", date=timezone.localdate(), summary="摘要",
                      cover_image=image, locale=news.locale, live=False)
article.article_categories = [ArticleCategory(category=Category.objects.get(locale=news.locale, slug="recruitment"))]
news.add_child(instance=article)
article.save_revision()  # a draft: the editor publishes it on server A
about = Page.objects.get(slug="about", locale__language_code="zh-hans").specific
about.title = "协会简介（新）"
about.save_revision()
print(article.pk, about.pk)
"""


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            requests.get(url, timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


@pytest.fixture(scope="module")
def environment(django_db_setup):
    # The servers share the session's test database: migrated, with the seed content committed (conftest).
    parts = urlsplit(DATABASE_URL)
    name = connection.settings_dict["NAME"]
    s3_port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{parts.username}@{parts.hostname}:{parts.port or 5432}/{name}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "two-servers-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SITE_BASE_URL": "http://127.0.0.1",
        "MEDIA_S3_BUCKET": "cdats-media",
        "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "testing",
        "MEDIA_S3_SECRET_ACCESS_KEY": "testing",
        "MEDIA_S3_ADDRESSING_STYLE": "path",
        "MEDIA_S3_URL_PROTOCOL": "http:",
        "MEDIA_S3_DEFAULT_ACL": "public-read",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "",
        "HTML_CACHE_SECONDS": "300",
        "ADMIN_USERNAME": "two-servers-admin",
        "ADMIN_PASSWORD": "two-servers-Passw0rd!",
        "ADMIN_EMAIL": "admin@example.org",
        # The second factor has its own tests (test_security); here the editor signs in with a password.
        "ADMIN_2FA_REQUIRED": "0",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    processes = []
    try:
        processes.append(subprocess.Popen([BIN / "moto_server", "-H", "127.0.0.1", "-p", str(s3_port)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # fmt: skip
        wait_for(f"http://127.0.0.1:{s3_port}/")
        requests.put(f"http://127.0.0.1:{s3_port}/cdats-media", timeout=10).raise_for_status()
        subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=False, capture_output=True)
        production = {**env, "DJANGO_SETTINGS_MODULE": "site_cms.settings.production"}
        manage = [str(BIN / "python"), "manage.py"]
        # As a deployment does: production settings serve fingerprinted files from the collectstatic manifest.
        subprocess.run(manage + ["collectstatic", "--no-input", "-v0"], cwd=ROOT, env=production, check=True)
        subprocess.run(manage + ["ensure_admin"], cwd=ROOT, env=production, check=True, capture_output=True)
        setup = subprocess.run(manage + ["shell", "-c", SETUP], cwd=ROOT, env=production, check=True,
                               capture_output=True, text=True)  # fmt: skip
        article_id, about_id = (int(value) for value in setup.stdout.split()[-2:])
        ports = []
        for _server in ("A", "B"):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [BIN / "gunicorn", "-c", "ops/gunicorn.conf.py", "site_cms.wsgi"],
                    cwd=ROOT,
                    env={**production, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                )  # fmt: skip
            )
            ports.append(port)
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/robots.txt")
        yield {"a": f"http://127.0.0.1:{ports[0]}", "b": f"http://127.0.0.1:{ports[1]}", "env": env,
               "article_id": article_id, "about_id": about_id}  # fmt: skip
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


class Session:
    """A browser over plain HTTP: keeps the Secure cookies production sets (the test has no TLS)."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": self.base + path}
        response = requests.request(method, self.base + path, headers=headers, allow_redirects=False, timeout=30,
                                    **kwargs)  # fmt: skip
        for cookie in response.raw.headers.getlist("Set-Cookie"):
            key, value = cookie.split(";", 1)[0].split("=", 1)
            self.cookies[key] = value
        return response

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_publish_on_one_server_shows_on_the_other_at_once(environment):
    b = environment["b"]
    listing_before = requests.get(f"{b}/zh-hans/news/", timeout=30)
    home_before = requests.get(f"{b}/zh-hans/", timeout=30)
    assert requests.get(f"{b}/zh-hans/news/", timeout=30).headers["X-Cache"] == "hit", "B's cache is warm"
    assert "双服务器测试文章" not in listing_before.text and "协会简介（新）" not in home_before.text
    assert requests.get(f"{b}/zh-hans/news/two-servers/", timeout=30).status_code == 404

    editor = Session(environment["a"])
    login = editor.request("GET", "/admin/login/")
    env = environment["env"]
    credentials = {"username": env["ADMIN_USERNAME"], "password": env["ADMIN_PASSWORD"]}
    response = editor.request(
        "POST", "/admin/login/", data={**credentials, "csrfmiddlewaretoken": editor.csrf(login.text)}
    )
    assert response.status_code == 302, "logged in on server A"
    ids = f"id={environment['article_id']}&id={environment['about_id']}"
    confirm = editor.request("GET", f"/admin/bulk/wagtailcore/page/publish/?{ids}")
    assert confirm.status_code == 200
    published = editor.request("POST", f"/admin/bulk/wagtailcore/page/publish/?{ids}",
                               data={"csrfmiddlewaretoken": editor.csrf(confirm.text)})  # fmt: skip
    assert published.status_code == 302

    article = requests.get(f"{b}/zh-hans/news/two-servers/", timeout=30)
    assert article.status_code == 200 and "双服务器测试文章" in article.text, "the page"
    assert "双服务器测试文章" in requests.get(f"{b}/zh-hans/news/", timeout=30).text, "the listing"
    assert "协会简介（新）" in requests.get(f"{b}/zh-hans/", timeout=30).text, "the menu"

    rendition = re.search(r'<meta property="og:image" content="([^"]+)"', article.text).group(1)
    assert "/cdats-media/" in rendition and "two-servers" in rendition, "made by B in the shared store"
    image = requests.get(rendition, timeout=30)
    assert image.status_code == 200 and image.content[:2] == b"\xff\xd8"
