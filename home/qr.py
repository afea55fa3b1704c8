"""QR codes of our own pages ("scan to read on your phone / share to WeChat"), made on our server."""

import io

from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Page

import segno

from home.absolute_urls import absolute_url
from home.caching.visibility import public


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def page_qr_code(request, page_id: int):
    """An SVG QR code of a live, public page's absolute URL; never of an arbitrary address."""
    page = public(Page.objects.live()).filter(pk=page_id).first()
    if page is None:
        raise Http404
    output = io.BytesIO()
    segno.make(absolute_url(page.get_url(request)), error="m").save(output, kind="svg", scale=4, border=2)
    return HttpResponse(output.getvalue(), content_type="image/svg+xml")
