"""
Chinese telephone numbers as callers from anywhere can dial them.

Editors type numbers as they are used to (`+86 028-8693-5965`, `028-86935965`, `18180925192`); the
site shows one format, `+86 28 8693 5965`, and links `tel:+862886935965` (E.164). The trunk 0 of a
Chinese area code is dropped after +86: a caller from abroad who dials "+86 028…" reaches nobody.
"""

import re
from dataclasses import dataclass

CHINA = "86"
# Area codes of two digits: Beijing 10 and the 2x cities (Shanghai 21, Chengdu 28…); all others have three.
TWO_DIGIT_AREA = re.compile(r"^(10|2\d)")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
SERVICE_NUMBER = re.compile(r"^[48]00\d{7}$")  # 400/800 hotlines


@dataclass(frozen=True)
class Phone:
    e164: str  # "+862886935965"; empty when the number cannot be read
    display: str  # "+86 28 8693 5965"; what the editor typed when it cannot be read

    @property
    def href(self) -> str:
        return f"tel:{self.e164}" if self.e164 else ""


def _group(digits: str) -> str:
    """A subscriber number in blocks: 8 digits → 4 4, 7 digits → 3 4."""
    return f"{digits[:-4]} {digits[-4:]}" if len(digits) > 4 else digits


def parse_phone(typed: str) -> Phone:
    """The E.164 form and the display form of a Chinese number; other numbers keep their E.164 digits."""
    typed = " ".join((typed or "").split())
    digits = re.sub(r"\D", "", typed)
    if not digits:
        return Phone("", typed)
    international = typed.startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if international and not digits.startswith(CHINA):
        return Phone(f"+{digits}", typed)  # a foreign number: dial it as given
    national = digits[len(CHINA) :] if international else digits
    national = national.removeprefix("0")
    if MOBILE.match(national):
        return Phone(f"+{CHINA}{national}", f"+{CHINA} {national[:3]} {national[3:7]} {national[7:]}")
    if SERVICE_NUMBER.match(national):
        return Phone(f"+{CHINA}{national}", f"+{CHINA} {national[:3]} {national[3:6]} {national[6:]}")
    area_length = 2 if TWO_DIGIT_AREA.match(national) else 3
    area, subscriber = national[:area_length], national[area_length:]
    if len(subscriber) not in (7, 8):
        # Without an area code (or with a stray digit) the number cannot be dialled from abroad.
        return Phone("", typed)
    return Phone(f"+{CHINA}{national}", f"+{CHINA} {area} {_group(subscriber)}")
