"""
The headers public pages send under production settings (the README's "Security" section lists them),
no inline script or style anywhere on public pages, the admin's own policy, and `check --deploy`.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.test import Client, override_settings

import pytest

from home.security.checks import second_factor_check, shared_cache_check
from tests.factories import make_event

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {"SECRET_KEY": "k" * 60 + "-production-test-only", "ALLOWED_HOSTS": "testserver,www.cdats.example"}

# Exactly as listed in README.md ("Security").
EMBED_ORIGINS = (
    "https://player.bilibili.com https://v.qq.com https://player.youku.com https://www.youtube-nocookie.com "
    "https://www.youtube.com https://player.vimeo.com"
)
PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    f"connect-src 'self'; media-src 'self'; frame-src 'self' {EMBED_ORIGINS}; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
ADMIN_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    f"worker-src 'self' blob:; frame-src 'self' {EMBED_ORIGINS}; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), serial=(), fullscreen=(self "
    + " ".join(f'"{origin}"' for origin in EMBED_ORIGINS.split())
    + ")"
)
EXPECTED_PUBLIC_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "Content-Security-Policy": PUBLIC_CSP,
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
}

PRODUCTION_KEYS = [
    "DEBUG",
    "MIDDLEWARE",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_ADMIN",
    "PERMISSIONS_POLICY",
    "CROSS_ORIGIN_RESOURCE_POLICY",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "WAGTAIL_2FA_REQUIRED",
]


def _run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="site_cms.settings.production", **PRODUCTION_ENV, **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings exactly as production.py computes them, read in a separate process."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {PRODUCTION_KEYS!r}}}, default=str))"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    # Tests run without a second factor; test_admin_login covers it.
    values["WAGTAIL_2FA_REQUIRED"] = False
    return values


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield


def https_client() -> Client:
    return Client(HTTP_X_FORWARDED_PROTO="https")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zh-hans/", "/en/", "/en/news/", "/en/search/?q=trade", "/en/members/"])
def test_public_pages_under_production_settings_send_the_listed_headers(production, path):
    response = https_client().get(path)
    assert response.status_code == 200
    for header, value in EXPECTED_PUBLIC_HEADERS.items():
        assert response.headers.get(header) == value, header
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "nonce-" not in csp


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(production):
    response = Client().get("/en/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@pytest.mark.django_db
def test_the_language_cookie_is_secure_lax_and_http_only_in_production(production):
    response = https_client().post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.status_code == 302
    cookie = response.cookies["django_language"]
    assert cookie["secure"] is True and cookie["samesite"] == "Lax" and cookie["httponly"] is True


@pytest.mark.django_db
def test_static_files_and_errors_carry_the_headers_too(production):
    client = https_client()
    for response in (client.get("/static/css/site.css"), client.get("/en/no-such-page/")):
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(production, admin_client):
    admin_client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    for path in ("/admin/", "/admin/login/"):
        response = admin_client.get(path)
        assert response.headers["Content-Security-Policy"] == ADMIN_CSP
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if not attributes.get("src") and kind != "application/ld+json":
                self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"{tag} {name}=javascript:")


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style(client):
    from news.models import ArticlePage

    event = make_event()
    paths = [
        "/zh-hans/",
        "/en/",
        "/en/news/",
        "/en/news/?when=upcoming",
        "/en/search/?q=trade",
        "/en/members/",
        "/en/join/",
        "/zh-hans/no-such-page/",
        event.url,
        ArticlePage.objects.live().filter(locale__language_code="en").first().url,
    ]
    for path in paths:
        response = client.get(path)
        finder = _InlineFinder()
        finder.feed(response.content.decode())
        assert finder.problems == [], (path, finder.problems)
    # A refused CSRF check's page too (it used a javascript: link).
    csrf = Client(enforce_csrf_checks=True).post(event.url, {"name": "x"})
    finder = _InlineFinder()
    finder.feed(csrf.content.decode())
    assert csrf.status_code == 403 and finder.problems == []


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(
        "import django, sys; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    reported = {line.split("(", 1)[1].split(")", 1)[0] for line in output.splitlines() if line.startswith("?: (")}
    # W005 (HSTS includeSubDomains) and W021 (preload) are opt-in; W019: X-Frame-Options is SAMEORIGIN because
    # Wagtail's preview frames our own pages: silenced in production.py with the reasons (README, "Security").
    assert reported == set(), output
    assert "no issues (3 silenced)" in output


def test_deploy_checks_refuse_a_per_process_cache_and_warn_without_2fa():
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=locmem):
        assert [error.id for error in shared_cache_check()] == ["cdats.E002"]
    with override_settings(RATE_LIMIT_CACHE="missing"):
        assert [error.id for error in shared_cache_check()] == ["cdats.E001"]
    with override_settings(WAGTAIL_2FA_REQUIRED=False):
        assert [warning.id for warning in second_factor_check()] == ["cdats.W001"]
    with override_settings(WAGTAIL_2FA_REQUIRED=True):
        assert second_factor_check() == []


def test_production_turns_2fa_on_and_hsts_off_only_when_asked():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAIL_2FA_REQUIRED, settings.SECURE_HSTS_SECONDS, "
        # The cache the rate limits and the admin login throttle count in (the pages' cache wraps Redis too).
        "settings.CACHES[settings.RATE_LIMIT_CACHE]['BACKEND'])"
    )
    assert _run(code).stdout.split() == ["True", "31536000", "django.core.cache.backends.db.DatabaseCache"]
    opted_out = _run(code, ADMIN_2FA_REQUIRED="0", SECURE_HSTS_SECONDS="0", REDIS_URL="redis://127.0.0.1:6379/5")
    assert opted_out.stdout.split() == ["False", "0", "django.core.cache.backends.redis.RedisCache"]
