"""The record of an account whose failed sign-ins, counted across all addresses, reached the per-account cap."""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountLockout(models.Model):
    """
    One account (by the user name typed, whether or not such an account exists) that met the per-account cap
    (home/security/account_protection.py). It locks the account for every address until `locked_until`, unless
    the account signs in with a second factor: then it only records the attack (and its owner was told).
    Deleting the row (Settings → Sign-in lockouts) lifts the lock; the retention purge removes old rows.
    """

    username = models.CharField(_("user name"), max_length=255, unique=True)
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    addresses = models.PositiveIntegerField(_("addresses"), default=0)
    attempt_time = models.DateTimeField(_("last failed sign-in"), default=timezone.now, db_index=True)
    locked_until = models.DateTimeField(_("locked until"))
    notified_at = models.DateTimeField(_("owner and administrators told"), null=True, blank=True)

    class Meta:
        verbose_name = _("account lock")
        verbose_name_plural = _("account locks")
        ordering = ["-attempt_time"]

    def __str__(self):
        return self.username

    @property
    def is_locking(self) -> bool:
        """Whether the lock's time is still running (an account with a second factor is exempt all the same)."""
        return self.locked_until > timezone.now()

    def owner(self):
        """The account with this user name, or None (nobody: the lock applies all the same, nobody is e-mailed)."""
        user_model = get_user_model()
        return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: self.username}).first()
