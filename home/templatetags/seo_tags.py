"""Share metadata (OpenGraph) and schema.org JSON-LD, in the page's language, with absolute URLs."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.absolute_urls import absolute_url
from home.structured_data import DEFAULT_IMAGE, json_for_script, share_image_url
from home.teasers import share_description

register = template.Library()

OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The meta description of the current page (home, listings, articles…): its share description."""
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return ""
    # An item the seed gives no teaser and no text (the sales salon) is described by its title.
    return share_description(page)


@register.simple_tag(takes_context=True)
def share_meta(context) -> dict:
    """OpenGraph values for the current page (or a page-less view such as search)."""
    request = context.get("request")
    page = context.get("page")
    language = get_language()
    has_page = page is not None and getattr(page, "pk", None)
    site_name = _("Chengdu Association of Trade in Services")
    # The home page is the association itself: its card says the association's name, not "Home".
    named = has_page and page.depth > 2
    return {
        "title": (page.seo_title or page.title) if named else site_name,
        # The same text as the meta description, cut at a word with an ellipsis (never mid-word).
        "description": share_description(page) if has_page else "",
        "url": absolute_url(page.get_url(request) if has_page else request.path),
        "image": share_image_url(page) if has_page else absolute_url(static(DEFAULT_IMAGE)),
        "type": "article" if has_page and hasattr(page, "date") else "website",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [value for code, value in OG_LOCALES.items() if code != language],
        "site_name": site_name,
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
