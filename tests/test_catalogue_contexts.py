"""
Our Chinese catalogue never re-translates a vendor's message.

Django reads the project's catalogue (LOCALE_PATHS) before every app's: an entry of ours without a context whose
msgid is also Django's, Wagtail's or wagtail-localize's changes their screens too (our `History` → 处理记录, meant for
the membership review, renamed Wagtail's page history). So each project string whose msgid a vendor also uses
carries a msgctxt (and the code says pgettext), unless our Chinese is exactly the vendor's. The vendors' catalogues
are read from the installed packages (every zh_Hans / zh-hans / zh_CN / zh catalogue in site-packages), so an
upgrade that adds a msgid we also use shows up here.
"""

import sysconfig
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
CHINESE_LOCALE_DIRS = {"zh_Hans", "zh_hans", "zh-hans", "zh_CN", "zh"}
DOMAINS = ("django", "djangojs")


def translated(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def vendor_catalogues(domain: str) -> list[Path]:
    site_packages = Path(sysconfig.get_paths()["purelib"])
    return sorted(
        path
        for path in site_packages.glob(f"**/locale/*/LC_MESSAGES/{domain}.po")
        if path.parent.parent.name in CHINESE_LOCALE_DIRS
    )


def vendor_translations(domain: str) -> dict[str, dict[str, str]]:
    """msgid → {catalogue: Chinese} for every context-less, translated, non-fuzzy vendor entry."""
    found: dict[str, dict[str, str]] = {}
    site_packages = Path(sysconfig.get_paths()["purelib"])
    for path in vendor_catalogues(domain):
        for entry in polib.pofile(str(path)):
            if entry.msgctxt is None and not entry.obsolete and "fuzzy" not in entry.flags and translated(entry):
                found.setdefault(entry.msgid, {})[str(path.relative_to(site_packages))] = translated(entry)
    return found


def test_the_vendor_catalogues_are_found():
    found = {str(path) for path in vendor_catalogues("django")} | {str(path) for path in vendor_catalogues("djangojs")}
    for expected in (
        "django/conf/locale/zh_Hans/LC_MESSAGES/django.po",
        "wagtail/admin/locale/zh_Hans/LC_MESSAGES/django.po",
        "wagtail/admin/locale/zh_Hans/LC_MESSAGES/djangojs.po",
        "wagtail_localize/locale/zh_Hans/LC_MESSAGES/django.po",
    ):
        assert any(path.endswith(expected) for path in found), expected


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_context_less_entry_of_ours_changes_a_vendors_chinese(domain):
    vendors = vendor_translations(domain)
    collisions = []
    for entry in polib.pofile(str(OURS / f"{domain}.po")):
        # An untranslated or fuzzy entry is left out of the compiled catalogue: it overrides nothing.
        compiled = translated(entry) and "fuzzy" not in entry.flags
        if entry.msgctxt is not None or entry.obsolete or not compiled or entry.msgid not in vendors:
            continue
        different = {
            catalogue: theirs for catalogue, theirs in vendors[entry.msgid].items() if theirs != translated(entry)
        }
        if different:
            collisions.append(f"{entry.msgid!r} → ours {translated(entry)!r}, theirs {different}")
    assert collisions == [], "give these entries a msgctxt (and the code pgettext):\n" + "\n".join(collisions)


def test_the_check_sees_a_collision():
    """The comparison itself: Wagtail's page history heading, re-translated without a context, is caught."""
    vendors = vendor_translations("django")
    assert "History" in vendors and "处理记录" not in vendors["History"].values()
