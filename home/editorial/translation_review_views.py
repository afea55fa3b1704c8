"""
The review loop's screens: the translator's "ready for review" (posted from the translation editor's footer) and
the approver's review screen (the English page beside the Chinese, every segment side by side, then publish or
send back with a comment). What each action does is in home.editorial.translation_review.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_localize.models import StringSegment, Translation

from home.editorial import translation_review as review
from home.editorial.permissions import may_publish_translation
from home.editorial.prefill import is_prefilled
from home.editorial.segment_names import segment_name


def translation_or_404(translation_id: int) -> Translation:
    return get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id, enabled=True
    )


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_POST
def mark_ready(request, translation_id: int):
    """The translator's main button in the translation editor: ready for review, approvers told by e-mail."""
    translation = translation_or_404(translation_id)
    if not review.may_mark_ready(request.user, translation):
        raise PermissionDenied
    page = review.target_page(translation)
    outcome = review.mark_ready(translation, request.user)
    if outcome.done:
        messages.success(
            request,
            ngettext(
                "Submitted for review: %(count)s approver has been told by e-mail.",
                "Submitted for review: %(count)s approvers have been told by e-mail.",
                outcome.notified,
            )
            % {"count": outcome.notified},
        )
    else:
        messages.error(request, outcome.message)
    return redirect(safe_next(request, reverse("wagtailadmin_pages:edit", args=[page.pk])))


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=pgettext_lazy("translation review", "What should the translator change?"),
        max_length=review.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": pgettext_lazy("translation review", "Say what should change: the translator reads this.")
        },
    )

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(self.fields["comment"].error_messages["required"])
        return comment


class TranslationReviewView(WagtailAdminTemplateMixin, TemplateView):
    """
    The approver's screen: the English page (as it would go live) beside the Chinese it was translated from, the
    segments side by side, and the two ways out — publish, or send back with a comment for the translator.
    """

    template_name = "editorial/translation_review.html"
    page_title = pgettext_lazy("translation review", "Review translation")
    header_icon = "tick-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.translation = translation_or_404(kwargs["translation_id"])
        self.page = review.target_page(self.translation)
        if self.page is None:
            raise Http404
        if not may_publish_translation(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.translation.source.object_repr

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_translation_status"), "label": gettext_lazy("Translation status")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def segments(self) -> list[dict]:
        source = self.translation.source.as_instance()
        rows = (
            StringSegment.objects.filter(source=self.translation.source)
            .select_related("string", "context")
            .annotate_translation(self.translation.target_locale)
            .order_by("order")
        )
        prefilled = {
            (item.translation_of_id, item.context_id)
            for item in self.translation.source.stringsegment_set.get_translations(self.translation.target_locale)
            if is_prefilled(item)
        }
        return [
            {
                "name": segment_name(source, segment.context.path),
                "source": segment.string.as_value().render_text(),
                "translation": segment.translation,
                "copied": (segment.string_id, segment.context_id) in prefilled,
            }
            for segment in rows
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = review.review_of(self.translation)
        context.update(
            {
                "translation": self.translation,
                "page": self.page,
                "review": current,
                "awaiting": review.is_awaiting_review(self.translation, current, self.page),
                "source_preview_url": reverse("editorial_translation_source_preview", args=[self.translation.pk]),
                "translation_preview_url": reverse("wagtail_localize:preview_translation", args=[self.translation.pk]),
                "editor_url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "segments": self.segments(),
                "form": kwargs.get("form") or SendBackForm(),
                "next": safe_next(self.request, reverse("wagtailadmin_home")),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        done_url = safe_next(request, reverse("wagtailadmin_home"))
        if request.POST.get("action") == "publish":
            outcome = review.publish_translation(self.translation, request.user)
            if not outcome.done:
                messages.error(request, outcome.message)
                return redirect(request.path)
            messages.success(
                request,
                pgettext("translation review", "Approved and published: “%(title)s” in %(language)s.")
                % {
                    "title": self.page.get_admin_display_title(),
                    "language": self.translation.target_locale.get_display_name(),
                },
            )
            return redirect(done_url)
        form = SendBackForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        review.send_back(self.translation, request.user, form.cleaned_data["comment"])
        messages.success(
            request,
            pgettext("translation review", "Changes requested: “%(title)s” is back with its translator.")
            % {"title": self.page.get_admin_display_title()},
        )
        return redirect(done_url)


@xframe_options_sameorigin
def source_preview(request, translation_id: int):
    """The Chinese page as it was submitted for translation, for the review screen's left-hand frame."""
    translation = translation_or_404(translation_id)
    page = review.target_page(translation)
    if page is None:
        raise Http404
    if not may_publish_translation(request.user, page):
        raise PermissionDenied
    source = translation.source.as_instance()
    return source.make_preview_request(request, source.default_preview_mode)
