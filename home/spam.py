"""
Spam protection shared by every public form (event registration, membership application).

Three defences, none of them a third-party service (reCAPTCHA is blocked in mainland China):
- a honeypot field people never see: filled in → pretend success, store nothing;
- a server-signed render timestamp: submitted implausibly fast → shown again with a message;
  older than a day, or tampered with → asked to submit again;
- rate limits per client IP and per e-mail address, counted in the (shared) cache.
"""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# Named like a field bots love to fill; no form of ours has a real fax field.
HONEYPOT_FIELD = "fax_number"
TIMESTAMP_FIELD = "form_rendered_at"
_SIGNING_SALT = "home.spam.rendered-at"


def sign_render_time(moment: float | None = None) -> str:
    return signing.dumps(int(moment if moment is not None else time.time()), salt=_SIGNING_SALT)


class SpamProtectedForm(forms.Form):
    """A form with a honeypot and a signed render timestamp; subclasses add their own fields."""

    fax_number = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_rendered_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every rendering (first view or re-display after an error) carries a fresh timestamp.
        self.initial[TIMESTAMP_FIELD] = sign_render_time()
        if self.is_bound:
            data = self.data.copy()
            self._submitted_timestamp = data.get(TIMESTAMP_FIELD, "")
            data[TIMESTAMP_FIELD] = self.initial[TIMESTAMP_FIELD]
            self.data = data

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned = super().clean()
        try:
            rendered = signing.loads(self._submitted_timestamp, salt=_SIGNING_SALT)
        except (signing.BadSignature, TypeError):
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and submit it again."), code="expired"
            ) from None
        age = time.time() - int(rendered)
        if age > settings.FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and submit it again."), code="expired"
            )
        if age < settings.FORM_MIN_SUBMIT_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your entries and submit the form again."), code="too_fast"
            )
        return cleaned


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the configured number of trusted proxies saw."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _hit(scope: str, value: str, limit: int, window: int) -> bool:
    """Count one hit; True while the count stays within `limit` per `window` seconds."""
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def within_ip_rate_limit(request, form_name: str) -> bool:
    limit, window = settings.RATE_LIMIT_PER_IP
    return _hit(f"{form_name}:ip", client_ip(request), limit, window)


def within_email_rate_limit(email: str, form_name: str) -> bool:
    limit, window = settings.RATE_LIMIT_PER_EMAIL
    return _hit(f"{form_name}:email", email.strip().casefold(), limit, window)


class Screening:
    """The outcome of screening a posted public form, in the order the checks run."""

    BOT = "bot"  # honeypot filled: pretend success, store nothing
    LIMITED = "limited"  # rate limit reached: show the form again with a message (HTTP 429)
    INVALID = "invalid"  # field errors: show the form again (HTTP 400)
    OK = "ok"


def screen_submission(request, form: SpamProtectedForm, form_name: str, email_field: str) -> str:
    """Run every public form's shared checks; the caller stores the data only on Screening.OK."""
    if form.is_honeypot_filled:
        return Screening.BOT
    if not within_ip_rate_limit(request, form_name):
        form.is_valid()
        form.add_error(None, _("Too many submissions from your network. Please try again in an hour."))
        return Screening.LIMITED
    if not form.is_valid():
        return Screening.INVALID
    if not within_email_rate_limit(form.cleaned_data[email_field], form_name):
        form.add_error(email_field, _("Too many submissions with this e-mail address. Please try again later."))
        return Screening.LIMITED
    return Screening.OK


SCREENING_STATUS = {Screening.LIMITED: 429, Screening.INVALID: 400}
