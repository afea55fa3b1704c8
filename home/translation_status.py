"""
How far the English tree lags behind the Chinese one, from wagtail-localize's own records.

`translation_status()` is the one entry point (the dashboard calls it); a fuller translation status
report can replace its body and keep its shape. Counts are over live Chinese pages:
- missing: no English page at all;
- out of date: the Chinese page was published after its translation source was last synced;
- unpublished: an English page exists but is not live (a draft translation).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, OuterRef, Subquery

from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

EXAMPLES = 5


@dataclass
class TranslationGap:
    key: str
    label: str
    count: int
    examples: list[Page] = field(default_factory=list)


def _source_pages(source: Locale):
    return Page.objects.live().filter(locale=source, depth__gt=1)


def translation_status(labels: dict[str, str]) -> list[TranslationGap]:
    """The gaps by kind ("missing", "outdated", "unpublished"), each with a few pages as examples."""
    source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    targets = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
    if source is None or not targets.exists():
        return []
    target_pages = Page.objects.filter(locale__in=targets)
    missing = _source_pages(source).exclude(translation_key__in=target_pages.values("translation_key"))
    synced_at = TranslationSource.objects.filter(object_id=OuterRef("translation_key"), locale=source).values(
        "last_updated_at"
    )[:1]
    outdated = (
        _source_pages(source)
        .annotate(synced_at=Subquery(synced_at))
        .filter(synced_at__isnull=False, last_published_at__gt=F("synced_at"))
    )
    unpublished = target_pages.filter(live=False, depth__gt=1)
    gaps = []
    for key, queryset in (("missing", missing), ("outdated", outdated), ("unpublished", unpublished)):
        ordered = queryset.order_by("-last_published_at", "-latest_revision_created_at", "path")
        gaps.append(TranslationGap(key, labels[key], queryset.count(), list(ordered[:EXAMPLES])))
    return gaps
