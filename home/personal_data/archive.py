"""One person's data as a ZIP: `personal-data.json` with every record, and the files that belong to them."""

import datetime
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.personal_data.registry import Identity, PersonalRecord, sources

JSON_NAME = "personal-data.json"


def plain(value):
    """A value as the person reads it: local times, yes/no, text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None:
        return ""
    return value if isinstance(value, int | float | list | dict) else str(value)


def find_all(identity: Identity) -> list[tuple[object, list[PersonalRecord]]]:
    """Every registered source with the records it holds on this person (sources without any left out)."""
    found = []
    for source in sources():
        records = source.find(identity)
        if records:
            found.append((source, records))
    return found


def preferred_language(found) -> str:
    """The language the person used most recently (their latest record), else the site's source language."""
    records = [record for _source, source_records in found for record in source_records if record.language]
    if not records:
        return "zh-hans"
    latest = max(records, key=lambda record: record.created_at or timezone.now())
    return latest.language


def build_zip(identity: Identity, language: str) -> tuple[bytes, dict]:
    """The ZIP in `language` (labels and values), and a summary for the audit entry (counts only)."""
    with translation.override(language):
        found = find_all(identity)
        archive = io.BytesIO()
        files_written = 0
        document = {
            _("exported at"): timezone.localtime().isoformat(timespec="seconds"),
            _("about"): identity.value,
            _("records"): [],
        }
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for source, records in found:
                for record in records:
                    entry = {
                        _("kind"): str(source.label),
                        _("Reference number"): record.reference,
                        _("data"): {str(label): plain(value) for label, value in record.fields},
                        _("files"): [],
                    }
                    for stored in record.files:
                        if not (stored.name and stored.storage.exists(stored.name)):
                            continue
                        path = f"files/{stored.filename}"
                        with stored.storage.open(stored.name, "rb") as handle:
                            zipped.writestr(path, handle.read())
                        entry[_("files")].append(path)
                        files_written += 1
                    document[_("records")].append(entry)
            zipped.writestr(JSON_NAME, json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    summary = {
        "language": language,
        "records": {source.key: len(records) for source, records in found},
        "files": files_written,
    }
    return archive.getvalue(), summary
