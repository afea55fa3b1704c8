"""
A form page editors build themselves (surveys, simple sign-ups) with Wagtail's form builder.

- One field key across both languages: a field's key (`clean_name`) is an ASCII name kept in step
  between the Chinese page and its English translation, so both store answers under the same keys.
- Every submission belongs to the Chinese source page, whichever language it came in: one list and
  one export (CSV or XLSX) hold both, with the language in its own column.
- Shared spam protection and consent; a resubmitted form finds its first submission; a
  confirmation e-mail goes to the address given in the form's first e-mail field.
"""

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from home.page_fields import SYNCHRONISED_SLUG
from home.privacy import privacy_policy
from home.security.spam import SCREENING_STATUS, Screening

from .admin_views import SurveySubmissionsListView
from .forms import SurveyFormBuilder
from .submissions import screen, store_submission


class SurveyFormField(TranslatableMixin, AbstractFormField):
    """
    A field of a form page. Its key (`clean_name`, ASCII) is set once — by the editor, or by Wagtail
    from the label ("姓名" → "u59d3u540d") — and synchronised: the English page keeps the Chinese keys.
    """

    page = ParentalKey("surveys.FormPage", related_name="form_fields", on_delete=models.CASCADE)

    panels = [FieldPanel("clean_name"), *AbstractFormField.panels]
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class SurveySubmission(AbstractFormSubmission):
    """One submission: the answers by field key, its language, consent, and the token that stops duplicates."""

    submission_token = models.UUIDField(unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10)
    consent_at = models.DateTimeField(_("consent given at"))
    privacy_policy_version = models.CharField(_("privacy policy version"), max_length=40)

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = pgettext_lazy("surveys", "form submission")
        verbose_name_plural = pgettext_lazy("surveys", "form submissions")

    def get_data(self):
        return {**super().get_data(), "language": self.language}


class FormPage(AbstractEmailForm):
    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True, help_text=_("Shown after a submission."))
    confirmation_subject = models.CharField(
        _("confirmation e-mail subject"),
        max_length=200,
        blank=True,
        help_text=_("Sent to the address of the form's first e-mail field; blank: the page title."),
    )

    form_builder = SurveyFormBuilder
    submissions_list_view_class = SurveySubmissionsListView
    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        FieldPanel("confirmation_subject"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notify the secretariat"),
        ),
    ]
    override_translatable_fields = SYNCHRONISED_SLUG + [
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
    ]

    template = "surveys/form_page.html"
    landing_page_template = "surveys/form_page_landing.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def source_page(self) -> "FormPage":
        """The Chinese page: it holds the submissions of both languages."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            FormPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            or self
        )

    def get_submission_class(self):
        return SurveySubmission

    def get_data_fields(self):
        return [*super().get_data_fields(), ("language", _("language"))]

    def email_field_key(self) -> str | None:
        field = next((f for f in self.get_form_fields() if f.field_type == "email"), None)
        return field.clean_name if field else None

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            response = super().serve(request, *args, **kwargs)
        else:
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            outcome = screen(request, form, self.email_field_key())
            if outcome == Screening.BOT:
                response = self.render_landing_page(request, None)  # pretend all went well, store nothing
            elif outcome == Screening.OK:
                response = self.render_landing_page(request, store_submission(self, form, request))
            else:
                context = self.get_context(request)
                context["form"] = form
                response = TemplateResponse(request, self.get_template(request), context)
                response.status_code = SCREENING_STATUS.get(outcome, 200)
        # The form carries a signed render time and a fresh token: never from a cache.
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_policy"] = privacy_policy(self.locale, request)
        return context
