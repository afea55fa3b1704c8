"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check character."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_character(first_17: str) -> str:
    total = sum(USCC_ALPHABET.index(char) * weight for char, weight in zip(first_17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(value: str) -> str:
    """Upper-case, spaces removed, then validated: 18 characters of the code's alphabet, right check character."""
    code = "".join(value.split()).upper()
    if len(code) != 18:
        raise ValidationError(
            _("The unified social credit code has 18 characters; you entered %(count)d."),
            code="uscc_length",
            params={"count": len(code)},
        )
    if any(char not in USCC_ALPHABET for char in code):
        raise ValidationError(
            _("The unified social credit code contains a character that is never used in such codes."),
            code="uscc_alphabet",
        )
    if uscc_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The unified social credit code is not valid: please check it against your business licence."),
            code="uscc_check",
        )
    return code
