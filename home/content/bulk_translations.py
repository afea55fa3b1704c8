"""
Translations of many new pages at once, through wagtail-localize's own records.

For each source page this writes what `TranslationSource.get_or_create_from_instance` + `StringTranslation` rows +
`create_or_update_translation(publish=True)` write — the translatable object, the source (its content as JSON and its
segments: strings, templates, related objects, overridable values, with their contexts), the translation, the
translated strings (manual) and the log — and builds the translated page the way `create_or_update_translation` does
(a copy in the target locale, its synchronised fields copied, the translated segments ingested by wagtail-localize's
`ingest_segments`), then adds the translated pages with `bulk_pages.add_pages`. Each kind of row is one INSERT per
batch instead of ~30 statements per segment. The editor then shows each translation complete and a re-sync
reproduces the page (tests/test_bulk_pages.py checks both).
"""

import copy
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.base import ModelState
from django.utils import timezone

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue, validate_translation_links

from modelcluster.models import get_all_child_relations

from home.content.bulk_pages import add_pages
from home.editorial.script_guard import check_publishable
from home.search.chinese import has_chinese

# The text of a segment in the target language, from its page, source text and content path; None: none known.
TranslationLookup = Callable[[Page, str, str], str | None]
# wagtail-localize's tables that `translate_pages` writes (besides the pages' own, see bulk_pages.tables_written).
TABLES_WRITTEN = {
    model._meta.db_table
    for model in (
        TranslatableObject,
        TranslationSource,
        Translation,
        TranslationContext,
        String,
        StringSegment,
        StringTranslation,
        Template,
        TemplateSegment,
        RelatedObjectSegment,
        OverridableSegment,
        TranslationLog,
    )
}


@dataclass
class SourceRecords:
    """One page's source and its extracted segments, before and after they are written."""

    page: Page
    instance: Page  # what the segments were extracted from (the page itself)
    source: TranslationSource
    segments: list


def translate_pages(
    pages: Sequence[Page], target_parent: Page, target_locale: Locale, english: TranslationLookup, user=None
) -> list[Page]:
    """
    Publishes a translation of each of `pages` (new source pages of one type under one parent) under
    `target_parent`, every segment translated by `english`; a segment without one is an error (never a
    silent fallback to the source language). One transaction.
    """
    if not pages:
        return []
    with transaction.atomic():
        records = write_sources(pages)
        translations = write_translations(records, target_locale, english)
        targets = add_pages(target_parent, translations, publish=True, user=user)
        now = timezone.now()
        TranslationLog.objects.bulk_create(
            TranslationLog(source=record.source, locale=target_locale, revision=page.latest_revision, created_at=now)
            for record, page in zip(records, targets, strict=True)
        )
    return targets


def write_sources(pages: Sequence[Page]) -> list[SourceRecords]:
    """The translatable objects, sources and segments (with strings, templates and contexts) of `pages`."""
    model = type(pages[0])
    page_type = ContentType.objects.get_for_model(Page)
    TranslatableObject.objects.bulk_create(
        [TranslatableObject(translation_key=page.translation_key, content_type=page_type) for page in pages],
        ignore_conflicts=True,
    )
    now, schema = timezone.now(), get_schema_version(model._meta.app_label)
    sources = TranslationSource.objects.bulk_create(
        TranslationSource(
            object_id=page.translation_key,
            specific_content_type=ContentType.objects.get_for_model(model),
            locale_id=page.locale_id,
            object_repr=str(page)[:200],
            content_json=page.to_json(),
            schema_version=schema,
            created_at=now,
            last_updated_at=now,
        )
        for page in pages
    )
    # Extracted from the page as saved; wagtail-localize rebuilds it from the source's JSON first (`as_instance`),
    # which gives the same values at twice the cost (tests/test_bulk_pages.py compares the segments).
    records = [
        SourceRecords(page, page, source, extract_segments(page)) for page, source in zip(pages, sources, strict=True)
    ]
    write_segments(records)
    return records


def write_segments(records: list[SourceRecords]) -> None:
    locale_id = records[0].page.locale_id
    strings = get_or_create_rows(
        String,
        "data_hash",
        {
            String._get_data_hash(value.string.data): {"locale_id": locale_id, "data": value.string.data}
            for record in records
            for value in record.segments
            if isinstance(value, StringSegmentValue)
        },
        locale_id=locale_id,
    )
    templates = get_or_create_rows(
        Template,
        "uuid",
        {
            template_uuid(value): {
                "template": value.template,
                "template_format": value.format,
                "string_count": value.string_count,
            }
            for record in records
            for value in record.segments
            if isinstance(value, TemplateSegmentValue)
        },
    )
    related = {}
    for record in records:
        for value in record.segments:
            if isinstance(value, RelatedObjectSegmentValue):
                related[value.translation_key] = TranslatableObject(
                    translation_key=value.translation_key, content_type=value.content_type
                )
    TranslatableObject.objects.bulk_create(list(related.values()), ignore_conflicts=True)
    contexts = {}
    for record in records:
        for value in record.segments:
            context = TranslationContext(object_id=record.source.object_id, path=value.path)
            context.path_id = TranslationContext._get_path_id(value.path)
            # Computed as refresh_segments pre-populates it; the model's method saves it, which the insert does here.
            context.save = lambda **kwargs: None
            context.get_field_path(record.instance)
            del context.save
            contexts.setdefault((record.source.object_id, context.path_id), context)
    TranslationContext.objects.bulk_create(list(contexts.values()))
    rows = {StringSegment: [], TemplateSegment: [], RelatedObjectSegment: [], OverridableSegment: []}
    for record in records:
        for value in record.segments:
            common = {
                "source": record.source,
                "context": contexts[(record.source.object_id, TranslationContext._get_path_id(value.path))],
                "order": value.order,
            }
            if isinstance(value, TemplateSegmentValue):
                rows[TemplateSegment].append(TemplateSegment(template=templates[template_uuid(value)], **common))
            elif isinstance(value, RelatedObjectSegmentValue):
                rows[RelatedObjectSegment].append(RelatedObjectSegment(object_id=value.translation_key, **common))
            elif isinstance(value, OverridableSegmentValue):
                data_json = json.dumps(value.data, cls=DjangoJSONEncoder)
                rows[OverridableSegment].append(OverridableSegment(data_json=data_json, **common))
            else:
                value.string_row = strings[String._get_data_hash(value.string.data)]
                attrs = json.dumps(value.attrs, cls=DjangoJSONEncoder)
                rows[StringSegment].append(StringSegment(string=value.string_row, attrs=attrs, **common))
            value.context = common["context"]
    for model, objs in rows.items():
        model.objects.bulk_create(objs)


