"""
The state of every translation: each translatable page and snippet × each target locale.

A page's translation goes *missing* (none yet) → *in translation* (a draft, or sent back by an approver) →
*awaiting review* (its translator marked it ready: home.editorial.translation_review) → *live and up to date*,
and turns *out of date* when its source is published again after the translation went live. Snippets have no drafts:
missing, out of date (segments left to translate) or up to date. Computed in a constant number of queries (one
per locale and snippet model, never per row): wagtail-localize's own report lists only what was submitted, and
says "up to date" until someone syncs each page by hand. The status report and the dashboard both read this.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from home.editorial.models import TranslationReview

MISSING, IN_TRANSLATION, AWAITING_REVIEW = "missing", "in_translation", "awaiting_review"
OUT_OF_DATE, UP_TO_DATE = "out_of_date", "up_to_date"
# In the order a translation passes them.
STATES = {
    MISSING: pgettext_lazy("translation state", "Missing"),
    IN_TRANSLATION: pgettext_lazy("translation state", "In translation"),
    AWAITING_REVIEW: pgettext_lazy("translation state", "Awaiting review"),
    OUT_OF_DATE: pgettext_lazy("translation state", "Out of date"),
    UP_TO_DATE: pgettext_lazy("translation state", "Live and up to date"),
}
SNIPPETS_SECTION = "snippets"
# Section = the top-level page a page sits under: the home page is at depth 2, sections at depth 3.
SECTION_DEPTH = 3
PATH_STEP = Page.steplen


@dataclass
class StatusRow:
    """One source object in one target locale, with what the report shows and links to."""

    title: str
    kind: str
    locale: Locale
    state: str
    section_key: str
    source_id: int | None = None
    target_id: int | None = None
    # The admin view that edits the source and the target (the page editor, or the snippet's edit view).
    edit_view: str = "wagtailadmin_pages:edit"
    translation_source_id: int | None = None
    translation_id: int | None = None
    segments_total: int = 0
    segments_translated: int = 0
    source_updated_at: datetime | None = None
    target_published_at: datetime | None = None
    is_page: bool = True
    extra: dict = field(default_factory=dict)
    # The latest turn of its review (home.editorial.models.TranslationReview), when there was one.
    review: TranslationReview | None = None

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    # Links are made when a row is shown, not for each of the thousands of rows the report counts.
    @property
    def source_edit_url(self) -> str:
        return reverse(self.edit_view, args=[quote(self.source_id)])

    @property
    def target_edit_url(self) -> str:
        return reverse(self.edit_view, args=[quote(self.target_id)]) if self.target_id else ""

    @property
    def key(self) -> str:
        """Names the row in the report's bulk form: kind, source object, target locale."""
        kind = "page" if self.is_page else f"{self.extra['app_label']}.{self.extra['model_name']}"
        return f"{kind}:{self.source_id}:{self.locale.pk}"

    @property
    def changes_requested(self) -> bool:
        return self.state != AWAITING_REVIEW and sent_back(self.review, self.target_published_at)

    @property
    def fully_translated(self) -> bool:
        return self.segments_total > 0 and self.segments_translated >= self.segments_total


def source_locale() -> Locale:
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def translatable_snippet_models() -> list[type]:
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def section_choices(source: Locale) -> list[tuple[str, str]]:
    """The filter's sections: the source tree's top-level pages, then the snippets."""
    sections = Page.objects.filter(depth=SECTION_DEPTH, locale=source, alias_of__isnull=True).order_by("path")
    return [(page.path, page.title) for page in sections] + [(SNIPPETS_SECTION, str(_("Snippets")))]


