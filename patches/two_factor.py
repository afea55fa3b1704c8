"""
The sign-in's second step (wagtail-2fa's `/admin/2fa/auth`), working again, and accepting recovery codes.

wagtail-2fa 1.8.0's token form names no device; django-otp 1.7.1 and later refuse such a form ("Please select a
device.", labd/wagtail-2fa#284): with ADMIN_2FA_REQUIRED on, nobody with an authenticator app could finish signing
in. django-otp made the change because trying a code on each of the user's devices in turn throttles the ones it
does not match (django-otp#186). So the device is chosen here, explicitly, from the code's shape: digits are the
authenticator app's code (the user's app; a choice among them when they have set up several), a code with letters
is a recovery code (home/security/recovery_codes.py). A wrong code throttles only the device it was tried on.

The view is wagtail-2fa's own with this form, served at wagtail-2fa's URL under its URL name (its middleware lets
that name through before verification); the template (patches/templates/wagtail_2fa/otp_form_v6.html) shows the
form's real errors, in the admin's language, and says where a recovery code goes.
"""

from django import forms
from django.utils.translation import pgettext_lazy

from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail_2fa.views import LoginView

from home.security.recovery_codes import is_recovery_code, normalise


class SecondFactorForm(OTPAuthenticationFormMixin, forms.Form):
    """The authenticator app's code or a recovery code, verified against the one device it belongs to."""

    otp_token = forms.CharField(
        label=pgettext_lazy("second factor", "Code"),
        help_text=pgettext_lazy(
            "second factor",
            "The 6-digit code your authenticator app shows now, or one of your recovery codes (like abcd-efgh).",
        ),
        max_length=32,
    )
    otp_device = forms.ChoiceField(label=pgettext_lazy("second factor", "Authenticator app"), required=False)

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": pgettext_lazy("second factor", "Please enter the code."),
        "invalid_token": pgettext_lazy(
            "second factor",
            "This code is not valid. Enter the code your authenticator app shows now, or an unused recovery code.",
        ),
        "device_required": pgettext_lazy(
            "second factor",
            "This code is not valid. Enter the code your authenticator app shows now, or an unused recovery code.",
        ),
        "n_failed_attempts": pgettext_lazy(
            "second factor",
            "Too many wrong codes (%(failure_count)d): please wait a moment before you try again.",
        ),
        "verification_not_allowed": pgettext_lazy(
            "second factor", "Codes cannot be checked at the moment: please wait a moment before you try again."
        ),
    }

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].widget.attrs.update({"autofocus": "autofocus", "autocomplete": "one-time-code"})
        apps = list(TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-last_used_at", "pk"))
        self.fields["otp_device"].choices = [(str(device.pk), device.name) for device in apps]
        if len(apps) < 2:
            # One app (the usual case): nothing to choose.
            self.fields["otp_device"].widget = forms.HiddenInput()

    def clean_otp_token(self) -> str:
        return normalise(self.cleaned_data["otp_token"])

    def clean(self):
        self.clean_otp(self.user)
        return self.cleaned_data

    def _update_form(self, user):
        """django-otp's would refill the device menu with every device (recovery codes too): ours lists the apps."""

    def _chosen_device(self, user):
        """The device the code is for (locked for the check, as django-otp's own choice is), or None."""
        token = self.cleaned_data.get("otp_token") or ""
        if is_recovery_code(token):
            return StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        apps = TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update()
        chosen = self.cleaned_data.get("otp_device")
        if chosen:
            return apps.filter(pk=chosen).first()
        return apps.order_by("-last_used_at", "pk").first()


class SecondFactorView(LoginView):
    """wagtail-2fa's second step with the form above."""

    form_class = SecondFactorForm
