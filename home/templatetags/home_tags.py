"""Template tags for the site chrome: menus, language switcher, alternates, canonical URL, dates."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from wagtail.templatetags.wagtailcore_tags import richtext

from home.absolute_urls import absolute_url
from home.caching import html_cache
from home.maps import map_link_for
from home.navigation.alternates import (
    UNTRANSLATED_NOTICE_PARAM,
    UNTRANSLATED_NOTICE_VALUE,
    alternate_links,
    language_links,
    live_translations,
)
from home.navigation.build import navigation_for
from home.phones import parse_phone
from home.privacy import PRIVACY_SLUG, privacy_policy
from home.search.chinese import has_chinese
from home.teasers import teaser as cut_teaser
from home.text_links import link_html
from home.toc import ContentsEntry
from home.toc import table_of_contents as build_table_of_contents

register = template.Library()

# A routable page's sub-page (a member's "12/" under the directory) names its route in this context
# variable: its canonical URL, hreflang alternates and language switch then point at the same sub-page.
ROUTE_CONTEXT_KEY = "route_path"


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """Main menu, header shortcuts and footer columns for the active language (cached)."""
    navigation = navigation_for(get_language(), context.get("request"))
    # A cached page shows these menus: it is rebuilt when time alone changes them (the last upcoming event ends).
    html_cache.expire_at(context.get("request"), navigation.get("expires_at"))
    return navigation


def listing_filter(context) -> str:
    """
    The query string of a filtered listing (`?category=policies`, `?when=upcoming`): part of its canonical URL
    and of its alternates, which point at the same filtered listing in the other language (the slugs are shared).
    """
    params = []
    category = context.get("active_category")
    if category is not None:
        params.append(("category", category.slug))
    if context.get("event_view"):
        params.append(("when", context["event_view"]))
    return "?" + urlencode(params) if params else ""


@register.simple_tag(takes_context=True)
def page_languages(context) -> dict:
    """The switcher links and the hreflang alternates of the current page, from one query."""
    request = context["request"]
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return {"switcher": language_links(request, None), "alternates": []}
    translations = live_translations(page)
    route = context.get(ROUTE_CONTEXT_KEY, "")
    return {
        "switcher": language_links(request, page, translations, route),
        "alternates": alternate_links(request, translations, route + listing_filter(context)),
    }


@register.simple_tag(takes_context=True)
def show_untranslated_notice(context) -> bool:
    request = context.get("request")
    return bool(request and request.GET.get(UNTRANSLATED_NOTICE_PARAM) == UNTRANSLATED_NOTICE_VALUE)


@register.filter
def absolute(url: str) -> str:
    return absolute_url(url)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own URL (listing filters kept, pagination and noise dropped)."""
    request = context["request"]
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        path = page.get_url(request) + context.get(ROUTE_CONTEXT_KEY, "")
    else:
        path = request.path
    return absolute_url(path + listing_filter(context))


@register.filter
def native_script(text: str):
    """A native-script value (a Chinese address) on a non-Chinese page, marked `lang="zh-hans"`."""
    if text and has_chinese(text) and get_language() != settings.LANGUAGE_CODE:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)
    return text


@register.simple_tag
def phone_link(number: str) -> str:
    """A telephone number in the reader's convention (home.phones), linked in E.164 (`tel:+862886935965`)."""
    phone = parse_phone(number)
    shown = phone.display(get_language())
    if not shown:
        return ""
    if not phone.href:
        return format_html('<span class="phone">{}</span>', shown)
    return format_html('<a class="phone" href="{}">{}</a>', phone.href, shown)


@register.simple_tag
def map_link(chinese_address: str) -> str:
    """
    A map search for a mainland Chinese address: Amap on Chinese pages, OpenStreetMap (in the browser's language)
    on others; nothing for other addresses.
    """
    link = map_link_for(chinese_address, get_language())
    if link is None:
        return ""
    label = gettext("Map (Amap)") if link.service == "amap" else gettext("Map (OpenStreetMap)")
    return format_html('<a class="map-link" href="{}" rel="noopener nofollow">{}</a>', link.url, label)


@register.simple_tag
def table_of_contents(body) -> list[ContentsEntry]:
    """The linked headings of a long body (home.toc); empty for short ones."""
    return build_table_of_contents(body)


@register.filter
def teaser(text: str, columns: int = 140) -> str:
    """Cut to `columns` display columns: English at a word boundary, Chinese by characters, with “…”."""
    return cut_teaser(text, int(columns))


@register.simple_tag(takes_context=True)
def linked_richtext(context, value) -> str:
    """
    A rich-text value with its e-mail addresses, telephone numbers and "Privacy Policy" linked (home.text_links).
    The privacy page's address is looked up once per request, and only when a text names the policy.
    """
    request = context.get("request")
    page = context.get("page")

    def policy_url() -> str:
        if page is None or getattr(page, "slug", "") == PRIVACY_SLUG or not getattr(page, "locale_id", None):
            return ""  # no link to the page a reader is on
        cached = getattr(request, "_privacy_policy_url", None) if request is not None else None
        if cached is None:
            cached = privacy_policy(page.locale_id, request).url
            if request is not None:
                request._privacy_policy_url = cached
        return cached

    return mark_safe(link_html(str(richtext(value)), get_language(), policy_url))
