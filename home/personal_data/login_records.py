"""
Personal data in the admin's sign-in records (django-axes): failed sign-ins, lockouts and the sign-in log; and the
locks of whole accounts (home/security/account_protection.py).

They hold the user name typed, the client's IP address and browser. A person is found by e-mail: the user
name typed as that address, or the user name of the admin account with that address. Nothing here must be
kept, so erasure deletes; the account itself is left to the site's administrators.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from home.personal_data.registry import ErasureOutcome, Identity, PersonalDataSource, PersonalRecord
from home.personal_data.retention import RetentionRule
from home.security.models import AccountLockout

MODELS = {"lockout": AccessAttempt, "failure": AccessFailureLog, "sign-in": AccessLog, "account-lock": AccountLockout}


def _user_names(identity: Identity) -> set[str]:
    if not identity.email:
        return set()
    accounts = get_user_model().objects.filter(email__iexact=identity.email)
    return {identity.email, *(account.get_username() for account in accounts)}


def _matching(identity: Identity):
    """(prefix, model, queryset) for each kind of record, filtered to the person's user names."""
    names = _user_names(identity)
    query = Q(pk__in=[])
    for name in names:
        query |= Q(username__iexact=name)
    return [(prefix, model, model.objects.filter(query).order_by("attempt_time")) for prefix, model in MODELS.items()]


def _fields(row) -> list[tuple]:
    if isinstance(row, AccountLockout):
        return [
            (_("kind"), row._meta.verbose_name),
            (_("user name"), row.username),
            (_("failed sign-ins"), row.failures),
            (_("time"), row.attempt_time),
            (_("locked until"), row.locked_until),
        ]
    fields = [
        (_("kind"), row._meta.verbose_name),
        (_("user name"), row.username),
        (_("IP address"), row.ip_address),
        (_("browser"), row.user_agent),
        (_("time"), row.attempt_time),
    ]
    if isinstance(row, AccessAttempt):
        fields.append((_("failed sign-ins"), row.failures_since_start))
    if isinstance(row, AccessLog):
        fields.append((_("signed out at"), row.logout_time))
    return fields


class LoginRecordSource(PersonalDataSource):
    key = "login_records"
    label = _("Admin sign-in records")
    erasure_rule = _("Deleted: the failed sign-ins, lockouts and sign-in log of this address's admin account.")

    def find(self, identity: Identity) -> list[PersonalRecord]:
        return [
            PersonalRecord(
                kind=str(self.label),
                reference=f"{prefix}-{row.pk}",
                language="",
                fields=_fields(row),
                created_at=row.attempt_time,
            )
            for prefix, _model, rows in _matching(identity)
            for row in rows
        ]

    def erase(self, identity: Identity) -> ErasureOutcome:
        outcome = ErasureOutcome()
        with transaction.atomic():
            for prefix, _model, rows in _matching(identity):
                references = [f"{prefix}-{pk}" for pk in rows.values_list("pk", flat=True)]
                rows.delete()
                outcome += ErasureOutcome(deleted=len(references), references=references)
        return outcome

    def retention_rules(self) -> list[RetentionRule]:
        return [
            RetentionRule(
                setting="login_lockouts",
                description=_("Records of sign-ins to the administration: %(period)s"),
                expired=self._expired_references,
                purge=self._purge,
            )
        ]

    @staticmethod
    def _expired_references(cutoff) -> list[str]:
        return [
            f"{prefix}-{pk}"
            for prefix, model in MODELS.items()
            for pk in model.objects.filter(attempt_time__lt=cutoff).order_by("pk").values_list("pk", flat=True)
        ]

    def _purge(self, cutoff) -> ErasureOutcome:
        references = self._expired_references(cutoff)
        with transaction.atomic():
            for model in MODELS.values():
                model.objects.filter(attempt_time__lt=cutoff).delete()
        return ErasureOutcome(deleted=len(references), references=references)
