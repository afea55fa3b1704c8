"""
wagtail-localize's submit, sync and PO-download views, with the checks this site needs.

Served at wagtail-localize's own URLs (registered before its hooks, so these win): every "Translate"
and "Sync" button in the admin leads here.
- Submit: only the locales the user may translate the object into (home.editorial.permissions).
- Sync: only by a user who may translate the object into every locale it updates; it refreshes the
  source and never publishes (machine output or Chinese fallbacks stay drafts for review; approvers
  publish from the translation status report).
- PO download: named after the page's slug and the locale, not its (Chinese) title; each entry carries the
  segment's readable name ("Body · Paragraph 3") as a comment beside wagtail-localize's path (its msgctxt).
- PO upload: a file without wagtail-localize's header, or not a PO file at all, gets a message instead of a
  server error; the upload returns to where it came from (the status report offers it too).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from home.editorial.permissions import may_translate
from home.editorial.po_files import import_po, named_po, po_file_name, read_po


class PermittedLocalesMixin:
    """The form offers only the locales the user may translate into; none at all is a 403."""

    def permitted_locales(self):
        return [locale for locale in Locale.objects.all() if may_translate(self.request.user, self.object, locale)]

    def get_form(self):
        form = super().get_form()
        permitted = [locale.pk for locale in self.permitted_locales()]
        form.fields["locales"].queryset = form.fields["locales"].queryset.filter(pk__in=permitted)
        return form

    def get(self, request, *args, **kwargs):
        self.refuse_without_locales()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.refuse_without_locales()
        return super().post(request, *args, **kwargs)

    def refuse_without_locales(self) -> None:
        source_locale = self.object.locale
        if not [locale for locale in self.permitted_locales() if locale.pk != source_locale.pk]:
            raise PermissionDenied


class GuardedSubmitPageTranslationView(PermittedLocalesMixin, SubmitPageTranslationView):
    pass


class GuardedSubmitSnippetTranslationView(PermittedLocalesMixin, SubmitSnippetTranslationView):
    pass


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        self.check_permitted(request, kwargs["translation_source_id"])
        return super().dispatch(request, *args, **kwargs)

    def check_permitted(self, request, translation_source_id: int) -> None:
        translations = Translation.objects.filter(source_id=translation_source_id, enabled=True).select_related(
            "source", "target_locale"
        )
        for translation in translations:
            if not may_translate(request.user, translation.source.get_source_instance(), translation.target_locale):
                raise PermissionDenied

    def get_form(self):
        form = super().get_form()
        # Never "publish immediately" from the sync dialog: the new segments are Chinese (or machine
        # output) until reviewed, and the live translation must keep its English until then.
        form.fields["publish_translations"] = forms.BooleanField(required=False, widget=forms.HiddenInput)
        return form

    def form_valid(self, form):
        form.cleaned_data["publish_translations"] = False
        return super().form_valid(form)


def download_pofile(request, translation_id: int):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    response = HttpResponse(str(named_po(translation)), content_type="text/x-gettext-translation")
    response["Content-Disposition"] = f'attachment; filename="{po_file_name(translation)}"'
    return response


@require_POST
def upload_pofile(request, translation_id: int):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("editorial_translation_status")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, pgettext("po file", "Choose a PO file (at most 5 MB) to upload."))
        return redirect(back)
    imported = import_po(translation, read_po(upload), request.user)
    (messages.success if imported.done else messages.error)(request, imported.message)
    return redirect(back)
