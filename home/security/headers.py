"""
Response headers the site sends besides Django's own (see README, "Security").

- Content-Security-Policy: settings.CONTENT_SECURITY_POLICY (strict, no 'unsafe-inline', no nonce:
  public pages may be cached whole) everywhere except the Wagtail admin, which gets
  settings.CONTENT_SECURITY_POLICY_ADMIN: Wagtail's admin, its preview and the wagtail-localize
  editor write inline scripts and styles, so that policy allows them but nothing from other origins.
- Permissions-Policy: every powerful browser feature off (settings.PERMISSIONS_POLICY).
- Cross-Origin-Resource-Policy: settings.CROSS_ORIGIN_RESOURCE_POLICY (same-origin).
"""

from django.conf import settings

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_CSP_URL_PREFIX)


def _directives(request) -> dict:
    policy = (
        settings.CONTENT_SECURITY_POLICY_ADMIN
        if is_admin_path(request.path_info)
        else settings.CONTENT_SECURITY_POLICY
    )
    return policy["DIRECTIVES"]


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with the admin's own policy under /admin/, and directives in the order of the settings."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if HEADER in response:
            # django-csp joins the directives in set order; one stable header is easier to read and to test.
            order = list(_directives(request))
            parts = [part.strip() for part in response[HEADER].split(";") if part.strip()]
            rank = {name: index for index, name in enumerate(order)}
            parts.sort(key=lambda part: rank.get(part.split(" ", 1)[0], len(order)))
            response[HEADER] = "; ".join(parts)
        return response


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response (pages, static files, errors)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.CROSS_ORIGIN_RESOURCE_POLICY:
            response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response
