"""
Spam protection shared by every public form (event registration, membership application).

Three defences, none of them a third-party service (reCAPTCHA is blocked in mainland China):
- a honeypot field people never see: filled in → pretend success, store nothing;
- a server-signed render timestamp, bound to the form's submission token and spent by the first
  submission: submitted implausibly fast → shown again with a message; older than a day, tampered
  with, or reused with another submission token → asked to submit again;
- rate limits per client IP and per e-mail address, counted in the shared cache (settings
  RATE_LIMIT_CACHE): every worker and server sees the same counts.

Cache trouble never blocks a visitor: the rate limits and the spent-timestamp record fail open and log.
"""

import hashlib
import ipaddress
import logging
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from home.validators import strip_invisible

logger = logging.getLogger(__name__)

# Named like a field bots love to fill; no form of ours has a real fax field.
HONEYPOT_FIELD = "fax_number"
TIMESTAMP_FIELD = "form_rendered_at"
SUBMISSION_TOKEN_FIELD = "submission_token"  # noqa: S105 - a field name
_SIGNING_SALT = "home.spam.rendered-at"
_SPENT_PENDING = "pending"
_SPENT_ACCEPTED = "accepted"


def rate_limit_cache():
    """The cache every worker shares (Redis or the database in production; see site_cms/settings)."""
    return caches[settings.RATE_LIMIT_CACHE]


def normalise_token(value) -> str:
    """A submission token as the form renders it ('' or the hyphenated lower-case UUID)."""
    text = str(value or "").strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text


def sign_render_time(moment: float | None = None, token="") -> str:
    """The signed render time of a form, bound to its submission token (tests sign their posts with it)."""
    rendered = int(moment if moment is not None else time.time())
    return signing.dumps([rendered, normalise_token(token)], salt=_SIGNING_SALT)


def _expired():
    return forms.ValidationError(
        _("This form has expired. Please check your entries and submit it again."), code="expired"
    )


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
        self._timestamp_key = ""
        if not self.is_bound:
            # The token is chosen here (subclasses' setdefault keeps it) so the timestamp can be bound to it.
            token = self.initial.setdefault(SUBMISSION_TOKEN_FIELD, uuid.uuid4()) if self._has_token else ""
            self.initial[TIMESTAMP_FIELD] = sign_render_time(token=token)
            return
        data = self.data.copy()
        self._submitted_timestamp = data.get(TIMESTAMP_FIELD, "")
        self._submitted_token = normalise_token(data.get(SUBMISSION_TOKEN_FIELD, "")) if self._has_token else ""
        # A re-display after an error carries a fresh timestamp, bound to the token it shows again.
        self.initial[TIMESTAMP_FIELD] = sign_render_time(token=self._submitted_token)
        data[TIMESTAMP_FIELD] = self.initial[TIMESTAMP_FIELD]
        # Bidi overrides and zero-width characters never reach a name, an export or an e-mail.
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name in data:
                if hasattr(data, "setlist"):
                    data.setlist(name, [strip_invisible(value) for value in data.getlist(name)])
                elif isinstance(data[name], str):
                    data[name] = strip_invisible(data[name])
        self.data = data

    @property
    def _has_token(self) -> bool:
        return SUBMISSION_TOKEN_FIELD in self.fields

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned = super().clean()
        try:
            rendered, token = signing.loads(self._submitted_timestamp, salt=_SIGNING_SALT)
            rendered = int(rendered)
        except (signing.BadSignature, TypeError, ValueError):
            raise _expired() from None
        if token != self._submitted_token:
            # A timestamp taken from one form and posted with another submission token.
            raise _expired()
        age = time.time() - rendered
        if age > settings.FORM_MAX_AGE_SECONDS:
            raise _expired()
        if age < settings.FORM_MIN_SUBMIT_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your entries and submit the form again."), code="too_fast"
            )
        self._spend_timestamp()
        return cleaned

    def _spend_timestamp(self) -> None:
        """
        The first submission of a timestamp spends it. A second one passes only when the first was
        accepted: it carries the same submission token (the signature says so), so the application's
        token lookup answers it with the first submission's result (a double click lands on the same
        confirmation). A timestamp whose first submission was refused is not good for another try.
        """
        digest = hashlib.sha256(self._submitted_timestamp.encode()).hexdigest()[:40]
        self._timestamp_key = f"form-timestamp:{digest}"
        try:
            cache = rate_limit_cache()
            if cache.add(self._timestamp_key, _SPENT_PENDING, timeout=settings.FORM_MAX_AGE_SECONDS):
                return
            state = cache.get(self._timestamp_key)
        except Exception:
            logger.exception("Form timestamp store unavailable: not checking reuse")
            return
        if state not in (_SPENT_ACCEPTED, None):
            raise forms.ValidationError(
                _("This form was already submitted. Please check your entries and submit it again."), code="reused"
            )

    def mark_accepted(self) -> None:
        """Called once the shared checks passed: a resubmission of this token may reach the app."""
        if not self._timestamp_key:
            return
        try:
            rate_limit_cache().set(self._timestamp_key, _SPENT_ACCEPTED, timeout=settings.FORM_MAX_AGE_SECONDS)
        except Exception:
            logger.exception("Form timestamp store unavailable")


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the configured number of trusted proxies saw (when it is an IP address)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and _valid_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_ip_or_none(request) -> str | None:
    """client_ip for storing in an IP address column (django-axes): None when it is not an address."""
    address = client_ip(request)
    return address if _valid_ip(address) else None


