"""
How long personal data is kept when nobody asks for it to go, and the purge that enforces it.

One setting, `PERSONAL_DATA_RETENTION_DAYS` (a period per kind, from the environment), drives both the
purge (`manage.py purge_personal_data`, run daily by the scheduler) and the periods the privacy page
shows, so the page can never promise something the site does not do.
"""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from wagtail.log_actions import log

from home.personal_data.audit import RecordSet
from home.personal_data.models import PersonalData
from home.personal_data.registry import ErasureOutcome, sources

PURGE_ACTION = "home.retention_purge"


class ExpiredRecords(Protocol):
    def __call__(self, cutoff: datetime.datetime) -> list[str]: ...


class PurgeRecords(Protocol):
    def __call__(self, cutoff: datetime.datetime) -> ErasureOutcome: ...


@dataclass
class RetentionRule:
    """
    One kind of record and what happens to it after `PERSONAL_DATA_RETENTION_DAYS[setting]` days.

    `expired(cutoff)` lists the references that would go (the dry run); `purge(cutoff)` removes them and
    must be idempotent: a second run finds nothing left.
    """

    setting: str
    description: str  # lazy, with the period to fill in: "Event registrations: %(period)s after the event"
    expired: ExpiredRecords
    purge: PurgeRecords

    @property
    def days(self) -> int:
        return int(settings.PERSONAL_DATA_RETENTION_DAYS[self.setting])

    def text(self) -> str:
        """The sentence the privacy page shows, in the active language."""
        return str(self.description) % {"period": period_text(self.days)}

    def cutoff(self, now: datetime.datetime | None = None) -> datetime.datetime:
        return (now or timezone.now()) - datetime.timedelta(days=self.days)


def rules() -> list[RetentionRule]:
    return [rule for source in sources() for rule in source.retention_rules()]


def period_text(days: int) -> str:
    """365 → '1 year', 180 → '6 months', 45 → '45 days' (in the active language)."""
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if days and days % 30 == 0:
        months = days // 30
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@dataclass
class PurgeResult:
    rule: RetentionRule
    references: list[str]  # what went (or, in a dry run, what would go)
    outcome: ErasureOutcome | None  # None in a dry run


def purge(dry_run: bool = False, now: datetime.datetime | None = None) -> list[PurgeResult]:
    """Apply every retention rule once; each rule that removed something leaves one audit entry."""
    results = []
    for rule in rules():
        cutoff = rule.cutoff(now)
        references = rule.expired(cutoff)
        outcome = None
        if references and not dry_run:
            with transaction.atomic():
                outcome = rule.purge(cutoff)
                label = f"{rule.setting} · {', '.join(outcome.references)}"
                data = {**outcome.as_data(), "days": rule.days, "cutoff": cutoff.isoformat()}
                log(RecordSet(PersonalData, f"retention:{rule.setting}", label), PURGE_ACTION, data=data)
            references = outcome.references
        results.append(PurgeResult(rule, references, outcome))
    return results
