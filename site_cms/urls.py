from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import qr, sitemap
from home import views as home_views
from home.caching import routing
from home.operations import health
from home.security import private_pages

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
    # The JS-SDK signature for WeChat's in-app browser (wechat/views.py): never cached.
    path("wechat/", include("wechat.urls")),
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
    # Wagtail's two URLs of private pages (wagtail.urls), under Wagtail's names and paths, before the catch-all
    # that would answer them 404: the password form's post, and the sign-in for staff-only pages.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        private_pages.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("_util/login/", private_pages.login, name="wagtailcore_login"),
    # Wagtail's page view with a two-query route (home/caching/routing.py), in place of wagtail.urls' own.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
