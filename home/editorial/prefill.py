"""
Segments that need no translation are filled in for the translator: numbers, dates (2024-05-22), times, URLs,
e-mail addresses, Latin codes (ITO, a USCC number)… — any source text without a Chinese character or a
full-width mark reads the same in English.

Without a machine-translation engine the translator would otherwise type them one by one. Each is copied into
the translation when the translation is created, and when a new segment appears in its source (a sync, or the
source published again), and only where nothing was translated yet. The copy is marked: a StringTranslation
whose tool is PREFILL_TOOL, which wagtail-localize's editor shows as "Translated with the source (nothing to
translate)" (static/js/patches/admin-translation-editor.js words it in the admin's language).
"""

import re

from wagtail_localize.models import StringSegment, StringTranslation, Translation

# Chinese, Japanese and Korean scripts, CJK punctuation (。，、「」) and full-width forms (（）：１): text with
# any of these needs a translator (English writes "(ITO)", not "（ITO）").
NEEDS_TRANSLATOR = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
# The tool name wagtail-localize stores and shows with the translation (the editor script matches it).
PREFILL_TOOL = "the source (nothing to translate)"


def needs_no_translation(text: str) -> bool:
    return bool(text.strip()) and not NEEDS_TRANSLATOR.search(text)


def segment_text(segment: StringSegment) -> str:
    """The segment's visible text (its string is HTML-like: inline tags, entities)."""
    return segment.string.as_value().render_text()


def copy_source(segment: StringSegment, locale_id: int) -> bool:
    """The source text as the segment's translation, unless it is translated already. True when copied."""
    _translation, created = StringTranslation.objects.get_or_create(
        translation_of_id=segment.string_id,
        locale_id=locale_id,
        context_id=segment.context_id,
        defaults={
            "data": segment.string.data,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": PREFILL_TOOL,
        },
    )
    return created


def prefill_translation(translation: Translation) -> int:
    """Copy every segment of the translation's source that needs no translation; how many were copied."""
    segments = StringSegment.objects.filter(source_id=translation.source_id).select_related("string")
    return sum(
        copy_source(segment, translation.target_locale_id)
        for segment in segments
        if needs_no_translation(segment_text(segment))
    )


def translation_created(sender, instance: Translation, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save of Translation: a new translation starts with what needs no translator."""
    if created and not raw and instance.enabled:
        prefill_translation(instance)


def segment_created(sender, instance: StringSegment, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save of StringSegment: a segment new to a source (a sync) is copied into its translations."""
    if not created or raw or not needs_no_translation(segment_text(instance)):
        return
    for locale_id in Translation.objects.filter(source_id=instance.source_id, enabled=True).values_list(
        "target_locale_id", flat=True
    ):
        copy_source(instance, locale_id)


def is_prefilled(translation: StringTranslation | None) -> bool:
    return translation is not None and translation.tool_name == PREFILL_TOOL