def segment_progress(source_ids, locale: Locale) -> dict[int, tuple[int, int]]:
    """(segments, translated segments) per TranslationSource id, in one query."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale=locale, has_error=False
    )
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .annotate(is_translated=Exists(translated))
        .values("source_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(is_translated=True)))
    )
    return {row["source_id"]: (row["total"], row["done"]) for row in rows}


def add_segment_progress(rows: list[StatusRow]) -> list[StatusRow]:
    """Fills in the segments translated so far of the given page rows (the ones on the screen): a query per locale."""
    by_locale: dict[int, list[StatusRow]] = {}
    for row in rows:
        if row.is_page and row.translation_source_id:
            by_locale.setdefault(row.locale.pk, []).append(row)
    for locale_rows in by_locale.values():
        progress = segment_progress([row.translation_source_id for row in locale_rows], locale_rows[0].locale)
        for row in locale_rows:
            row.segments_total, row.segments_translated = progress.get(row.translation_source_id, (0, 0))
    return rows


def sent_back(review: TranslationReview | None, target_published_at) -> bool:
    """Sent back by an approver and not published since: the comment is for the translator."""
    if review is None or review.status != TranslationReview.CHANGES_REQUESTED or review.reviewed_at is None:
        return False
    return not (target_published_at and target_published_at > review.reviewed_at)


def awaits_review(review: TranslationReview | None, target: dict, changed_at) -> bool:
    """Marked ready, and neither published nor overtaken by a new version of the source since."""
    if review is None or review.status != TranslationReview.READY or review.ready_at is None:
        return False
    if target["last_published_at"] and target["last_published_at"] > review.ready_at:
        return False
    return changed_at is None or review.ready_at >= changed_at


def page_state(target: dict | None, source_updated_at, source_published_at, review=None) -> str:
    if target is None or target["alias_of_id"]:
        return MISSING
    changed_at = source_updated_at or source_published_at
    if awaits_review(review, target, changed_at):
        return AWAITING_REVIEW
    if not target["live"]:
        return IN_TRANSLATION
    if changed_at and target["last_published_at"] and changed_at > target["last_published_at"]:
        return OUT_OF_DATE
    return UP_TO_DATE


def page_rows(source: Locale, targets: list[Locale], section: str = "") -> list[StatusRow]:
    """
    A row per source page and target locale, in the tree's order (of one section when `section` is its path).

    The segment progress is left out: it costs a count over every segment of every page, and only the rows on the
    screen show it (add_segment_progress).
    """
    source_pages = Page.objects.filter(locale=source, depth__gte=2, alias_of__isnull=True)
    if section:
        source_pages = source_pages.filter(path__startswith=section)
    pages = list(
        source_pages.order_by("path").values(
            "id", "title", "draft_title", "translation_key", "path", "last_published_at", "content_type_id"
        )
    )
    # A subquery, not the list of thousands of keys as parameters (SQLite caps them; both plan a join better).
    keys = source_pages.values("translation_key")
    target_pages = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.filter(translation_key__in=keys, locale__in=targets).values(
            "id", "translation_key", "locale_id", "live", "last_published_at", "alias_of_id"
        )
    }
    sources = {
        row["object_id"]: row
        for row in TranslationSource.objects.filter(object_id__in=keys, locale=source).values(
            "id", "object_id", "last_updated_at"
        )
    }
    source_ids = TranslationSource.objects.filter(object_id__in=keys, locale=source).values("id")
    translations = {
        (row["source_id"], row["target_locale_id"]): row["id"]
        for row in Translation.objects.filter(source_id__in=source_ids).values("id", "source_id", "target_locale_id")
    }
    reviews = {
        review.translation_id: review
        # A subquery again: thousands of translation ids as parameters cost more than the join.
        for review in TranslationReview.objects.filter(translation__source_id__in=source_ids).select_related(
            "translator", "reviewer"
        )
    }
    rows = []
    kind = str(_("Page"))
    for locale in targets:
        for page in pages:
            target = target_pages.get((page["translation_key"], locale.pk))
            translation_source = sources.get(page["translation_key"])
            updated_at = translation_source["last_updated_at"] if translation_source else None
            translation_id = translations.get((translation_source["id"], locale.pk)) if translation_source else None
            review = reviews.get(translation_id)
            rows.append(
                StatusRow(
                    title=page["draft_title"] or page["title"],
                    kind=kind,
                    locale=locale,
                    state=page_state(target, updated_at, page["last_published_at"], review),
                    section_key=page["path"][: PATH_STEP * SECTION_DEPTH],
                    source_id=page["id"],
                    target_id=target["id"] if target else None,
                    translation_source_id=translation_source["id"] if translation_source else None,
                    translation_id=translation_id,
                    source_updated_at=updated_at,
                    target_published_at=target["last_published_at"] if target else None,
                    review=review,
                )
            )
    return rows


def snippet_rows(model: type, source: Locale, targets: list[Locale]) -> list[StatusRow]:
    """Snippets have no drafts: missing, out of date (segments left to translate) or up to date."""
    objects = list(model.objects.filter(locale=source))
    keys = [obj.translation_key for obj in objects]
    existing = {
        (row["translation_key"], row["locale_id"]): row["pk"]
        for row in model.objects.filter(translation_key__in=keys, locale__in=targets).values(
            "pk", "translation_key", "locale_id"
        )
    }
    sources = {
        row["object_id"]: row
        for row in TranslationSource.objects.filter(object_id__in=keys, locale=source).values(
            "id", "object_id", "last_updated_at"
        )
    }
    edit_view = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit"
    rows = []
    for locale in targets:
        progress = segment_progress([s["id"] for s in sources.values()], locale)
        for obj in objects:
            target_pk = existing.get((obj.translation_key, locale.pk))
            translation_source = sources.get(obj.translation_key)
            total, done = progress.get(translation_source["id"], (0, 0)) if translation_source else (0, 0)
            if target_pk is None:
                state = MISSING
            elif translation_source and done < total:
                state = OUT_OF_DATE
            else:
                state = UP_TO_DATE
            rows.append(
                StatusRow(
                    title=str(obj),
                    kind=str(model._meta.verbose_name),
                    locale=locale,
                    state=state,
                    section_key=SNIPPETS_SECTION,
                    source_id=obj.pk,
                    target_id=target_pk,
                    edit_view=edit_view,
                    translation_source_id=translation_source["id"] if translation_source else None,
                    segments_total=total,
                    segments_translated=done,
                    source_updated_at=translation_source["last_updated_at"] if translation_source else None,
                    is_page=False,
                    extra={"app_label": model._meta.app_label, "model_name": model._meta.model_name},
                )
            )
    return rows


def translation_status(
    section: str = "", state: str = "", language: str = ""
) -> tuple[list[StatusRow], Counter, list[Locale]]:
    """The rows matching the filters, the count per state (of the section and locale filters), the locales."""
    source = source_locale()
    targets = list(Locale.objects.exclude(pk=source.pk).order_by("language_code"))
    if language:
        targets = [locale for locale in targets if locale.language_code == language]
    rows: list[StatusRow] = []
    if section != SNIPPETS_SECTION:
        rows += page_rows(source, targets, section)
    if not section or section == SNIPPETS_SECTION:
        for model in translatable_snippet_models():
            rows += snippet_rows(model, source, targets)
    counts = Counter(row.state for row in rows)
    if state:
        rows = [row for row in rows if row.state == state]
    return rows, counts, targets
