"""The signed address of one membership application's status page, the same in every e-mail."""

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from membership.models.applications import MembershipApplication

_LINK_SALT = "membership.application.status"


def _link_signer() -> signing.Signer:
    # No timestamp: an application's status address never changes, whatever e-mail it came from.
    return signing.Signer(salt=_LINK_SALT)


def status_url(application: MembershipApplication, language: str | None = None) -> str:
    token = _link_signer().sign_object(application.pk)
    with translation.override(language or application.language):
        return reverse("membership_application_status", args=[token])


def application_from_token(token: str) -> MembershipApplication:
    """The application a signed status link names; 404 for a tampered or unknown token."""
    try:
        pk = _link_signer().unsign_object(token)
    except signing.BadSignature:
        raise Http404 from None
    application = MembershipApplication.objects.filter(pk=pk).select_related("requested_grade").first()
    if application is None:
        raise Http404
    return application
