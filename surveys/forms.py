"""The public form of a form page: the editor's fields plus the shared spam protection and consent."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.security.spam import SpamProtectedForm

# Our own fields beside the editor's: never stored among the answers.
CONSENT_FIELD = "consent"
TOKEN_FIELD = "submission_token"  # noqa: S105  (a field name, not a secret)
PROTECTION_FIELDS = ("fax_number", "form_rendered_at", CONSENT_FIELD, TOKEN_FIELD)


class SurveyForm(BaseForm, SpamProtectedForm):
    """Wagtail's form-builder form with a honeypot, a signed render time, consent and a submission token."""

    consent = forms.BooleanField(label=_("I agree to the processing of my data as described in the privacy policy."))
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault(TOKEN_FIELD, uuid.uuid4())
        # Consent and the protection fields come after the editor's fields.
        self.order_fields([name for name in self.fields if name not in PROTECTION_FIELDS] + list(PROTECTION_FIELDS))

    def answers(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key not in PROTECTION_FIELDS}


class SurveyFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("SurveyPageForm", (SurveyForm,), self.formfields)
