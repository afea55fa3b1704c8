"""The translation status report, the changed-segments view and publishing a reviewed translation."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.editorial.permissions import may_publish_translation, may_translate
from home.editorial.segment_names import segment_name
from home.editorial.translation_bulk import action_choices
from home.editorial.translation_review import publish_translation as publish
from home.editorial.translation_status import (
    STATES,
    add_segment_progress,
    section_choices,
    source_locale,
    translation_status,
)


class StatusFilterForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Section"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    locale = forms.ChoiceField(label=gettext_lazy("Language"), required=False)

    def __init__(self, *args, sections, locales, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", pgettext("filter", "All"))]
        self.fields["section"].choices = everything + sections
        self.fields["state"].choices = everything + [(key, label) for key, label in STATES.items()]
        self.fields["locale"].choices = everything + [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]


ROWS_PER_PAGE = 100


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every translatable page and snippet × every target locale, filterable, with actions and counts."""

    template_name = "editorial/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = source_locale()
        locales = Locale.objects.exclude(pk=source.pk).order_by("language_code")
        form = StatusFilterForm(self.request.GET or None, sections=section_choices(source), locales=locales)
        filters = form.cleaned_data if form.is_valid() else {}
        rows, counts, _targets = translation_status(
            section=filters.get("section", ""), state=filters.get("state", ""), language=filters.get("locale", "")
        )
        # A screen of rows at a time: at the original site's size the report has thousands.
        page = Paginator(rows, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            {
                "filter_form": form,
                "rows": add_segment_progress(list(page.object_list)),
                "page_obj": page,
                "elided_page_range": page.paginator.get_elided_page_range(page.number),
                "counts": [(key, label, counts.get(key, 0)) for key, label in STATES.items()],
                "total": sum(counts.values()),
                "bulk_actions": action_choices(self.request.user, get_machine_translator() is not None),
                "here": self.request.get_full_path(),
            }
        )
        return context


class TranslationChangesView(WagtailAdminTemplateMixin, TemplateView):
    """
    What changed in the source since it was translated: for each segment without a translation, the
    old Chinese, the new Chinese and the previous English.

    wagtail-localize keeps every string ever translated (String → StringTranslation, per segment
    context), so the previous version of a changed segment is the one translated in the same context.
    """

    template_name = "editorial/translation_changes.html"
    page_title = gettext_lazy("Changes to translate")
    header_icon = "history"

    def dispatch(self, request, *args, **kwargs):
        self.translation = get_object_or_404(
            Translation.objects.select_related("source", "target_locale"), pk=kwargs["translation_id"]
        )
        if not may_translate(
            request.user, self.translation.source.get_source_instance(), self.translation.target_locale
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.translation.source.object_repr

    def changed_segments(self) -> list[dict]:
        locale = self.translation.target_locale
        source = self.translation.source.as_instance()
        segments = list(
            StringSegment.objects.filter(source=self.translation.source)
            .select_related("string", "context")
            .annotate_translation(locale)
            .order_by("order")
        )
        changed = [segment for segment in segments if segment.translation is None]
        previous = {}
        for old in (
            StringTranslation.objects.filter(context_id__in=[s.context_id for s in changed], locale=locale)
            .exclude(translation_of_id__in=[s.string_id for s in changed])
            .select_related("translation_of")
            .order_by("updated_at")
        ):
            previous[old.context_id] = old  # the latest wins
        return [
            {
                "where": segment_name(source, segment.context.path),
                "new": segment.string.data,
                "old": previous[segment.context_id].translation_of.data if segment.context_id in previous else "",
                "previous_english": previous[segment.context_id].data if segment.context_id in previous else "",
            }
            for segment in changed
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        target = self.translation.get_target_instance()
        context.update(
            {
                "translation": self.translation,
                "changes": self.changed_segments(),
                "editor_url": reverse("wagtailadmin_pages:edit", args=[target.pk]) if hasattr(target, "path") else "",
            }
        )
        return context


@require_POST
def publish_translation(request, translation_id: int):
    """
    Publish a reviewed translation from the status report (approvers): the current translated segments are
    applied and published at once, in one transaction, or refused with the segments still in Chinese named.
    """
    translation = get_object_or_404(Translation.objects.select_related("source", "target_locale"), pk=translation_id)
    target = translation.get_target_instance()
    if not may_publish_translation(request.user, target):
        raise PermissionDenied
    back = reverse("editorial_translation_status") + "?" + request.POST.get("filters", "")
    outcome = publish(translation, request.user)
    if not outcome.done:
        messages.error(request, outcome.message)
        return redirect(back)
    messages.success(
        request,
        _("Published “%(title)s” in %(language)s.")
        % {"title": str(target), "language": translation.target_locale.get_display_name()},
    )
    return redirect(back)
