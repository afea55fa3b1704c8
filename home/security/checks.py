"""Our own system checks: `manage.py check --deploy` fails on a configuration that is unsafe to serve."""

from django.conf import settings
from django.core import checks

# Caches that live in one process (or on one server's disk): counts kept there are per worker.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


def is_per_process_cache(alias: str) -> bool:
    return settings.CACHES.get(alias, {}).get("BACKEND") in PER_PROCESS_CACHES


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs):
    """Rate limits, spent form timestamps and the admin login throttle need one cache for all workers."""
    alias = settings.RATE_LIMIT_CACHE
    if alias not in settings.CACHES:
        return [checks.Error(f"RATE_LIMIT_CACHE names a cache that is not configured: {alias!r}.", id="cdats.E001")]
    if is_per_process_cache(alias):
        return [
            checks.Error(
                f"The {alias!r} cache ({settings.CACHES[alias]['BACKEND']}) is not shared between workers: "
                "rate limits would let each worker through up to the limit.",
                hint="Set REDIS_URL, or leave it empty for the database cache (manage.py createcachetable).",
                id="cdats.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def second_factor_check(app_configs=None, **kwargs):
    if not settings.WAGTAIL_2FA_REQUIRED:
        return [
            checks.Warning(
                "The admin's second factor is off (ADMIN_2FA_REQUIRED=0): staff sign in with a password alone.",
                id="cdats.W001",
            )
        ]
    return []
