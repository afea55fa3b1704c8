"""
Bulk actions on the rows ticked in the translation status report: submit for translation, sync, machine-translate
into drafts, mark ready for review, publish, download their PO files — what wagtail-localize's users ask of it (its
issues 789 "bulk sync", 705 "bulk machine translation", 627 "bulk translate snippets", with a PO file for each) and
it offers only one object at a time; and the upload of any number of translated PO files at once.

Each row is checked and done on its own, in its own transaction, with the same permission checks as the
one-at-a-time buttons (home.editorial.permissions): one refused row never undoes the others, and the message
names every refused row with its reason.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permissions import page_permission_policy
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.edit_translation import apply_machine_translation, user_can_edit_instance

from home.editorial import translation_review as review
from home.editorial.permissions import may_publish_translation, may_translate
from home.editorial.po_files import NOT_A_PO_FILE, import_po, po_zip, read_po, translation_of_po

# More rows than a page of the report could show is a mistake or an attack: refused whole.
MAX_ROWS = 500
UNKNOWN_TRANSLATION = pgettext_lazy(
    "po file", "This PO file names no translation you may edit (or lost its header): nothing was imported."
)

SUBMIT, SYNC, MACHINE_TRANSLATE, READY, PUBLISH = "submit", "sync", "machine_translate", "ready", "publish"
PO_FILES = "po_files"
ACTIONS = {
    SUBMIT: gettext_lazy("Submit for translation"),
    SYNC: pgettext_lazy("translation bulk action", "Sync with the source"),
    MACHINE_TRANSLATE: pgettext_lazy("translation bulk action", "Machine-translate into drafts"),
    READY: pgettext_lazy("translation review", "Ready for review"),
    PUBLISH: pgettext_lazy("translation bulk action", "Publish"),
    PO_FILES: pgettext_lazy("translation bulk action", "Download their PO files (ZIP)"),
}


class Refused(Exception):
    """A row the action does not apply to, or the user may not act on: the message says why."""


@dataclass
class Row:
    instance: object  # the source page (specific) or snippet
    locale: Locale

    @property
    def title(self) -> str:
        return f"“{self.instance}” ({self.locale.get_display_name()})"


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # What the handlers returned for the rows done (the PO files' translations).
    results: list = field(default_factory=list)


def action_choices(user, has_engine: bool) -> list[tuple[str, str]]:
    """The actions offered to this user: machine translation only with an engine, publishing only to publishers."""
    choices = [(SUBMIT, ACTIONS[SUBMIT]), (SYNC, ACTIONS[SYNC])]
    if has_engine:
        choices.append((MACHINE_TRANSLATE, ACTIONS[MACHINE_TRANSLATE]))
    choices.append((READY, ACTIONS[READY]))
    if user.is_superuser or page_permission_policy.user_has_permission(user, "publish"):
        choices.append((PUBLISH, ACTIONS[PUBLISH]))
    choices.append((PO_FILES, ACTIONS[PO_FILES]))
    return choices


def parse_row(key: str) -> Row:
    """`page:<id>:<locale id>` or `<app_label>.<model_name>:<pk>:<locale id>` (StatusRow.key)."""
    try:
        kind, pk, locale_id = key.rsplit(":", 2)
        locale = Locale.objects.get(pk=int(locale_id))
        if kind == "page":
            instance = Page.objects.get(pk=int(pk)).specific
        else:
            model = apps.get_model(kind)
            if not issubclass(model, TranslatableMixin):
                raise LookupError(kind)
            instance = model.objects.get(pk=pk)
    except (ValueError, LookupError, ObjectDoesNotExist) as error:
        raise Refused(pgettext("translation bulk action", "not found")) from error
    return Row(instance, locale)


def translation_of(row: Row) -> Translation:
    translation = Translation.objects.filter(
        source__object_id=row.instance.translation_key,
        source__locale_id=row.instance.locale_id,
        target_locale=row.locale,
        enabled=True,
    ).first()
    if translation is None:
        raise Refused(pgettext("translation bulk action", "not submitted for translation yet"))
    return translation


def check_may_translate(user, row: Row) -> None:
    if not may_translate(user, row.instance, row.locale):
        raise Refused(pgettext("translation bulk action", "you may not translate it"))


def submit(user, row: Row) -> None:
    check_may_translate(user, row)
    existing = row.instance.get_translations().filter(locale=row.locale)
    if isinstance(row.instance, Page):
        existing = existing.filter(alias_of__isnull=True)
    if existing.exists():
        raise Refused(pgettext("translation bulk action", "already translated"))
    TranslationCreator(user, [row.locale]).create_translations(row.instance)


def sync(user, row: Row) -> None:
    """The source's latest published content becomes what is translated; nothing is published."""
    check_may_translate(user, row)
    translation = translation_of(row)
    TranslationSource.update_or_create_from_instance(row.instance)
    if isinstance(row.instance, Page):
        translation.source.update_target_view_restrictions(row.locale)


