"""Personal data that must not leave the site in logs or error reports: e-mail addresses and phone numbers."""

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Mainland mobiles (138 0013 8000, +86-138-0013-8000) and international numbers written with a +.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{1,3}[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)|(?<![\w+])\+\d[\d -]{7,}\d")
EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"


def redact(text: str) -> str:
    return PHONE.sub(PHONE_MARK, EMAIL.sub(EMAIL_MARK, text))
