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

from django.conf import settings
from django.contrib.admin.utils import quote
from django.db import connection
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
    is_page: bool = True
    extra: dict = field(default_factory=dict)
    # The latest turn of its review (home.editorial.models.TranslationReview), when there was one, and whether
    # that turn sent it back and it has not been published since (sent_back, computed with the state).
    review: TranslationReview | None = None
    review_id: int | None = None
    sent_back: bool = False

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
        return self.state != AWAITING_REVIEW and self.sent_back

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


# A row per source page for one target locale, with what its state depends on compared in SQL (the same rules as
# awaits_review, sent_back and page_state): one query however many pages, and nothing converted per row in Python
# but ids, titles and flags. Tables are named from the models; the SQL is the same on SQLite and PostgreSQL.
PAGE_ROWS_SQL = """
SELECT p.id, p.title, p.draft_title, p.path, t.id, t.live, t.alias_of_id, s.id, x.id, r.id,
    CASE WHEN {changed} IS NOT NULL AND t.last_published_at IS NOT NULL AND {changed} > t.last_published_at
        THEN 1 ELSE 0 END,
    CASE WHEN r.status = %(ready)s AND r.ready_at IS NOT NULL
        AND NOT (t.last_published_at IS NOT NULL AND t.last_published_at > r.ready_at)
        AND ({changed} IS NULL OR r.ready_at >= {changed}) THEN 1 ELSE 0 END,
    CASE WHEN r.status = %(changes_requested)s AND r.reviewed_at IS NOT NULL
        AND NOT (t.last_published_at IS NOT NULL AND t.last_published_at > r.reviewed_at) THEN 1 ELSE 0 END
FROM {page} p
LEFT JOIN {page} t ON t.translation_key = p.translation_key AND t.locale_id = %(target)s
LEFT JOIN {source} s ON s.object_id = p.translation_key AND s.locale_id = %(source)s
LEFT JOIN {translation} x ON x.source_id = s.id AND x.target_locale_id = %(target)s
LEFT JOIN {review} r ON r.translation_id = x.id
WHERE p.locale_id = %(source)s AND p.depth >= 2 AND p.alias_of_id IS NULL {section}
ORDER BY p.path
"""


def page_rows(source: Locale, targets: list[Locale], section: str = "") -> list[StatusRow]:
    """
    A row per source page and target locale, in the tree's order (of one section when `section` is its path).

    The segment progress is left out: it costs a count over every segment of every page, and only the rows on the
    screen show it (add_segment_progress).
    """
    sql = PAGE_ROWS_SQL.format(
        changed="COALESCE(s.last_updated_at, p.last_published_at)",
        page=connection.ops.quote_name(Page._meta.db_table),
        source=connection.ops.quote_name(TranslationSource._meta.db_table),
        translation=connection.ops.quote_name(Translation._meta.db_table),
        review=connection.ops.quote_name(TranslationReview._meta.db_table),
        section="AND p.path LIKE %(section)s" if section else "",
    )
    kind = str(_("Page"))
    rows, review_ids = [], set()
    with connection.cursor() as cursor:
        for locale in targets:
            params = {
                "source": source.pk,
                "target": locale.pk,
                "ready": TranslationReview.READY,
                "changes_requested": TranslationReview.CHANGES_REQUESTED,
                "section": f"{section}%",
            }
            cursor.execute(sql, params)
            for record in cursor.fetchall():
                (
                    page_id,
                    title,
                    draft_title,
                    path,
                    target_id,
                    live,
                    alias_of,
                    source_id,
                    translation_id,
                    review_id,
                ) = record[:10]
                outdated, awaiting, changes_requested = (bool(flag) for flag in record[10:])
                if target_id is None or alias_of is not None:
                    state = MISSING
                elif awaiting:
                    state = AWAITING_REVIEW
                elif not live:
                    state = IN_TRANSLATION
                elif outdated:
                    state = OUT_OF_DATE
                else:
                    state = UP_TO_DATE
                if review_id is not None:
                    review_ids.add(review_id)
                rows.append(
                    StatusRow(
                        title=draft_title or title,
                        kind=kind,
                        locale=locale,
                        state=state,
                        section_key=path[: PATH_STEP * SECTION_DEPTH],
                        source_id=page_id,
                        target_id=target_id,
                        translation_source_id=source_id,
                        translation_id=translation_id,
                        review_id=review_id,
                        sent_back=changes_requested,
                    )
                )
    if review_ids:
        # Few rows have a review: its comment and people, read for those only.
        reviews = TranslationReview.objects.select_related("translator", "reviewer").in_bulk(review_ids)
        for row in rows:
            if row.review_id is not None:
                row.review = reviews.get(row.review_id)
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
