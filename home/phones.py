"""
Telephone numbers, the one module that knows about them (on Google's libphonenumber, `phonenumbers`).

Numbers are read as a Chinese caller types them (region CN: `028-8693-5965`, `18180925192`, `+86 028…`,
`0086…`), stored in E.164 (`+862886935965`), compared in E.164, and shown in the reader's convention: the national
format on Chinese pages (`028 8693 5965`), the international one on English pages (`+86 28 8693 5965`: a caller
from abroad drops the trunk 0), and E.164 in `tel:` links on both.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

REGION = "CN"
MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


def _parsed(typed: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse((typed or "").strip(), REGION)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


@dataclass(frozen=True)
class Phone:
    typed: str  # as stored or typed, shown as it is when it cannot be read
    number: phonenumbers.PhoneNumber | None

    @property
    def e164(self) -> str:
        """`+862886935965`; empty when the number cannot be read (it is then never linked)."""
        return phonenumbers.format_number(self.number, PhoneNumberFormat.E164) if self.number else ""

    @property
    def href(self) -> str:
        return f"tel:{self.e164}" if self.number else ""

    def display(self, language: str) -> str:
        """The national format for Chinese readers of a Chinese number, the international format otherwise."""
        if self.number is None:
            return " ".join(self.typed.split())
        chinese_reader = language.lower().startswith("zh")
        if chinese_reader and phonenumbers.region_code_for_number(self.number) == REGION:
            return phonenumbers.format_number(self.number, PhoneNumberFormat.NATIONAL)
        return phonenumbers.format_number(self.number, PhoneNumberFormat.INTERNATIONAL)


def parse_phone(typed: str) -> Phone:
    return Phone(typed or "", _parsed(typed))


def to_e164(typed: str) -> str:
    """The E.164 form of a number, or "" when it cannot be read: what the site stores and compares."""
    return parse_phone(typed).e164


def same_phone(a: str, b: str) -> bool:
    e164 = to_e164(a)
    return bool(e164) and e164 == to_e164(b)


def normalise_mobile(value: str) -> str:
    """
    A visitor's contact number (public forms) in E.164: a mainland mobile, or any valid number abroad.

    Mainland landlines are refused: the secretariat texts and calls registrants on the day.
    """
    number = _parsed(value)
    if number is None or (
        phonenumbers.region_code_for_number(number) == REGION and phonenumbers.number_type(number) not in MOBILE_TYPES
    ):
        raise ValidationError(
            _(
                "Enter an 11-digit mainland mobile number or an international number starting with + and the "
                "country code."
            ),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    if value and _parsed(value) is None:
        raise ValidationError(
            _("Enter a telephone number with its area code, e.g. 028-8693-5965 or 181 8092 5192."),
            code="invalid_phone",
        )


class PhoneField(models.CharField):
    """A telephone number an editor types as they like, stored in E.164 once it is valid."""

    default_validators = [validate_phone]

    def to_python(self, value):
        value = super().to_python(value)
        return (to_e164(value) or value.strip()) if value else value

    def pre_save(self, model_instance, add):
        """Stored in E.164 whichever way the row was made (the admin's form, a loader, a shell)."""
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
