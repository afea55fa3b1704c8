"""Membership applications and their review history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..storage import private_storage


def licence_path(instance, filename: str) -> str:
    # The stored name is generated (uuid) by the upload check: never the visitor's file name.
    return f"licences/{timezone.now():%Y/%m}/{filename}"


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        INFO_REQUESTED = "info_requested", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", pgettext_lazy("membership application", "Rejected")

    class RegisteredIn(models.TextChoices):
        MAINLAND = "mainland", _("Mainland China")
        ABROAD = "abroad", _("Outside mainland China")

    class CompanyType(models.TextChoices):
        PRIVATE = "private", _("Private enterprise")
        STATE_OWNED = "state_owned", _("State-owned enterprise")
        FOREIGN_INVESTED = "foreign_invested", _("Foreign-invested enterprise")
        FOREIGN = "foreign", _("Company registered abroad")
        PUBLIC_INSTITUTION = "public_institution", _("Public institution")
        SOCIAL_ORGANISATION = "social_organisation", _("Social organisation")
        OTHER = "other", _("Other")

    class Employees(models.TextChoices):
        UNDER_50 = "1-49", _("1–49")
        UNDER_200 = "50-199", _("50–199")
        UNDER_1000 = "200-999", _("200–999")
        OVER_1000 = "1000+", _("1,000 or more")

    reference = models.CharField(
        pgettext_lazy("membership application", "reference"), max_length=20, unique=True, null=True, editable=False
    )
    submission_token = models.UUIDField(unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    language = models.CharField(_("language"), max_length=10)

    company_name_zh = models.CharField(_("company name (Chinese)"), max_length=200, blank=True)
    company_name_en = models.CharField(_("company name (English)"), max_length=200, blank=True)
    registered_in = models.CharField(_("registered in"), max_length=10, choices=RegisteredIn.choices)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    country = models.CharField(_("country or region of registration"), max_length=80, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    company_type = models.CharField(_("company type"), max_length=30, choices=CompanyType.choices)
    industry = models.ForeignKey(
        "membership.Industry", verbose_name=_("industry"), on_delete=models.PROTECT, related_name="+"
    )
    registered_address = models.CharField(_("registered address"), max_length=255)
    website = models.URLField(_("website"), blank=True)
    employees = models.CharField(_("number of employees"), max_length=10, choices=Employees.choices)
    main_business = models.TextField(_("main business"), max_length=2000)
    requested_grade = models.ForeignKey(
        "membership.MemberGrade",
        verbose_name=_("requested grade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Blank when no grade was defined at the time."),
    )

    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_job_title = models.CharField(_("job title"), max_length=60)
    contact_phone = models.CharField(_("mobile phone"), max_length=20)
    contact_email = models.EmailField(_("e-mail"), max_length=254)
    contact_wechat = models.CharField(_("WeChat ID"), max_length=60, blank=True)

    licence_file = models.FileField(_("licence or certificate"), storage=private_storage, upload_to=licence_path)
    licence_content_type = models.CharField(max_length=40, editable=False)

    consent_processing_at = models.DateTimeField(_("consent to processing given at"))
    privacy_policy_version = models.CharField(_("privacy policy version"), max_length=40)
    consent_directory = models.BooleanField(_("consents to the directory listing"), default=False)

    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    info_request = models.TextField(_("information requested"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    member_unit = models.OneToOneField(
        "membership.MemberUnit",
        verbose_name=_("member unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    email_error = models.TextField(_("last e-mail error"), blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at", "-id"]
        permissions = [("review_membershipapplication", _("Can review membership applications"))]

    def __str__(self):
        return f"{self.reference or '—'} {self.display_name}"

    @property
    def display_name(self) -> str:
        return self.company_name_zh or self.company_name_en


class ApplicationEvent(models.Model):
    """One step in an application's history: who did what, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        INFO_REQUESTED = "info_requested", _("Requested more information")
        REPLIED = "replied", _("Applicant replied")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", pgettext_lazy("membership application", "Rejected")

    application = models.ForeignKey(MembershipApplication, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("application history entry")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id} {self.action}"
