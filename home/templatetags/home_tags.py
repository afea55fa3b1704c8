"""Template tags for the site chrome: menus, language switcher, alternates, canonical URL, dates."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from home.chinese import has_chinese
from home.navigation import navigation_for
from home.translations import (
    UNTRANSLATED_NOTICE_PARAM,
    UNTRANSLATED_NOTICE_VALUE,
    alternate_links,
    language_links,
    live_translations,
)
from home.urls_util import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context) -> dict:
    """Main menu, header shortcuts and footer columns for the active language (cached)."""
    return navigation_for(get_language(), context.get("request"))


@register.simple_tag(takes_context=True)
def page_languages(context) -> dict:
    """The switcher links and the hreflang alternates of the current page, from one query."""
    request = context["request"]
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return {"switcher": language_links(request, None), "alternates": []}
    translations = live_translations(page)
    return {
        "switcher": language_links(request, page, translations),
        "alternates": alternate_links(request, translations),
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
    path = page.get_url(request) if page is not None and getattr(page, "pk", None) else request.path
    category = context.get("active_category")
    if category is not None:
        path += f"?category={category.slug}"
    return absolute_url(path)


@register.filter
def native_script(text: str):
    """A native-script value (a Chinese address) on a non-Chinese page, marked `lang="zh-hans"`."""
    if text and has_chinese(text) and get_language() != settings.LANGUAGE_CODE:
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)
    return text
