"""The signed addresses of one registration: its confirmation page and its cancel page."""

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from news.models.registrations import Registration

_LINK_SALT = "news.registration_service.link"


def _link_signer() -> signing.Signer:
    # No timestamp: one registration always has the same confirmation and cancel addresses.
    return signing.Signer(salt=_LINK_SALT)


def registration_url(registration: Registration, view_name: str, language: str | None = None) -> str:
    token = _link_signer().sign_object(registration.pk)
    with translation.override(language or registration.language):
        return reverse(view_name, args=[token])


def registration_from_token(token: str) -> Registration:
    """The registration a signed link names; 404 for a tampered or unknown token."""
    try:
        pk = _link_signer().unsign_object(token)
    except signing.BadSignature:
        raise Http404 from None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration
