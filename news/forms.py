"""The event registration form, in the visitor's language."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.form_choices import with_placeholder
from home.phones import normalise_mobile
from home.security.spam import SpamProtectedForm
from home.validators import multi_line_text, single_line_text

from .choices import AttendanceMode, EventFormat


class RegistrationForm(SpamProtectedForm):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60, validators=[single_line_text])
    organisation = forms.CharField(label=_("Organisation"), max_length=120, validators=[single_line_text])
    job_title = forms.CharField(label=_("Job title"), max_length=60, required=False, validators=[single_line_text])
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=24,
        help_text=_("Mainland mobile (11 digits) or international format, e.g. +44 20 7946 0958."),
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    attendance_mode = forms.ChoiceField(
        label=_("I will attend"), choices=with_placeholder(AttendanceMode.choices), required=False
    )
    attendees = forms.IntegerField(label=_("Number of attendees"), min_value=1, initial=1, required=False)
    remarks = forms.CharField(
        label=_("Remarks"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[multi_line_text],
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my data as described in the privacy policy."))
    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        self.initial.setdefault("submission_token", uuid.uuid4())
        if event.event_format != EventFormat.HYBRID:
            del self.fields["attendance_mode"]
        else:
            self.fields["attendance_mode"].required = True
        if event.group_registration:
            self.fields["attendees"] = forms.IntegerField(
                label=_("Number of attendees"), min_value=1, max_value=event.max_group_size, initial=1
            )
        else:
            del self.fields["attendees"]

    def clean_phone(self) -> str:
        return normalise_mobile(self.cleaned_data["phone"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        single_line_text(email)
        return email.strip()

    def chosen_mode(self) -> str:
        if "attendance_mode" in self.fields:
            return self.cleaned_data["attendance_mode"]
        return self.event.attendance_modes()[0]

    def chosen_attendees(self) -> int:
        return (self.cleaned_data.get("attendees") or 1) if "attendees" in self.fields else 1
