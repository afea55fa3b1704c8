"""Share metadata (OpenGraph) and schema.org JSON-LD, in the page's language, with absolute URLs."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.absolute_urls import absolute_url
from home.structured_data import DEFAULT_IMAGE, json_for_script, share_image_url
from home.teasers import teaser

register = template.Library()

OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


def page_description(page) -> str:
    """What a page is about, in one line: its search description, else its teaser, else its introduction."""
    text = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
    return " ".join(str(text).split())


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The meta description of the current page (home, listings, articles…), at most 160 columns."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return ""
    # An item the seed gives no teaser and no text (the sales salon) is described by its title.
    return teaser(page_description(page) or page.title, 160)


@register.simple_tag(takes_context=True)
def share_meta(context) -> dict:
    """OpenGraph values for the current page (or a page-less view such as search)."""
    request = context.get("request")
    page = context.get("page")
    language = get_language()
    has_page = page is not None and getattr(page, "pk", None)
    description = page_description(page) if has_page else ""
    return {
        "title": page.seo_title or page.title if has_page else _("Chengdu Association of Trade in Services"),
        "description": " ".join(str(description).split())[:200],
        "url": absolute_url(page.get_url(request) if has_page else request.path),
        "image": share_image_url(page) if has_page else absolute_url(static(DEFAULT_IMAGE)),
        "type": "article" if has_page and hasattr(page, "date") else "website",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [value for code, value in OG_LOCALES.items() if code != language],
        "site_name": _("Chengdu Association of Trade in Services"),
    }


@register.simple_tag(takes_context=True)
def page_json_ld(context) -> str:
    """The page's own JSON-LD items (see home.structured_data), one script element each."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None) or not hasattr(page, "structured_data"):
        return ""
    items = page.structured_data(context.get("request"))
    return format_html_join(
        "", '<script type="application/ld+json">{}</script>', ((mark_safe(json_for_script(item)),) for item in items)
    )