def _counter_key(scope: str, value: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{int(time.time() // window)}"


def limit_reached(scope: str, value: str, limit: int, window: int, cache=None) -> bool:
    """True once `limit` hits were counted in this window (slot `limit` is taken). Raises on cache errors."""
    cache = cache if cache is not None else rate_limit_cache()
    return cache.get(f"{_counter_key(scope, value, window)}:{limit}") is not None


def hit(scope: str, value: str, limit: int, window: int, cache=None) -> bool:
    """
    Count one hit; True while the count stays within `limit` per `window` seconds. Raises on cache errors.

    Each hit claims a numbered slot with `cache.add`, which is atomic on every shared backend (Redis SET NX,
    the database cache's primary key), so concurrent workers can never both take slot n: at most `limit`
    hits get through per window, whatever the backend's `incr` does. A hint key remembers the last slot
    taken, so a hit usually costs three cache round trips, and one once the limit is reached.
    """
    cache = cache if cache is not None else rate_limit_cache()
    key = _counter_key(scope, value, window)
    first_free = int(cache.get(key) or 0) + 1
    for slot in range(max(first_free, 1), limit + 1):
        if cache.add(f"{key}:{slot}", 1, timeout=window):
            cache.set(key, slot, timeout=window)
            return True
    return False


def within_limit(scope: str, value: str, limit: int, window: int) -> bool:
    """Count one hit in the shared cache; True while within the limit. Fails open (and logs) on cache errors."""
    try:
        return hit(scope, value, limit, window)
    except Exception:
        # A broken cache must not turn visitors away; the log says the limit was not applied.
        logger.exception("Rate-limit cache unavailable: not limiting %s", scope)
        return True


def within_ip_rate_limit(request, form_name: str) -> bool:
    limit, window = settings.RATE_LIMIT_PER_IP
    return within_limit(f"{form_name}:ip", client_ip(request), limit, window)


def within_email_rate_limit(email: str, form_name: str) -> bool:
    limit, window = settings.RATE_LIMIT_PER_EMAIL
    return within_limit(f"{form_name}:email", email.strip().casefold(), limit, window)


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
    form.mark_accepted()
    return Screening.OK


SCREENING_STATUS = {Screening.LIMITED: 429, Screening.INVALID: 400}
