"""
Where one person's data lives: a registry of personal-data sources.

The base does not know which apps hold personal data. Each app registers a source with the
`register_personal_data_source` hook (return an instance of a `PersonalDataSource` subclass); the
personal-data screen, its export and erasure, and the retention purge ask every registered source.

A source answers four questions for one person (an e-mail address or a phone number):
- `find`: which records hold this person's data (with the files that belong to them);
- `erase`: remove them — delete where nothing must be kept, anonymise where a record must stay;
- `erasure_rule`: one sentence, shown before erasing, saying which of the two happens;
- `retention_rules`: how long records are kept when nobody asks (see retention.py).
"""

import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.validators import validate_email
from django.utils.translation import gettext

from wagtail import hooks

from home.phones import to_e164

HOOK_NAME = "register_personal_data_source"


@dataclass(frozen=True)
class Identity:
    """The person asked about: an e-mail address (case-folded) or a phone number (E.164, as stored)."""

    email: str = ""
    phone: str = ""

    @classmethod
    def parse(cls, text: str) -> "Identity | None":
        text = (text or "").strip()
        if "@" in text:
            try:
                validate_email(text)
            except ValidationError:
                return None
            return cls(email=text.casefold())
        e164 = to_e164(text)
        return cls(phone=e164) if e164 else None

    @property
    def value(self) -> str:
        return self.email or self.phone

    def matches_email(self, value: str) -> bool:
        return bool(self.email) and (value or "").strip().casefold() == self.email

    def matches_phone(self, value: str) -> bool:
        return bool(self.phone) and to_e164(value) == self.phone

    def matches(self, email: str = "", phone: str = "") -> bool:
        return self.matches_email(email) or self.matches_phone(phone)

    @property
    def phone_fragment(self) -> str:
        """A substring the stored number contains (for a first, coarse database filter; rows stored before E.164
        kept their own spelling, whose last seven digits are the same)."""
        return self.phone[-7:]

    def audit_key(self) -> str:
        """
        A keyed digest naming this person in the audit log without naming them.

        The same address always gives the same key, so the site history links an export and a later
        erasure of one person; without the site's SECRET_KEY the address cannot be recovered from it.
        """
        digest = hmac.new(settings.SECRET_KEY.encode(), f"person:{self.value}".encode(), hashlib.sha256)
        return "subject-" + digest.hexdigest()[:16]


@dataclass
class StoredFile:
    """A file that belongs to a record: exported with it, deleted from storage when it is erased."""

    storage: Storage
    name: str
    filename: str  # its name inside the export


@dataclass
class PersonalRecord:
    """One record holding the person's data, with labels in the active language."""

    kind: str  # the source's label, e.g. "Event registration"
    reference: str
    language: str  # the language the person used, where the record knows it
    fields: list[tuple[str, object]]
    files: list[StoredFile] = field(default_factory=list)
    created_at: object = None

    @property
    def display_fields(self) -> list[tuple[str, object, list[str]]]:
        """
        (label, value, lines) for the screen: a list (an application's history) as its lines, one per entry,
        yes/no for a flag; other values as they are (the template formats dates in the staff member's language).
        """
        shown = []
        for label, value in self.fields:
            if isinstance(value, list | tuple):
                shown.append((label, "", [str(line) for line in value]))
            elif isinstance(value, bool):
                shown.append((label, gettext("yes") if value else gettext("no"), []))
            else:
                shown.append((label, value, []))
        return shown


@dataclass
class ErasureOutcome:
    deleted: int = 0
    anonymised: int = 0
    files_removed: int = 0
    references: list[str] = field(default_factory=list)

    def __add__(self, other: "ErasureOutcome") -> "ErasureOutcome":
        return ErasureOutcome(
            self.deleted + other.deleted,
            self.anonymised + other.anonymised,
            self.files_removed + other.files_removed,
            self.references + other.references,
        )

    def as_data(self) -> dict:
        return {"deleted": self.deleted, "anonymised": self.anonymised, "files_removed": self.files_removed}


class PersonalDataSource:
    """Subclass per kind of record and register an instance with the `register_personal_data_source` hook."""

    key = ""
    label = ""
    erasure_rule = ""

    def find(self, identity: Identity) -> list[PersonalRecord]:
        raise NotImplementedError

    def erase(self, identity: Identity) -> ErasureOutcome:
        raise NotImplementedError

    def retention_rules(self) -> list:
        return []


def sources() -> list[PersonalDataSource]:
    return [register() for register in hooks.get_hooks(HOOK_NAME)]


def delete_stored_file(stored: StoredFile) -> int:
    """Remove a file from its storage (not just unlink it from the row); 1 when a file was removed."""
    if stored.name and stored.storage.exists(stored.name):
        stored.storage.delete(stored.name)
        return 1
    return 0
