"""
Personal data in Wagtail form-builder submissions (`wagtail.contrib.forms.FormSubmission`).

Any form page that stores its submissions in Wagtail's own table is covered: a submission belongs to
the person when one of its answers is their e-mail address or phone number. Nothing in a submission
must be kept, so erasure deletes it. A form page with its own submission model (`get_submission_class`)
registers a subclass naming that model (`model`, `key`), as surveys/personal_data.py does.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import FormSubmission

from home.personal_data.registry import ErasureOutcome, Identity, PersonalDataSource, PersonalRecord
from home.personal_data.retention import RetentionRule


def _answers(value) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _belongs_to(submission: FormSubmission, identity: Identity) -> bool:
    return any(
        identity.matches(email=answer, phone=answer)
        for value in (submission.form_data or {}).values()
        for answer in _answers(value)
    )


def _field_labels(page) -> dict:
    specific = page.specific
    if hasattr(specific, "get_data_fields"):
        return dict(specific.get_data_fields())
    return {}


class FormSubmissionSource(PersonalDataSource):
    model = FormSubmission
    prefix = "F"  # of the references: F-12
    key = "form_submissions"
    label = _("Form submissions")
    erasure_rule = _("Deleted: nothing in a form submission must be kept.")

    def language(self, submission) -> str:
        return submission.page.locale.language_code

    def _matching(self, identity: Identity) -> list:
        # A coarse filter in the database (the address, or the last digits of the number), exact in Python.
        fragment = identity.email or identity.phone[-4:]
        candidates = self.model.objects.filter(form_data__icontains=fragment).select_related("page__locale")
        candidates = candidates.order_by("submit_time", "id")
        return [submission for submission in candidates if _belongs_to(submission, identity)]

    def find(self, identity: Identity) -> list[PersonalRecord]:
        records = []
        for submission in self._matching(identity):
            labels = _field_labels(submission.page)
            fields = [(_("form"), submission.page.title), (_("submitted at"), submission.submit_time)]
            fields += [(labels.get(name, name), value) for name, value in submission.form_data.items()]
            records.append(
                PersonalRecord(
                    kind=str(self.label),
                    reference=f"{self.prefix}-{submission.pk}",
                    language=self.language(submission),
                    fields=fields,
                    created_at=submission.submit_time,
                )
            )
        return records

    def erase(self, identity: Identity) -> ErasureOutcome:
        with transaction.atomic():
            submissions = self._matching(identity)
            self.model.objects.filter(pk__in=[submission.pk for submission in submissions]).delete()
        return ErasureOutcome(deleted=len(submissions), references=[f"{self.prefix}-{s.pk}" for s in submissions])

    def retention_rules(self) -> list[RetentionRule]:
        return [
            RetentionRule(
                setting="form_submissions",
                description=_("Form submissions: %(period)s after they were sent"),
                expired=self._expired_references,
                purge=self._purge,
            )
        ]

    def _expired(self, cutoff):
        return self.model.objects.filter(submit_time__lt=cutoff)

    def _expired_references(self, cutoff) -> list[str]:
        return [f"{self.prefix}-{pk}" for pk in self._expired(cutoff).order_by("pk").values_list("pk", flat=True)]

    def _purge(self, cutoff) -> ErasureOutcome:
        references = self._expired_references(cutoff)
        deleted, _by_model = self._expired(cutoff).delete()
        return ErasureOutcome(deleted=deleted, references=references)
