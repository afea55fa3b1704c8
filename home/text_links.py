"""
E-mail addresses, telephone numbers and policy references in running text, made links when a body is shown.

The seed's texts (and editors') write "e-mail support@cdats.org.cn, telephone +86 28 8693 5965" or "see this
website's Privacy Policy" as plain words; a reader on a phone wants to tap them. Rather than asking every text to
carry markup, the rendered rich text is linked here: only text outside existing links, a telephone number only
when libphonenumber finds it valid (a figure such as 1617.2 never is), shown in the reader's convention
(`home.phones`: 028 8693 5965 on Chinese pages, +86 28 8693 5965 on English ones).
"""

import re
from collections.abc import Callable

from django.utils.html import escape

from home.phones import parse_phone

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w@-])")
# A Chinese number as texts write it: +86 / 0086, an area code or a mobile prefix, digits grouped by spaces or
# hyphens. Only candidates: libphonenumber decides.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)86[ \-]?)?(?:0?\d{2,3}[ \-]?\d{3,4}[ \-]?\d{4}|1[3-9]\d[ \-]?\d{4}[ \-]?\d{4})(?![\w])"
)
# The policy a text refers to by name, per language: the words linked to the privacy page.
POLICY_NAMES = {"zh": re.compile("隐私政策"), "en": re.compile(r"\bPrivacy Policy\b")}
_TOKENS = re.compile(r"(<[^>]+>)")
_OPEN_LINK = re.compile(r"<a[\s>]", re.I)
_CLOSE_LINK = re.compile(r"</a\s*>", re.I)


def _link_phone(match: re.Match, language: str) -> str:
    phone = parse_phone(match.group(0))
    if not phone.href:
        return match.group(0)
    return f'<a class="phone" href="{escape(phone.href)}">{escape(phone.display(language))}</a>'


def _link_email(match: re.Match) -> str:
    address = match.group(0)
    return f'<a href="mailto:{address}">{address}</a>'


def link_text(text: str, language: str, policy_url: Callable[[], str] | None = None) -> str:
    """One text node (already HTML-escaped) with its e-mail addresses, phone numbers and policy names linked."""
    # The patterns look at escaped text: `&amp;` and friends contain no digits runs or @.
    parts = re.split(f"({EMAIL.pattern})", text)
    linked = []
    for index, part in enumerate(parts):
        if index % 2:
            linked.append(_link_email(EMAIL.fullmatch(part)))
            continue
        part = PHONE.sub(lambda match: _link_phone(match, language), part)
        names = POLICY_NAMES.get("zh" if language.startswith("zh") else language)
        if policy_url is not None and names is not None and names.search(part):
            url = policy_url()
            if url:
                part = names.sub(lambda match, url=url: f'<a href="{escape(url)}">{match.group(0)}</a>', part, count=1)
        linked.append(part)
    return "".join(linked)


def link_html(html: str, language: str, policy_url: Callable[[], str] | None = None) -> str:
    """Rich-text HTML with the text outside links linked (see `link_text`)."""
    if not (
        EMAIL.search(html) or PHONE.search(html) or (policy_url and any(p.search(html) for p in POLICY_NAMES.values()))
    ):
        return html
    depth, out = 0, []
    for token in _TOKENS.split(html):
        if token.startswith("<"):
            if _OPEN_LINK.match(token):
                depth += 1
            elif _CLOSE_LINK.match(token):
                depth = max(0, depth - 1)
            out.append(token)
        elif token and depth == 0:
            out.append(link_text(token, language, policy_url))
        else:
            out.append(token)
    return "".join(out)
