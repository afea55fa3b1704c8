"""Settings hygiene: production refuses to start half-configured; wsgi defaults to production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_with(settings_module: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "env",
    [{}, {"SECRET_KEY": "x" * 50}, {"ALLOWED_HOSTS": "www.example.org"}],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(env):
    result = run_with("site_cms.settings.production", **env)
    assert result.returncode != 0
    assert "must be set" in result.stderr


def test_production_starts_when_configured():
    result = run_with("site_cms.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="www.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_entry_points_default_to_the_right_settings():
    assert 'setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.dev")' in (ROOT / "manage.py").read_text()
    assert '"site_cms.settings.production"' in (ROOT / "site_cms/wsgi.py").read_text()


def test_production_refuses_several_workers_with_a_per_process_cache():
    configured = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "www.example.org", "REDIS_URL": ""}
    result = run_with("site_cms.settings.production", WEB_CONCURRENCY="3", **configured)
    assert result.returncode != 0 and "REDIS_URL must be set" in result.stderr
    with_redis = run_with(
        "site_cms.settings.production", WEB_CONCURRENCY="3", **{**configured, "REDIS_URL": "redis://127.0.0.1:6379/11"}
    )
    assert with_redis.returncode == 0, with_redis.stderr


def test_production_keeps_database_connections_and_uses_the_fault_tolerant_redis_cache():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "settings.CACHES['default']['BACKEND'])"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "site_cms.settings.production", "SECRET_KEY": "x" * 50,
                   "ALLOWED_HOSTS": "www.example.org", "REDIS_URL": "redis://127.0.0.1:6379/11"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.stdout.split() == ["60", "True", "home.caching.backend.FaultTolerantRedisCache"], result.stderr
