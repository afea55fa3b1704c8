"""
Recovery codes for the admin's second factor: ten single-use codes (django-otp's static tokens) for the day the
phone with the authenticator app is lost or left at home.

- A staff member makes them on their own page (account menu → Recovery codes, `/admin/2fa/recovery-codes/`) once
  an authenticator app is set up, while signed in with it; the codes are shown once, in that answer only
  (`no-store`), and making new ones voids the old ones. Later visits show how many are left, never the codes.
- At the sign-in's second step a recovery code is accepted instead of the app's code (patches/two_factor.py tells
  the two apart by their shape: the app's codes are digits, recovery codes have letters). Each works once.
- Removing someone's last authenticator app (the user, or an administrator through *Users → Manage 2FA* when a
  phone is lost) removes their recovery codes too: recovery codes belong to an app, and whoever must use a
  second factor is then asked to set up a new one at the next sign-in.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_COUNT = 10
# The device's stored name (data, shown nowhere: the page names it in the reader's language).
DEVICE_NAME = "recovery codes"


def normalise(token: str) -> str:
    """A code as typed (`ABCD-EFGH`, `abcd efgh`, `123 456`) without separators, in lower case."""
    return "".join(str(token or "").split()).replace("-", "").lower()


def is_recovery_code(token: str) -> bool:
    """Recovery codes always have a letter; the authenticator app's codes are digits only."""
    token = normalise(token)
    return bool(token) and not token.isdigit()


def _new_code() -> str:
    while True:
        code = StaticToken.random_token()  # 8 characters of base32: 40 random bits
        if is_recovery_code(code):
            return code


def shown(code: str) -> str:
    """`abcdefgh` as `abcd-efgh`: easier to read out and copy."""
    return f"{code[:4]}-{code[4:]}"


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def codes_left(user) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def replace_codes(user) -> list[str]:
    """New codes for `user` (the old ones stop working); returns them as shown, the only time they exist in clear."""
    with transaction.atomic():
        device = recovery_device(user) or StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        device.token_set.all().delete()
        codes = [_new_code() for _ in range(CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        device.throttle_reset()
    return [shown(code) for code in codes]


def may_manage_codes(request) -> bool:
    """Only with an authenticator app, and (where the second factor is enforced) after signing in with it."""
    user = request.user
    if not has_authenticator(user):
        return False
    return not settings.WAGTAIL_2FA_REQUIRED or user.is_verified()


class RecoveryCodesView(WagtailAdminTemplateMixin, TemplateView):
    """The staff member's own recovery codes: how many are left; new ones (shown once) on request."""

    template_name = "home/admin/recovery_codes.html"
    page_title = pgettext_lazy("second factor", "Recovery codes")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            codes_left=codes_left(user),
            has_authenticator=has_authenticator(user),
            may_manage=may_manage_codes(self.request),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        add_never_cache_headers(response)  # the codes are in this answer only: no browser or proxy keeps it
        return response

    def post(self, request):
        if not may_manage_codes(request):
            raise PermissionDenied
        return self.render_to_response(self.get_context_data(codes=replace_codes(request.user)))


@receiver(post_delete, sender=TOTPDevice)
def remove_codes_with_the_last_authenticator(sender, instance, **kwargs):
    if instance.confirmed and not has_authenticator(instance.user_id):
        StaticDevice.objects.filter(user_id=instance.user_id).delete()
