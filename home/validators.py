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
