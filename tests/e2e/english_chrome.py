"""
English chrome in a Chinese admin, recognised by the catalogues rather than by a word list.

A text an editor reads is English chrome when it is one of the English messages (msgids) of Django's, Wagtail's,
wagtail-localize's, wagtail-2fa's, django-otp's or this project's catalogues: the msgids are read from the
installed .po files when the test runs, so an upgrade that adds a screen adds its strings here too. A message
with placeholders ("There are %(count)s matching pages") matches any text in their place.

Each line of the rendered text is checked whole, and so is each run of Latin text inside it ("第1–20个None" holds
"None"; "New: 用户" holds "New"). A message that the Chinese catalogues translate as itself ("URL", "ID") is
Chinese chrome written in Latin letters, not English; so is the English half of a name the project gives in both
languages ("活动报名 · Event registrations").
"""

import re
from functools import cache
from pathlib import Path

import django

import wagtail
import wagtail_localize

import polib
import wagtail_2fa
from django_otp import __file__ as django_otp_init

REPO = Path(__file__).resolve().parents[2]
# The packages whose English messages an editor must not meet in the Chinese admin (with ours).
VENDORS = {
    "Django": Path(django.__file__).parent,
    "Wagtail": Path(wagtail.__file__).parent,
    "wagtail-localize": Path(wagtail_localize.__file__).parent,
    "wagtail-2fa": Path(wagtail_2fa.__file__).parent,
    "django-otp": Path(django_otp_init).parent,
    "this project": REPO / "locale",
}
CHINESE_LOCALE_DIRS = ("zh_Hans", "zh_hans", "zh-hans", "zh_CN", "zh")
# Not text but names: a brand and the file formats the admin offers. Everything else is judged by the catalogues.
NOT_TEXT = {"Wagtail", "DeepL", "CDATS", "PDF", "PNG", "CSV", "XLSX"}
# Lines of one letter or a lone symbol ("A" of a list's initial, "×"), never a message.
MIN_LETTERS = 2
# A message with a word this long ("matching", "created") is specific enough to match with any text in its
# placeholders.
MIN_WORD = 4

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-z_0-9]*\}|__[A-Z_]+__")
# A run of Latin text inside a line: words, spaces and punctuation, not numbers ("Go-live: 2027…" → "Go-live:").
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’&/.,:;!?()\- …]*[A-Za-z.…)!?]|[A-Za-z]")
TRAILING = " .:;,…*!?"
# The English half of a name the project gives in both languages ("活动报名 · Event registrations", "通知公告审核 ·
# Notices approval"): roles, workflows and their tasks are data named for both kinds of staff, not chrome.
BILINGUAL_NAME_ENGLISH = re.compile(r"(?<=[\u3400-\u9fff）)]) · [A-Za-z][A-Za-z0-9 '’&()-]*")


def normalise(text: str) -> str:
    return " ".join(text.split()).strip(TRAILING).strip()


def catalogue_files(root: Path) -> list[Path]:
    """
    Per locale folder, the English catalogue (the source, holding every msgid) and the Chinese ones; where
    neither exists (django-otp), one of the others: its msgids are the same English.
    """
    chosen = []
    for locale_dir in sorted({path.parent.parent.parent for path in root.rglob("LC_MESSAGES/*.po")}):
        languages = sorted(path.name for path in locale_dir.iterdir() if (path / "LC_MESSAGES").is_dir())
        wanted = [code for code in ("en", *CHINESE_LOCALE_DIRS) if code in languages] or languages[:1]
        for code in wanted:
            chosen += sorted((locale_dir / code / "LC_MESSAGES").glob("*.po"))
    return chosen


class Catalogues:
    """The English msgids of the vendors and ours, and the Latin runs the Chinese translations contain."""

    def __init__(self):
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern, str]] = []
        # Messages the Chinese translators kept as they are ("URL", "ID"): Chinese chrome, written in Latin.
        self.kept: set[str] = set(NOT_TEXT)
        for vendor, root in VENDORS.items():
            for path in catalogue_files(root):
                chinese = path.parent.parent.name in CHINESE_LOCALE_DIRS
                for entry in polib.pofile(str(path)):
                    for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                        self._add(msgid, vendor)
                    if chinese and entry.msgstr == entry.msgid:
                        self.kept.add(normalise(entry.msgid))

    def _add(self, msgid: str, vendor: str) -> None:
        text = normalise(re.sub(r"<[^>]+>", "", msgid))
        if len(re.findall(r"[A-Za-z]", PLACEHOLDER.sub("", text))) < MIN_LETTERS:
            return
        if not PLACEHOLDER.search(text):
            self.exact.setdefault(text, vendor)
            return
        # A placeholder stands for a number, a name or a title: anything, but something. A message whose words are
        # only short ones ("%(time)s by %(user)s") would match any English sentence with "by" in it (an English
        # page's title is data, not chrome): its placeholders must then be single tokens (a time, a user name).
        parts = PLACEHOLDER.split(text)
        words = re.findall(r"[A-Za-z]+", "".join(parts))
        if sum(len(word) for word in words) < MIN_LETTERS:
            return
        placeholder = r"(?:.+?)" if any(len(word) >= MIN_WORD for word in words) else r"(?:\S+?)"
        pattern = "^" + placeholder.join(re.escape(part) for part in parts) + "$"
        self.patterns.append((re.compile(pattern), vendor))

    def match(self, text: str) -> str | None:
        """The catalogue whose English message `text` is, or None."""
        text = normalise(text)
        if not text or not re.search(r"[A-Za-z]", text) or text in self.kept:
            return None
        if text in self.exact:
            return self.exact[text]
        for pattern, vendor in self.patterns:
            if pattern.match(text):
                return vendor
        return None

    def english(self, rendered: str) -> list[tuple[str, str]]:
        """(text, catalogue) for each English message found in a rendered text, one per distinct text."""
        found: dict[str, str] = {}
        for line in rendered.splitlines():
            line = BILINGUAL_NAME_ENGLISH.sub("", line)
            candidates = [line, *LATIN_RUN.findall(line)]
            for candidate in candidates:
                vendor = self.match(candidate)
                if vendor:
                    found.setdefault(normalise(candidate), vendor)
        return sorted(found.items())


@cache
def catalogues() -> Catalogues:
    return Catalogues()