def machine_translate(user, row: Row) -> None:
    """Machine output for every untranslated segment, saved as a draft of the page (never published)."""
    engine = get_machine_translator()
    if engine is None:
        raise Refused(pgettext("translation bulk action", "no machine-translation engine is configured"))
    check_may_translate(user, row)
    translation = translation_of(row)
    try:
        apply_machine_translation(translation.pk, user, engine)
    except (PermissionDenied, Http404) as error:
        raise Refused(pgettext("translation bulk action", "the engine cannot translate it")) from error
    if isinstance(row.instance, Page):
        translation.save_target(user=user, publish=False)


def mark_ready(user, row: Row) -> None:
    translation = translation_of(row)
    if not review.may_mark_ready(user, translation):
        raise Refused(pgettext("translation bulk action", "only a page you may edit can be marked ready"))
    outcome = review.mark_ready(translation, user)
    if not outcome.done:
        raise Refused(outcome.message)


def publish(user, row: Row) -> None:
    translation = translation_of(row)
    if not may_publish_translation(user, translation.get_target_instance()):
        raise Refused(pgettext("translation bulk action", "you may not publish it"))
    outcome = review.publish_translation(translation, user)
    if not outcome.done:
        raise Refused(outcome.message)


def po_file(user, row: Row) -> Translation:
    translation = translation_of(row)
    if not user_can_edit_instance(user, translation.get_target_instance()):
        raise Refused(pgettext("translation bulk action", "you may not translate it"))
    return translation


HANDLERS = {
    SUBMIT: submit,
    SYNC: sync,
    MACHINE_TRANSLATE: machine_translate,
    READY: mark_ready,
    PUBLISH: publish,
    PO_FILES: po_file,
}


def run_bulk(user, action: str, keys: list[str]) -> BulkResult:
    handler = HANDLERS[action]
    result = BulkResult()
    for key in dict.fromkeys(keys):  # each row once, in the order ticked
        try:
            row = parse_row(key)
        except Refused as refusal:
            result.refused.append(f"{key}: {refusal}")
            continue
        try:
            with transaction.atomic():
                outcome = handler(user, row)
        except Refused as refusal:
            result.refused.append(f"{row.title}: {refusal}")
        except ValidationError as error:
            result.refused.append(f"{row.title}: {' '.join(error.messages)}")
        else:
            result.done.append(row.title)
            result.results.append(outcome)
    return result


@require_POST
def bulk_action(request):
    """The report's bulk form: the action on every ticked row, then back to the report with its filters."""
    back = reverse("editorial_translation_status") + "?" + request.POST.get("filters", "")
    action = request.POST.get("action", "")
    keys = request.POST.getlist("rows")
    offered = dict(action_choices(request.user, get_machine_translator() is not None))
    if action not in offered:
        messages.error(request, pgettext("translation bulk action", "Choose an action."))
        return redirect(back)
    if not keys:
        messages.error(request, pgettext("translation bulk action", "Tick the rows to act on first."))
        return redirect(back)
    if len(keys) > MAX_ROWS:
        messages.error(
            request, pgettext("translation bulk action", "At most %(count)s rows at a time.") % {"count": MAX_ROWS}
        )
        return redirect(back)
    result = run_bulk(request.user, action, keys)
    if action == PO_FILES and result.results:
        response = HttpResponse(po_zip(result.results), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="translations-po.zip"'
        return response
    summary = {"action": offered[action], "done": len(result.done), "selected": len(dict.fromkeys(keys))}
    if result.done:
        messages.success(
            request, pgettext("translation bulk action", "%(action)s: %(done)s of %(selected)s done.") % summary
        )
    if result.refused:
        messages.warning(
            request,
            pgettext("translation bulk action", "%(action)s: not done for %(rows)s")
            % {"action": offered[action], "rows": "; ".join(result.refused)},
        )
    return redirect(back)


@require_POST
def upload_po_files(request):
    """
    The report's PO upload: any number of translated PO files, each imported into the translation whose id its
    header carries (wagtail-localize writes it), if the user may edit that translation; every file accounted for.
    """
    back = reverse("editorial_translation_status") + "?" + request.POST.get("filters", "")
    uploads = request.FILES.getlist("files")
    if not uploads:
        messages.error(request, pgettext("po file", "Choose a PO file (at most 5 MB) to upload."))
        return redirect(back)
    for upload in uploads[:MAX_ROWS]:
        po = read_po(upload)
        translation = translation_of_po(po)
        if po is None:
            done, message = False, str(NOT_A_PO_FILE)
        elif translation is None or not user_can_edit_instance(request.user, translation.get_target_instance()):
            done, message = False, str(UNKNOWN_TRANSLATION)
        else:
            imported = import_po(translation, po, request.user)
            done, message = imported.done, imported.message
        (messages.success if done else messages.error)(request, f"{upload.name}: {message}")
    return redirect(back)
