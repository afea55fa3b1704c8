"""
A cap on failed sign-ins per account, counted across every address, that cannot lock the secretariat out.

django-axes locks a (user name, address) pair after 5 wrong passwords; an attacker with many addresses (6 × 4
guesses, then the right password from a 7th) was never stopped per account. Here every wrong password for one
account counts, from wherever it comes: at ADMIN_LOGIN_ACCOUNT_LIMIT within the window (20 an hour)

- an account **without** an active second factor is locked for every address for ADMIN_LOGIN_ACCOUNT_LOCK
  (60 minutes): even the right password is refused, with a page that says so;
- an account **with** one (ADMIN_2FA_REQUIRED on and a confirmed device) is never locked by other addresses'
  failures: a right password alone does not open it, so the attack gains nothing, while a lock would let anyone
  shut the secretariat out. Its owner still signs in with the password and the authenticator's code;
- either way the account's owner and the administrators (superusers and whoever may lift sign-in locks) get an
  e-mail in their admin language (home/security/account_alerts.py), once a day at most while it goes on;
- the lock is listed under Settings → Sign-in lockouts, where an administrator lifts it early.
Accounts are counted by the user name typed, whether or not the account exists, so the lock tells nobody which
accounts exist (e-mails go only to real accounts).

The order of checks at the admin's sign-in (`/admin/login/`), each one refusing before the next runs:

1. **Per-address throttle** (home/security/admin_login.py, middleware before the view): ADMIN_LOGIN_IP_LIMIT
   failed sign-ins an hour from one address, any user names → 429. The shared cache unreachable → 503 (the
   sign-in fails closed rather than run without its counts).
2. **django-axes, per (user name, address)**: the first authentication backend; 5 wrong passwords lock that pair
   for 15 minutes → its 429 page. The same account signs in from any other address.
3. **The account lock** (`AccountLockBackend`, the second backend): an account locked here → 429 page, unless it
   has an active second factor.
4. **The password** (Django's ModelBackend). A wrong one is counted by every layer above: the address's hour,
   axes' pair, and this account's count (only attempts whose password was really checked count here).
5. **The second factor** (wagtail-2fa's middleware, after the password has opened a session): the authenticator's
   code or a recovery code at `/admin/2fa/auth` (django-otp slows down wrong codes per device, doubling the wait
   after each), or, for a member of a group that must have one and has none yet, the set-up page. Nothing else in
   the admin opens before this step is passed.
"""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone

from axes.models import AccessAttempt

from home.security import spam
from home.security.account_alerts import send_later
from home.security.models import AccountLockout
from home.security.second_factor import has_active_second_factor

logger = logging.getLogger(__name__)

ACCOUNT_SCOPE = "admin-login:account"
# A lock that goes on being attacked is told about again after this long, not at every failure.
NOTIFY_AGAIN_AFTER = timezone.timedelta(days=1)
# Set on the request by the backend: this attempt's password is about to be checked (only those count here);
# or: this attempt was refused by the account lock (the page says so).
CHECKING_ACCOUNT = "account_being_checked"
REFUSED_BY_LOCK = "account_locked_out"


def active_lock(username: str) -> AccountLockout | None:
    """The lock that refuses this user name now: running, and the account has no active second factor."""
    lockout = AccountLockout.objects.filter(username=username, locked_until__gt=timezone.now()).first()
    if lockout is None or has_active_second_factor(lockout.owner()):
        return None
    return lockout


class AccountLockBackend:
    """
    Authenticates nobody; refuses a user name whose account is locked for every address (step 3 above), and marks
    the attempts that go on to the password check. Placed between django-axes' backend and ModelBackend.

    A plain class on purpose, without Django's BaseBackend: it has no `get_user`, so Django never records it as
    the backend of a session (the test client's `force_login` takes the first backend that has one).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        if active_lock(username) is not None:
            setattr(request, REFUSED_BY_LOCK, True)
            raise PermissionDenied  # Django stops here and reports a failed sign-in
        setattr(request, CHECKING_ACCOUNT, username)
        return None


def _distinct_addresses(username: str) -> int:
    return AccessAttempt.objects.filter(username=username).values("ip_address").distinct().count()


def record_cap_reached(username: str) -> AccountLockout:
    """The account met the cap: lock it (again, if an older lock ran out), count the failure, return the row."""
    now = timezone.now()
    locked_until = now + settings.ADMIN_LOGIN_ACCOUNT_LOCK
    addresses = _distinct_addresses(username)
    with transaction.atomic():
        # get_or_create retries the read when another worker makes the row at the same moment.
        lockout, created = AccountLockout.objects.select_for_update().get_or_create(
            username=username,
            defaults={
                "failures": settings.ADMIN_LOGIN_ACCOUNT_LIMIT[0],
                "addresses": addresses,
                "locked_until": locked_until,
            },
        )
        if not created:
            changes = {
                "failures": F("failures") + 1,
                "attempt_time": now,
                "addresses": max(addresses, lockout.addresses),
            }
            if lockout.locked_until <= now:
                changes["locked_until"] = locked_until
            AccountLockout.objects.filter(pk=lockout.pk).update(**changes)
            lockout.refresh_from_db()
    return lockout


def claim_notification(lockout: AccountLockout) -> bool:
    """True for the one failure that should tell the owner and the administrators (first, or a day later)."""
    now = timezone.now()
    due = AccountLockout.objects.filter(pk=lockout.pk, notified_at=lockout.notified_at)
    if lockout.notified_at is not None and lockout.notified_at > now - NOTIFY_AGAIN_AFTER:
        return False
    return due.update(notified_at=now) == 1


@receiver(user_login_failed)
def count_account_failure(sender, credentials, request=None, **kwargs):
    """Each wrong password counts for its account (step 4); at the cap, the lock and the e-mails."""
    username = getattr(request, CHECKING_ACCOUNT, None) if request is not None else None
    if not username or username != credentials.get("username"):
        return  # refused before the password was checked (axes' pair, the lock), or no admin sign-in
    limit, window = settings.ADMIN_LOGIN_ACCOUNT_LIMIT
    try:
        spam.hit(ACCOUNT_SCOPE, username, limit, window)
        reached = spam.limit_reached(ACCOUNT_SCOPE, username, limit, window)
    except Exception:
        # The per-address throttle refuses every sign-in while the cache errors (fails closed): nothing to add.
        logger.exception("Account sign-in counter unavailable")
        return
    if not reached:
        return
    lockout = record_cap_reached(username)
    logger.warning("Admin sign-in: the per-account cap was reached (account lock %s)", lockout.pk)
    if claim_notification(lockout):
        send_later(lockout.pk)
