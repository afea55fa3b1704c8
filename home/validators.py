"""Field validators shared by the public forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# CR, LF and the other characters some programs take as a line end (NEL, line and paragraph separators).
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# Bidirectional overrides, embeddings and isolates (the "Trojan Source" characters), direction marks,
# zero-width spaces and joiners, the word joiner and invisible operators, and the BOM: invisible in a
# name, they make "Alice" and "Alice\u200b" two people, or turn "txt.exe" around in an export.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$")


def strip_invisible(value):
    """Remove bidi controls and zero-width characters from a submitted text; other values pass unchanged."""
    return _INVISIBLE.sub("", value) if isinstance(value, str) else value


def single_line_text(value: str) -> None:
    """No line breaks or control characters: they could forge e-mail headers or break exports."""
    if _LINE_BREAK.search(value) or _CONTROL.search(value):
        raise ValidationError(_("Please use a single line without special characters."), code="control_characters")


def multi_line_text(value: str) -> None:
    if _CONTROL.search(value.replace("\t", " ")):
        raise ValidationError(_("Please remove the special characters."), code="control_characters")


def normalise_phone(value: str) -> str:
    """'138 0000 0000' → '13800000000'; '+86 138-0000-0000' → '13800000000'; '+44 20 7946 0958' kept as +44…"""
    compact = re.sub(r"[\s\-().]", "", value)
    if compact.startswith("+86") and _MAINLAND_MOBILE.match(compact[3:]):
        return compact[3:]
    if compact.startswith("0086") and _MAINLAND_MOBILE.match(compact[4:]):
        return compact[4:]
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if _MAINLAND_MOBILE.match(compact) or _INTERNATIONAL.match(compact):
        return compact
    raise ValidationError(
        _("Enter an 11-digit mainland mobile number or an international number starting with + and the country code."),
        code="invalid_phone",
    )
