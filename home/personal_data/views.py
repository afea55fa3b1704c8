"""
The personal-data screen (admin, secretariat only): find one person's data, export it, erase it.

The person is named by POST only (never in a URL, which would land in access logs). Export and erasure
each take a confirmation step and leave an entry in the audit log, which names the person by a keyed
digest, never by the address.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from home.personal_data.archive import build_zip, find_all, preferred_language
from home.personal_data.audit import RecordSet
from home.personal_data.models import MANAGE_PERMISSION, PersonalData
from home.personal_data.registry import ErasureOutcome, Identity, sources

CONFIRM_STAGE = "confirm"  # posted by the confirmation page: from the screen, a button only asks
SEARCH_ACTION = "home.personal_data_search"
EXPORT_ACTION = "home.personal_data_export"
ERASE_ACTION = "home.personal_data_erase"


class PersonForm(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("E-mail address or mobile phone number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

    def clean_person(self) -> Identity:
        identity = Identity.parse(self.cleaned_data["person"])
        if identity is None:
            raise forms.ValidationError(_("Enter a valid e-mail address or a phone number."))
        return identity


class ConfirmForm(PersonForm):
    confirmed = forms.BooleanField(
        label=gettext_lazy("I have verified that the request comes from this person (or is required by law)."),
        required=True,
    )


class ExportForm(ConfirmForm):
    language = forms.ChoiceField(label=gettext_lazy("Language of the export"), choices=settings.LANGUAGES)


def _require_permission(request) -> None:
    if not request.user.has_perm(MANAGE_PERMISSION):
        raise PermissionDenied


def _audit(request, action: str, identity: Identity, found, data: dict):
    references = [record.reference for _source, records in found for record in records]
    label = " · ".join([identity.audit_key(), ", ".join(references) or "—"])
    log(RecordSet(PersonalData, identity.audit_key(), label), action, user=request.user, data=data)


def screen(request):
    """Search by e-mail or phone; show every record found, source by source, with what erasure would do."""
    _require_permission(request)
    form = PersonForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        identity = form.cleaned_data["person"]
        found = find_all(identity)
        _audit(request, SEARCH_ACTION, identity, found, {"records": _counts(found)})
    return TemplateResponse(
        request,
        "home/admin/personal_data.html",
        {
            "form": form,
            "found": found,
            "sources": sources(),
            "person": request.POST.get("person", ""),
            # The site history filtered to this screen's entries (they are all of the type "personal data").
            "audit_type_id": ContentType.objects.get_for_model(PersonalData, for_concrete_model=False).pk,
        },
    )


def _counts(found) -> dict:
    return {source.key: len(records) for source, records in found}


def _confirmation(request, form, template_action: str):
    identity = Identity.parse(request.POST.get("person", ""))
    found = find_all(identity) if identity else []
    if "language" in form.fields and not form.is_bound:
        form.initial["language"] = preferred_language(found)
    return TemplateResponse(
        request,
        "home/admin/personal_data_confirm.html",
        {"form": form, "found": found, "action": template_action, "screen_url": reverse("personal_data")},
    )


def _confirmed(request, form_class, action: str):
    """
    (the valid form, None) once the staff member has confirmed `action` on its confirmation page; otherwise
    (None, the answer to give): back to the screen for a GET, the confirmation page (again, with its errors).
    """
    _require_permission(request)
    if request.method != "POST":
        return None, redirect("personal_data")
    if request.POST.get("stage") != CONFIRM_STAGE:
        return None, _confirmation(request, form_class(initial={"person": request.POST.get("person", "")}), action)
    form = form_class(request.POST)
    if not form.is_valid():
        return None, _confirmation(request, form, action)
    return form, None


def export(request):
    """POST from the screen: the confirmation; POST confirmed: the ZIP, and an audit entry."""
    form, answer = _confirmed(request, ExportForm, "export")
    if form is None:
        return answer
    identity = form.cleaned_data["person"]
    content, summary = build_zip(identity, form.cleaned_data["language"])
    found = find_all(identity)
    _audit(request, EXPORT_ACTION, identity, found, summary)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{timezone.localdate():%Y%m%d}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def erase(request):
    """POST from the screen: the confirmation; POST confirmed: erase in every source, then an audit entry."""
    form, answer = _confirmed(request, ConfirmForm, "erase")
    if form is None:
        return answer
    identity = form.cleaned_data["person"]
    found = find_all(identity)
    outcome = ErasureOutcome()
    per_source = {}
    with transaction.atomic():
        for source in sources():
            result = source.erase(identity)
            per_source[source.key] = result.as_data()
            outcome += result
        _audit(request, ERASE_ACTION, identity, found, {**outcome.as_data(), "sources": per_source})
    messages.success(
        request,
        _("Erased: %(deleted)d records deleted, %(anonymised)d anonymised, %(files)d files removed from storage.")
        % {"deleted": outcome.deleted, "anonymised": outcome.anonymised, "files": outcome.files_removed},
    )
    return redirect("personal_data")
