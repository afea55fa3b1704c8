"""
schema.org JSON-LD: what each page says about itself to search engines, in the page's language.

Every page type answers for itself through `StructuredDataMixin.schema_data()` (Organization on the home
page, NewsArticle on articles, Event on events…); the base adds the breadcrumbs, and the `page_json_ld`
tag (home/templatetags/seo_tags.py) renders whatever the page returns.
"""

import json

from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.absolute_urls import absolute_url

DEFAULT_IMAGE = "img/og-default.png"
SHARE_RENDITION = "fill-1200x630|format-jpeg"


def json_for_script(data) -> str:
    # "<" escaped so that no text can close the surrounding <script> element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def share_image_url(page) -> str:
    """The page's cover image as a share-card rendition, else the site's default card."""
    image = getattr(page, "cover_image", None)
    if image is not None:
        return absolute_url(image.get_rendition(SHARE_RENDITION).url)
    return absolute_url(static(DEFAULT_IMAGE))


def organisation() -> dict:
    return {
        "@type": "Organization",
        "name": _("Chengdu Association of Trade in Services"),
        "url": absolute_url(f"/{get_language()}/"),
        "logo": {"@type": "ImageObject", "url": absolute_url(static(DEFAULT_IMAGE))},
    }


def breadcrumb_list(page, request) -> dict:
    crumbs = [*page.breadcrumb_pages(), page]
    return {
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


class StructuredDataMixin:
    """Pages describe themselves (`schema_data`); below the home page they also carry their breadcrumbs."""

    def schema_data(self, request) -> dict | None:
        """The page's own schema.org item (with "@context"), or None."""
        return None

    def breadcrumb_pages(self) -> list:
        """The ancestors below the tree root, read once per request (the breadcrumbs and their JSON-LD)."""
        if not hasattr(self, "_breadcrumb_pages"):
            ancestors = self.get_ancestors().filter(depth__gt=1)
            self._breadcrumb_pages = list(ancestors.only("id", "title", "url_path", "depth", "path", "locale_id"))
        return self._breadcrumb_pages

    def structured_data(self, request) -> list[dict]:
        own = self.schema_data(request)
        graph = [own] if own else []
        if self.depth > 2:
            graph.append(breadcrumb_list(self, request))
        return graph
