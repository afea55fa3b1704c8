"""The privacy policy a visitor consents to: its URL and the exact version (page + live revision)."""

from dataclasses import dataclass

from wagtail.models import Page

PRIVACY_SLUG = "privacy"


@dataclass
class PrivacyPolicy:
    url: str
    version: str


def privacy_policy(locale, request=None) -> PrivacyPolicy:
    page = (
        Page.objects.live().filter(locale=locale, slug=PRIVACY_SLUG).only("id", "live_revision_id", "url_path").first()
    )
    if page is None:
        return PrivacyPolicy(url="", version="unknown")
    return PrivacyPolicy(url=page.get_url(request), version=f"page-{page.pk}-rev-{page.live_revision_id}")
