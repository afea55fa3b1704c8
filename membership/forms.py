"""The membership application form and the applicant's reply form, in the visitor's language."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.form_choices import PLEASE_SELECT, with_placeholder
from home.phones import normalise_mobile
from home.security.spam import SpamProtectedForm
from home.validators import multi_line_text, single_line_text
from membership.uploads import check_document

from .models.applications import MembershipApplication
from .models.reference import Industry, MemberGrade
from .validators import normalise_uscc

Application = MembershipApplication


def line(label, max_length, required=True, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=[single_line_text], **kwargs
    )


class DocumentField(forms.FileField):
    """A PDF/JPEG/PNG up to 10 MB, checked by content; cleans to a safe copy (membership.uploads.CheckedFile)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_document(upload) if upload else upload


class MembershipApplicationForm(SpamProtectedForm):
    company_name_zh = line(_("Company name in Chinese"), 200, required=False)
    company_name_en = line(_("Company name in English"), 200, required=False)
    registered_in = forms.ChoiceField(
        label=_("Where is the company registered?"), choices=Application.RegisteredIn.choices, widget=forms.RadioSelect
    )
    uscc = forms.CharField(
        label=_("Unified Social Credit Code (USCC)"),
        max_length=40,
        required=False,
        help_text=_("18 characters, as printed on the business licence (mainland companies)."),
    )
    country = line(_("Country or region of registration"), 80, required=False)
    registration_number = line(_("Company registration number"), 60, required=False)
    company_type = forms.ChoiceField(
        label=_("Company type"), choices=with_placeholder(Application.CompanyType.choices)
    )
    industry = forms.ModelChoiceField(label=_("Industry"), queryset=Industry.objects.all(), empty_label=PLEASE_SELECT)
    registered_address = line(_("Registered address"), 255)
    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    employees = forms.ChoiceField(
        label=_("Number of employees"), choices=with_placeholder(Application.Employees.choices)
    )
    main_business = forms.CharField(
        label=_("Main business"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[multi_line_text],
    )
    requested_grade = forms.ModelChoiceField(
        label=_("Membership grade applied for"), queryset=MemberGrade.objects.all(), empty_label=PLEASE_SELECT
    )
    contact_name = line(_("Contact person"), 60)
    contact_job_title = line(_("Job title"), 60)
    contact_phone = forms.CharField(label=_("Mobile phone"), max_length=24)
    contact_email = forms.EmailField(label=_("E-mail"), max_length=254)
    contact_wechat = line(_("WeChat ID (optional)"), 60, required=False)
    licence_file = DocumentField(
        label=_("Business licence or registration certificate"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB. Companies registered abroad: the registration certificate."),
    )
    consent_processing = forms.BooleanField(label=_("I agree to the processing of this application's data."))
    consent_directory = forms.BooleanField(
        label=_("Once we are members, the company may be listed in the public member directory."), required=False
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("submission_token", uuid.uuid4())
        # A choice only when the Secretariat has defined more than one grade; otherwise the one there is.
        grades = list(MemberGrade.objects.all()[:2])
        self.only_grade = grades[0] if len(grades) == 1 else None
        if len(grades) <= 1:
            del self.fields["requested_grade"]

    def clean_contact_phone(self) -> str:
        return normalise_mobile(self.cleaned_data["contact_phone"])

    def clean_contact_email(self) -> str:
        email = self.cleaned_data["contact_email"]
        single_line_text(email)
        return email.strip()

    def clean(self):
        cleaned = super().clean()
        if "requested_grade" not in self.fields:
            cleaned["requested_grade"] = self.only_grade
        if not (cleaned.get("company_name_zh") or cleaned.get("company_name_en")):
            self.add_error("company_name_zh", _("Enter the company name in Chinese or in English (or both)."))
        if cleaned.get("registered_in") == Application.RegisteredIn.MAINLAND:
            try:
                cleaned["uscc"] = normalise_uscc(cleaned.get("uscc") or "")
            except ValidationError as error:
                self.add_error("uscc", error)
        elif cleaned.get("registered_in") == Application.RegisteredIn.ABROAD:
            cleaned["uscc"] = ""
            for name in ("country", "registration_number"):
                if not cleaned.get(name):
                    self.add_error(name, _("Required for a company registered outside mainland China."))
        return cleaned


class ApplicantReplyForm(forms.Form):
    """The applicant's answer to a request for more information, through the status link."""

    note = forms.CharField(
        label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), validators=[multi_line_text]
    )
    licence_file = DocumentField(label=_("New licence or certificate (optional)"), required=False)
