"""
Reference data edited as one bilingual record (django-modeltranslation, see membership/translation.py):
industries, membership grades and the member units of the directory.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from home.search.chinese import segment_for_index


class Industry(models.Model):
    name = models.CharField(pgettext_lazy("field", "name"), max_length=80)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name_zh_hans"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class MemberGrade(models.Model):
    """A membership grade the Secretariat defines (the seed knows one: 会员单位 / Member)."""

    name = models.CharField(pgettext_lazy("field", "name"), max_length=80)
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=80, unique=True)
    description = models.TextField(_("rights and duties"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name_zh_hans"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description_zh_hans"),
        FieldPanel("description_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("membership grade")
        verbose_name_plural = _("membership grades")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class MemberUnit(index.Indexed, models.Model):
    """An organisation in the member directory; only published ones are ever shown."""

    name = models.CharField(pgettext_lazy("field", "name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    description = models.TextField(pgettext_lazy("field", "description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    grade = models.ForeignKey(
        MemberGrade, verbose_name=_("grade"), null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    published = models.BooleanField(_("published in the directory"), default=False)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo content; never created in production.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_zh_hans"), FieldPanel("name_en")]),
                FieldRowPanel([FieldPanel("short_name_zh_hans"), FieldPanel("short_name_en")]),
                FieldPanel("description_zh_hans"),
                FieldPanel("description_en"),
                FieldPanel("address_zh_hans"),
                FieldPanel("address_en"),
            ],
            heading=_("Names and texts (English falls back to Chinese)"),
        ),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("industry"), FieldPanel("grade"), FieldPanel("member_since")]),
        FieldPanel("published"),
    ]
    search_fields = [
        index.SearchField("name_zh_hans"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_zh_hans"),
        index.AutocompleteField("name_en"),
        index.SearchField("segmented_name"),
        index.FilterField("published"),
    ]

    class Meta:
        verbose_name = _("member unit")
        verbose_name_plural = _("member units")
        ordering = ["-grade__sort_order", "name_zh_hans"]

    def __str__(self):
        return self.name

    def segmented_name(self) -> str:
        return segment_for_index(
            f"{self.name_zh_hans} {self.short_name_zh_hans or ''} {self.description_zh_hans or ''}"
        )

    @property
    def slug(self) -> str:
        return slugify(self.name_en or "") or "member"
