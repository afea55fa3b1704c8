"""
The admin screens editors use every day, for `make bench` (ops/bench.py): server time (the worker's wall clock for
the request, `X-Bench-Server-ms`), CPU-ms and SQL queries, as a signed-in superuser.

The session is made in the benchmark's database by `manage.py shell` (a superuser `bench-admin`, created if
missing), so no password or second factor is involved; the server runs with ADMIN_2FA_REQUIRED=0.
"""

import statistics
import subprocess
from urllib.parse import quote

from bench import PYTHON, Server, request

SESSION_SCRIPT = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.conf import settings
from importlib import import_module
from news.models import SectionPage
User = get_user_model()
user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
    "bench-admin", "bench@example.invalid", None)
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
news = SectionPage.objects.get(locale__language_code="zh-hans", slug="news")
print(store.session_key, news.pk, news.path)
"""


def admin_screens(news_id: str, news_path: str) -> list[tuple[str, str]]:
    search = quote("外包")
    return [
        ("dashboard", "/admin/"),
        ("News explorer, default order", f"/admin/pages/{news_id}/"),
        ("News explorer, by title", f"/admin/pages/{news_id}/?ordering=title"),
        ("News explorer, by last change", f"/admin/pages/{news_id}/?ordering=-latest_revision_created_at"),
        ("News explorer, page 100", f"/admin/pages/{news_id}/?p=100"),
        ("search inside News 外包", f"/admin/pages/{news_id}/?q={search}"),
        ("global admin search 外包", f"/admin/pages/search/?q={search}"),
        ("translation status, all", "/admin/editorial/translations/"),
        (
            "translation status, News missing en",
            f"/admin/editorial/translations/?section={news_path}&state=missing&locale=en",
        ),
        ("registrations", "/admin/registrations/"),
        ("membership applications", "/admin/membership/applications/"),
    ]


def session(server: Server) -> tuple[str, list[tuple[str, str]]]:
    """A session cookie of the benchmark's superuser, and the screens to measure (they name the News section)."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SESSION_SCRIPT],
        cwd=server.app_dir,
        env=server.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    session_key, news_id, news_path = output[-3:]
    return f"sessionid={session_key}", admin_screens(news_id, news_path)


def measure(server: Server, requests: int = 5) -> dict[str, dict]:
    """Each screen: a warming request, then `requests` sequential ones; medians."""
    cookies, screens = session(server)
    results = {}
    for label, path in screens:
        status, headers, _elapsed = request(server.port, path, cookies)
        if status != 200:
            results[label] = {"status": status}
            continue
        samples = [request(server.port, path, cookies)[1] for _ in range(requests)]
        results[label] = {
            "server_ms": statistics.median(float(h["x-bench-server-ms"]) for h in samples),
            "cpu_ms": statistics.median(float(h["x-bench-cpu-ms"]) for h in samples),
            "queries": int(samples[0]["x-bench-queries"]),
        }
    return results


def table(title: str, results: dict[str, dict], target_ms: float = 300) -> str:
    lines = [
        f"#### {title}: admin screens",
        "",
        "| screen | SQL | server ms (median) | CPU-ms | ≤ 300 ms |",
        "| --- | ---: | ---: | ---: | :---: |",
    ]
    for label, result in results.items():
        if "status" in result:
            lines.append(f"| {label} | — | HTTP {result['status']} | — | — |")
            continue
        ok = "yes" if result["server_ms"] <= target_ms else "**no**"
        lines.append(f"| {label} | {result['queries']} | {result['server_ms']:.0f} | {result['cpu_ms']:.0f} | {ok} |")
    return "\n".join(lines) + "\n"
