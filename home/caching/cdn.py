"""
A CDN or Varnish in front (WAGTAILFRONTENDCACHE, configured by FRONTEND_CACHE_* settings): purged on publish.

Wagtail's frontend_cache app purges a published page's own URLs. The pages that list it — its section (first
page), the home page, the sitemap index — are purged here through `home.caching.invalidation`; deeper listing pages and
filtered views expire after HTML_CACHE_SHARED_MAX_AGE (the s-maxage sent to the CDN), kept short for that reason.
"""

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from home.caching import invalidation


def _listing_urls(page, **change) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = [ancestor.full_url for ancestor in page.get_ancestors().filter(depth__gt=1).specific(defer=True)]
    urls.append(f"{settings.SITE_BASE_URL}/sitemap.xml")
    purge_urls_from_cache([url for url in urls if url])


invalidation.on_change("page", _listing_urls)
