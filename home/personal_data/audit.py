"""
The audit trail of personal data: who exported, downloaded, looked at or erased what, and when.

Everything goes into Wagtail's audit log, so it shows in the admin's site history (Reports → Site
history), filterable by action, user and date. Actions on one record (a licence download, an application
viewed) are logged against that record with `wagtail.log_actions.log`. Actions on a set of records (a CSV
or XLSX export, one person's data) have no single record to point at: they are kept as a
`RecordSetLogEntry`, a log model of their own that the site history lists beside the others.

Nothing personal goes into an entry: labels hold references and counts, never names or addresses.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager, LogEntryQuerySet

EXPORT_ACTION = "home.export"


class RecordSet:
    """A set of records of one model that an action touched together: 'the registrations of event 12'."""

    def __init__(self, model: type[models.Model], key: str, label: str):
        self.model = model
        self.pk = key  # the log registry asks for a primary key; the key names the set
        self.label = label

    def __str__(self):
        return self.label


class RecordSetLogEntryQuerySet(LogEntryQuerySet):
    def with_instances(self):
        # A set has no admin page to link to: the site history shows the label without a link.
        for entry in self:
            yield entry, None


class RecordSetLogEntryManager(BaseLogEntryManager):
    def get_queryset(self):
        return RecordSetLogEntryQuerySet(self.model, using=self._db)

    def log_action(self, instance: RecordSet, action: str, **kwargs):
        return self.model.objects.create(
            content_type=ContentType.objects.get_for_model(instance.model, for_concrete_model=False),
            object_id=str(instance.pk)[:255],
            label=str(instance)[:500],
            action=action,
            timestamp=kwargs.pop("timestamp", None) or timezone.now(),
            data=kwargs.pop("data", None) or {},
            **kwargs,
        )

    def viewable_by_user(self, user):
        """
        Entries on models the user holds any permission on.

        Wagtail's own version caches the allowed types on the user object, computed from whichever log
        model asks first; the site history asks each log model in set order, so the cache would hide
        these entries from everyone but superusers about half the time. This one keeps its own answer.
        """
        if user.is_superuser:
            return self.all()
        used = set(self.values_list("content_type_id", flat=True).distinct())
        allowed = {
            permission.content_type_id
            for permission in Permission.objects.filter(content_type_id__in=used).select_related("content_type")
            if user.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
        }
        return self.filter(content_type_id__in=allowed)

    def for_instance(self, instance: RecordSet):
        content_type = ContentType.objects.get_for_model(instance.model, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(instance.pk))


class RecordSetLogEntry(BaseLogEntry):
    """An audit entry about a set of records (an export, one person's data); visible to whoever may see the model."""

    object_id = models.CharField(max_length=255, blank=True)

    objects = RecordSetLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        verbose_name = _("audit entry on a set of records")
        verbose_name_plural = _("audit entries on sets of records")
        ordering = ["-timestamp", "-id"]


class ExportFormatter(LogFormatter):
    label = _("Export of personal data (CSV/XLSX)")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Exported %(rows)s rows as %(format)s") % {
            "rows": data.get("rows", "?"),
            "format": str(data.get("format", "")).upper(),
        }


def register_audit_actions(actions) -> None:
    """Called from the `register_log_actions` hook: the log model and the shared export action."""
    actions.register_model(RecordSet, RecordSetLogEntry)
    actions.register_action(EXPORT_ACTION)(ExportFormatter)


def log_export(user, model: type[models.Model], *, rows: int, file_format: str, filters: dict | None = None):
    """
    Record one download of a list of records (CSV, XLSX…). Every export path calls this.

    `filters` are the query parameters that chose the rows (event, status…): ids and codes, never
    search terms a person could be found by.
    """
    filters = {key: str(value) for key, value in (filters or {}).items() if value not in (None, "")}
    key = "&".join(f"{name}={value}" for name, value in sorted(filters.items())) or "all"
    label = f"{model._meta.verbose_name_plural} · {key}"
    return log_registry.log(
        RecordSet(model, key, label),
        EXPORT_ACTION,
        user=user,
        data={"rows": rows, "format": file_format, "filters": filters},
    )


def relabel_log_entries(model: type[models.Model], labels: dict) -> None:
    """
    Replace the stored labels of a model's log entries (`{pk: new label}`).

    Wagtail stores `str(instance)` with every entry; for a registration that is the person's name, which
    must go when the person is erased while the entry itself (who did what, when) stays.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    for pk, label in labels.items():
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(pk)).update(label=label)