def template_uuid(value: TemplateSegmentValue) -> uuid.UUID:
    """Template.from_value's key: the template's text, namespaced by its format."""
    return uuid.uuid5(uuid.uuid5(Template.BASE_UUID_NAMESPACE, value.format), value.template)


def get_or_create_rows(model, key: str, wanted: dict, **scope) -> dict:
    """The rows of `model` whose `key` is in `wanted` (created from its values where missing), by key."""
    found = {getattr(row, key): row for row in model.objects.filter(**{f"{key}__in": list(wanted)}, **scope)}
    missing = [model(**{key: value}, **fields) for value, fields in wanted.items() if value not in found]
    model.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        found = {getattr(row, key): row for row in model.objects.filter(**{f"{key}__in": list(wanted)}, **scope)}
    return found


def write_translations(records: list[SourceRecords], target_locale: Locale, english: TranslationLookup) -> list[Page]:
    """The translation records and the translated strings; then each translated page, built in memory."""
    Translation.objects.bulk_create(
        Translation(source=record.source, target_locale=target_locale, enabled=True) for record in records
    )
    translated_related = translated_objects(records, target_locale)
    string_translations, pages = [], []
    for record in records:
        values, texts = [], []
        for value in record.segments:
            if isinstance(value, StringSegmentValue):
                text = english(record.page, value.string.data, value.path)
                if text is None:
                    raise ValueError(f"No {target_locale} text for {value.string.data!r} of {record.page!r}.")
                string_translations.append(string_translation(value, target_locale, text))
                texts.append(text)
                translated = StringSegmentValue(value.path, StringValue(text), attrs=value.attrs)
                values.append(translated.with_order(value.order))
            elif isinstance(value, TemplateSegmentValue):
                values.append(value)
            elif isinstance(value, RelatedObjectSegmentValue):
                if value.translation_key not in translated_related:
                    raise ValueError(f"{record.page!r} refers to an object without a {target_locale} version.")
                values.append(value)
        page = translated_page(record, values, target_locale)
        # The publish guard reads the same translated strings: none with Chinese, nothing for it to refuse.
        if any(has_chinese(text) for text in texts):
            check_publishable(page)
        pages.append(page)
    StringTranslation.objects.bulk_create(string_translations)
    return pages


def string_translation(value: StringSegmentValue, locale: Locale, text: str) -> StringTranslation:
    """As StringTranslation.save() stores it: a text that is not valid HTML, or breaks a link, is marked."""
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(value.string.data, text)
        has_error = False
    except ValueError:
        has_error = True
    return StringTranslation(
        translation_of=value.string_row,
        locale=locale,
        context=value.context,
        data=text,
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        has_error=has_error,
    )


def translated_objects(records: list[SourceRecords], locale: Locale) -> set:
    """Translation keys of the related objects (categories…) that have a version in `locale`."""
    by_type: dict[int, set] = {}
    for record in records:
        for value in record.segments:
            if isinstance(value, RelatedObjectSegmentValue):
                by_type.setdefault(value.content_type.pk, set()).add(value.translation_key)
    found = set()
    for content_type_id, keys in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found |= set(
            model.objects.filter(translation_key__in=keys, locale=locale).values_list("translation_key", flat=True)
        )
    return found


def translated_page(record: SourceRecords, segments: list, locale: Locale) -> Page:
    """
    The page as wagtail-localize's copy for translation + ingest would make it, not yet saved: a copy of the source
    page's fields in the target locale, with copies of its child objects, then the translated segments ingested.
    (Ingesting writes the translated blocks into the source's StreamField value, as wagtail-localize does into its
    throw-away copy: the source page object must not be saved afterwards.)
    """
    original = record.instance
    page = copy.copy(original)
    page._state = ModelState()
    page.__dict__.pop("_cluster_related_objects", None)
    for level in [type(original), *type(original)._meta.get_parent_list()]:
        setattr(page, level._meta.pk.attname, None)
    page.locale, page.alias_of = locale, None
    page.latest_revision = page.live_revision = None
    page.first_published_at = page.last_published_at = None
    page.owner = None
    for relation in get_all_child_relations(original):
        children = []
        for child in getattr(original, relation.get_accessor_name()).all():
            state = ModelState()
            state.fields_cache = dict(child._state.fields_cache)  # its category… without a query
            child = copy.copy(child)
            child._state, child.pk = state, None
            if isinstance(child, TranslatableMixin):
                child.locale = locale  # as copy_for_translation's process_child_object does
            children.append(child)
        setattr(page, relation.get_accessor_name(), children)
    copy_synchronised_fields(original, page)
    ingest_segments(original, page, record.page.locale, locale, segments)
    return page
