"""Share metadata (OpenGraph) and schema.org JSON-LD, in the page's language, with absolute URLs."""

import json

from django import template
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.urls_util import absolute_url

register = template.Library()

OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}
DEFAULT_IMAGE = "img/og-default.png"
LOGO = "img/logo.svg"


def _json(data) -> str:
    # "<" escaped so that no text can close the surrounding <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _image_url(page) -> str:
    image = getattr(page, "cover_image", None)
    if image is not None:
        return absolute_url(image.get_rendition("fill-1200x630|format-jpeg").url)
    return absolute_url(static(DEFAULT_IMAGE))


def _organisation() -> dict:
    return {
        "@type": "Organization",
        "name": _("Chengdu Association of Trade in Services"),
        "url": absolute_url(f"/{get_language()}/"),
        "logo": {"@type": "ImageObject", "url": absolute_url(static(DEFAULT_IMAGE))},
    }


@register.simple_tag(takes_context=True)
def share_meta(context) -> dict:
    """OpenGraph values for the current page (or a page-less view such as search)."""
    request = context.get("request")
    page = context.get("page")
    language = get_language()
    has_page = page is not None and getattr(page, "pk", None)
    description = ""
    if has_page:
        description = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
    return {
        "title": page.seo_title or page.title if has_page else _("Chengdu Association of Trade in Services"),
        "description": " ".join(str(description).split())[:200],
        "url": absolute_url(page.get_url(request) if has_page else request.path),
        "image": _image_url(page) if has_page else absolute_url(static(DEFAULT_IMAGE)),
        "type": "article" if has_page and hasattr(page, "date") else "website",
        "locale": OG_LOCALES.get(language, language),
        "alternate_locales": [value for code, value in OG_LOCALES.items() if code != language],
        "site_name": _("Chengdu Association of Trade in Services"),
    }


@register.simple_tag(takes_context=True)
def page_json_ld(context) -> str:
    """Organization on the home page, NewsArticle on articles, BreadcrumbList below the home page."""
    from home.models import HomePage
    from news.models import ArticlePage, EventPage

    request = context.get("request")
    page = context.get("page")
    if page is None or not getattr(page, "pk", None):
        return ""
    graph = []
    if isinstance(page, HomePage):
        graph.append({"@context": "https://schema.org", **_organisation()})
    if isinstance(page, ArticlePage) and not isinstance(page, EventPage):
        article = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": page.summary,
            "image": [_image_url(page)],
            "datePublished": page.date.isoformat(),
            "dateModified": (page.last_published_at or page.latest_revision_created_at).isoformat()
            if (page.last_published_at or page.latest_revision_created_at)
            else page.date.isoformat(),
            "inLanguage": get_language(),
            "mainEntityOfPage": absolute_url(page.get_url(request)),
            "author": {"@type": "Person", "name": page.author} if page.author else _organisation(),
            "publisher": _organisation(),
        }
        if page.source_name:
            article["isBasedOn"] = (
                {"@type": "CreativeWork", "name": page.source_name, "url": page.source_url}
                if page.source_url
                else {"@type": "CreativeWork", "name": page.source_name}
            )
        graph.append(article)
    if page.depth > 2:
        crumbs = [*page.get_ancestors().filter(depth__gt=1), page]
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": crumb.title,
                        "item": absolute_url(crumb.get_url(request)),
                    }
                    for position, crumb in enumerate(crumbs, start=1)
                ],
            }
        )
    return "".join(f'<script type="application/ld+json">{_json(item)}</script>' for item in graph)
