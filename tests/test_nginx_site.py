"""
The shipped nginx site and gunicorn config, read as files (the running proof is tests/proxy/test_behind_nginx.py,
which needs nginx, PostgreSQL and Redis): what they must keep saying for nothing to break behind the proxy.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ops.local_nginx import SITE, free_port, local_site

ROOT = Path(__file__).resolve().parent.parent
CONF = SITE.read_text(encoding="utf-8")
DIRECTIVES = re.sub(r"#[^\n]*", "", CONF)  # the directives, without the comments
SECURITY_HEADERS = ("strict-transport-security", "x-frame-options", "referrer-policy", "permissions-policy",
                    "cross-origin-opener-policy", "cross-origin-resource-policy", "content-security-policy",
                    "x-content-type-options")  # fmt: skip


def blocks(name: str) -> list[str]:
    """The text of each `name { … }` block (nested braces included)."""
    found = []
    for match in re.finditer(re.escape(name) + r" \{", DIRECTIVES):
        depth = 0
        for index in range(match.start(), len(DIRECTIVES)):
            depth += {"{": 1, "}": -1}.get(DIRECTIVES[index], 0)
            if depth == 0 and DIRECTIVES[index] == "}":
                found.append(DIRECTIVES[match.start() : index + 1])
                break
    return found


def block(name: str, containing: str = "") -> str:
    """The one `name { … }` block that contains `containing`."""
    (found,) = [text for text in blocks(name) if containing in text]
    return found


def test_no_upstream_connection_is_reused_and_no_request_sent_twice():
    assert "keepalive" not in block("upstream cdats_app")
    assert "non_idempotent" not in DIRECTIVES
    assert re.search(r"proxy_next_upstream error timeout;", block("location /", "proxy_pass"))


def test_no_security_header_is_added_to_what_the_app_answers():
    proxied = block("location /", "proxy_pass")
    server_level = re.sub(r"location [^{]+\{[^{}]*\}", "", block("server", "ssl_certificate"))
    for text in (proxied, server_level):
        added = [name.lower() for name in re.findall(r"add_header\s+(\S+)", text)]
        assert not set(added) & set(SECURITY_HEADERS), added


def test_the_micro_cache_keeps_only_what_the_app_marks():
    proxied = block("location /", "proxy_pass")
    for directive in ("proxy_cache cdats_pages;", "proxy_cache_lock on;", "proxy_cache_use_stale updating;",
                      "proxy_ignore_headers Cache-Control Expires;"):  # fmt: skip
        assert directive in proxied, directive
    assert "proxy_cache_valid" not in DIRECTIVES, "only X-Accel-Expires may make a response cacheable"
    assert re.search(r"proxy_cache_bypass \$cdats_personal", proxied)
    assert re.search(r"proxy_no_cache \$cdats_personal", proxied)


@pytest.mark.parametrize("status", ["502", "503", "504"])
def test_nginx_has_a_bilingual_page_for_each_gateway_error(status):
    assert f"error_page {status} /_cdats_errors/{status}.html;" in DIRECTIVES
    page = (ROOT / "ops" / "nginx" / "errors" / f"{status}.html").read_text(encoding="utf-8")
    assert "如果您刚才提交了表单" in page and "If you were sending a form" in page
    assert "<script" not in page and not re.search(r"(src|href)=\"(https?:)?//", page), "nothing loaded"


def test_the_shipped_file_fits_the_local_substitutions_and_nginx_accepts_it(tmp_path):
    site = local_site(CONF, http_port=free_port(), https_port=free_port(), app_port=8000, tls=tmp_path, work=tmp_path)
    assert "/srv/cdats" not in re.sub(r"#[^\n]*", "", site) and "example.org.cn$" not in site
    nginx = shutil.which("nginx") or (Path("/usr/sbin/nginx").exists() and "/usr/sbin/nginx")
    if not nginx:
        return  # the behind-nginx test installs it; here the substitutions alone are checked
    (tmp_path / "cdats.conf").write_text(site, encoding="utf-8")
    main = (f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}} http {{ include "
            f"/etc/nginx/mime.types; proxy_temp_path {tmp_path}/proxy; include {tmp_path}/cdats.conf; }}")  # fmt: skip
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=x",
                    "-keyout", str(tmp_path / "privkey.pem"), "-out", str(tmp_path / "fullchain.pem")],
                   check=True, capture_output=True)  # fmt: skip
    checked = subprocess.run([nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                              "-e", str(tmp_path / "error.log")], capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_gunicorn_reloads_and_recycles_without_dropping_requests(monkeypatch):
    monkeypatch.setattr(os, "environ", dict(os.environ))  # the config exports WEB_CONCURRENCY
    config = (ROOT / "ops" / "gunicorn.conf.py").read_text(encoding="utf-8")
    namespace: dict = {}
    exec(compile(config, "gunicorn.conf.py", "exec"), namespace)  # noqa: S102 - our own config file
    assert namespace["worker_class"] == "sync", "gunicorn 23's gthread drops accepted connections when it stops"
    assert not namespace.get("preload_app"), "a reload would fork the old code"
    assert namespace["graceful_timeout"] > 0 and namespace["max_requests_jitter"] < namespace["max_requests"]
