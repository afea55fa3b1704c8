"""Where a page lives in the other language: translations, alternates and the switcher's targets."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from home.absolute_urls import absolute_url
from home.caching.routing import language_codes_by_locale_id
from home.caching.visibility import public

# Query parameters that mean the same on both trees (listing filters), kept by the switcher.
PORTABLE_PARAMS = ("category", "when", "page", "q")
UNTRANSLATED_NOTICE_PARAM = "notice"
UNTRANSLATED_NOTICE_VALUE = "untranslated"

HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}


@dataclass
class LanguageLink:
    code: str
    label: str
    url: str
    is_current: bool
    is_fallback: bool = False


def _portable_query(request) -> str:
    params = [(k, v) for k, v in request.GET.items() if k in PORTABLE_PARAMS and v]
    return "?" + urlencode(params) if params else ""


TRANSLATION_FIELDS = ("id", "url_path", "translation_key", "locale_id", "depth", "path", "content_type_id")


def live_translations(page: Page) -> dict[str, Page]:
    """The live translations of `page`, itself included, by language code (one query)."""
    # Their URLs are all the switcher and the alternates need: the narrow rows, the codes from the cached locales.
    pages = public(Page.objects.live()).filter(translation_key=page.translation_key).only(*TRANSLATION_FIELDS)
    languages = language_codes_by_locale_id()
    return {languages[p.locale_id]: p for p in pages if p.locale_id in languages}


def nearest_translated_ancestor(page: Page, locale: Locale) -> Page | None:
    """The deepest ancestor of `page` that has a live translation in `locale` (two queries)."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).only("translation_key", "depth"))
    keys = [a.translation_key for a in ancestors]
    candidates = public(Page.objects.live()).filter(locale=locale, translation_key__in=keys)
    by_key = {c.translation_key: c for c in candidates}
    for ancestor in reversed(ancestors):
        if ancestor.translation_key in by_key:
            return by_key[ancestor.translation_key]
    return None


def language_links(
    request, page: Page | None, translations: dict[str, Page] | None = None, route: str = ""
) -> list[LanguageLink]:
    """
    The 中文 / EN switcher: the same page in the other language, or its nearest translated ancestor.
    `route` is a routable page's sub-path (a member's "12/" in the directory), the same in both languages.
    """
    current = get_language()
    query = _portable_query(request)
    labels = {"zh-hans": "中文", "en": "EN"}
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            links.append(LanguageLink(code, labels.get(code, code), request.get_full_path(), True))
            continue
        if page is None:
            links.append(
                LanguageLink(code, labels.get(code, code), translate_url(request.get_full_path(), code), False)
            )
            continue
        if translations is None:
            translations = live_translations(page)
        target = translations.get(code)
        if target is not None:
            links.append(LanguageLink(code, labels.get(code, code), target.get_url(request) + route + query, False))
            continue
        locale = Locale.objects.filter(language_code=code).first()
        ancestor = nearest_translated_ancestor(page, locale) if locale else None
        url = ancestor.get_url(request) if ancestor else f"/{code}/"
        notice = urlencode({UNTRANSLATED_NOTICE_PARAM: UNTRANSLATED_NOTICE_VALUE})
        links.append(LanguageLink(code, labels.get(code, code), f"{url}?{notice}", False, is_fallback=True))
    return links


def alternate_links(request, translations: dict[str, Page], route: str = "") -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each live translation, plus x-default (the Chinese page)."""
    links = [
        (HREFLANG.get(code, code), absolute_url(translations[code].get_url(request) + route))
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    default = translations.get(settings.LANGUAGE_CODE)
    if default is not None:
        links.append(("x-default", absolute_url(default.get_url(request) + route)))
    return links
