"""Absolute URLs, all built from the one SITE_BASE_URL setting."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`/en/news/` → `https://www.example.org/en/news/`; full URLs pass through unchanged."""
    if not path:
        return settings.SITE_BASE_URL + "/"
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_BASE_URL + ("" if path.startswith("/") else "/") + path
