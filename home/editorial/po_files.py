"""
PO files of translations, for translators who work outside the admin: one file per translation, named after the
page's slug (wagtail-localize names it after the Chinese title, so every file was `-en.po`), each entry commented
with its segment's readable name; uploads checked (a PO file, of this translation) before anything is imported.

The status report offers them for any number of rows (a ZIP of the ticked rows' files; one upload form that takes
several files, each finding its translation by the header wagtail-localize writes); the translation editor's own
download and upload buttons lead here too (patches/localize_views.py).
"""

import contextlib
import io
import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import pgettext, pgettext_lazy

from wagtail.models import Page
from wagtail_localize.models import Translation

import polib

from home.editorial.segment_names import segment_name
from home.editorial.slugs import pinyin_slug

# A PO file of one page is a few hundred kilobytes at most.
MAX_PO_BYTES = 5 * 1024 * 1024
PO_TOOL = "PO File"  # the tool wagtail-localize's own upload records
TRANSLATION_HEADER = "X-WagtailLocalize-TranslationID"
NOT_A_PO_FILE = pgettext_lazy("po file", "This is not a PO file (or it is larger than 5 MB): nothing was imported.")
OTHER_TRANSLATION = pgettext_lazy(
    "po file", "This PO file belongs to another translation (or lost its header): nothing was imported."
)


def po_file_name(translation: Translation) -> str:
    instance = translation.source.get_source_instance()
    stem = instance.slug if isinstance(instance, Page) else pinyin_slug(str(instance))
    return f"{slugify(stem)}-{translation.target_locale.language_code}.po"


def named_po(translation: Translation) -> polib.POFile:
    """wagtail-localize's export, each entry with the segment's readable name as an extracted comment."""
    po = translation.export_po()
    source = translation.source.as_instance()
    for entry in po:
        if entry.msgctxt and not entry.obsolete:
            entry.comment = segment_name(source, entry.msgctxt)
    return po


def po_zip(translations: list[Translation]) -> bytes:
    """The PO files of several translations in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for translation in translations:
            archive.writestr(po_file_name(translation), str(named_po(translation)))
    return buffer.getvalue()


def read_po(upload) -> polib.POFile | None:
    """The uploaded PO file, or None when it is not one (polib reads a file, never a path given as content)."""
    if upload.size > MAX_PO_BYTES:
        return None
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    try:
        return polib.pofile(file.name)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(file.name)


@dataclass
class Imported:
    done: bool
    message: str


def import_po(translation: Translation, po: polib.POFile | None, user) -> Imported:
    """Import `po` into `translation` when it is one of its PO files; say what happened either way."""
    if po is None:
        return Imported(
            False, pgettext("po file", "This is not a PO file (or it is larger than 5 MB): nothing was imported.")
        )
    if po.metadata.get(TRANSLATION_HEADER) != str(translation.uuid):
        return Imported(
            False,
            pgettext(
                "po file", "This PO file belongs to another translation (or lost its header): nothing was imported."
            ),
        )
    warnings = translation.import_po(po, user=user, tool_name=PO_TOOL)
    return Imported(
        True,
        pgettext("po file", "Imported the translations of the PO file (%(skipped)s entries skipped).")
        % {"skipped": len(warnings)},
    )


def translation_of_po(po: polib.POFile | None) -> Translation | None:
    """The translation a PO file was exported from, by the header wagtail-localize writes into it."""
    if po is None:
        return None
    try:
        key = uuid.UUID(po.metadata.get(TRANSLATION_HEADER, ""))
    except ValueError:
        return None
    return Translation.objects.select_related("source", "target_locale").filter(uuid=key, enabled=True).first()
