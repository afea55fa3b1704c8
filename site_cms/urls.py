from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import qr, sitemap
from home import views as home_views
from home.caching import routing
from home.operations import health

from . import views

handler400 = "home.operations.error_pages.bad_request"
handler500 = "home.operations.error_pages.server_error"

# Outside the language prefix: the admin, documents, the language redirect at `/`.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>-<int:number>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemap.robots_txt, name="robots_txt"),
    path("apple-touch-icon.png", home_views.apple_touch_icon, name="apple_touch_icon"),
    path("apple-touch-icon-precomposed.png", home_views.apple_touch_icon),
    path("healthz", health.readiness, name="healthz"),
    path("healthz/live", health.liveness, name="healthz_live"),
    path("", home_views.root_redirect, name="root_redirect"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Page URLs: /zh-hans/… and /en/…; Wagtail's catch-all comes last.
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("qr/<int:page_id>.svg", qr.page_qr_code, name="page_qr_code"),
    path("", include("news.urls")),
    path("", include("membership.urls")),
    # Wagtail's page view with a two-query route (home/routing.py); Wagtail's own URLs stay behind it.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
