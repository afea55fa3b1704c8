"""Personal data in the answers to form pages (their own submission model): found, exported, erased, purged."""

from django.utils.translation import gettext_lazy as _

from home.personal_data.form_submissions import FormSubmissionSource

from .models import SurveySubmission


class SurveySubmissionSource(FormSubmissionSource):
    """Wagtail's form-submission source on `SurveySubmission`, which knows the language it was sent in."""

    model = SurveySubmission
    prefix = "S"
    key = "survey_submissions"
    label = _("Form page submissions")

    def language(self, submission) -> str:
        return submission.language
