"""Categories of notices and news, translated like the pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from modelcluster.fields import ParentalKey


class Category(TranslatableMixin, models.Model):
    """
    A category of notices and news (最新政策 / Policies…), translated like the pages.

    The slug is ASCII and the same in both locales, so `?category=policies` works on either tree
    and the language switcher can keep it.
    """

    name = models.CharField(pgettext_lazy("field", "name"), max_length=60)
    tag_label = models.CharField(
        _("tag label"), max_length=30, help_text=_("The short label shown before titles in listings, e.g. 资讯.")
    )
    slug = models.SlugField(pgettext_lazy("field", "slug"), max_length=60, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("tag_label"), FieldPanel("slug")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name


register_snippet(Category)


class SectionCategory(TranslatableMixin, Orderable):
    """
    A category a section offers as a filter (and as a drop-down entry in the main menu).

    Translatable so that wagtail-localize points the English section at the English category.
    """

    page = ParentalKey("news.SectionPage", related_name="section_categories", on_delete=models.CASCADE)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("category")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Named for the translation editor, which shows the model's name above its segments.
        verbose_name = _("section category")
        verbose_name_plural = _("section categories")


class ArticleCategory(TranslatableMixin, Orderable):
    """An article's categories, in order: the first is its tag. Translatable like SectionCategory."""

    page = ParentalKey("news.ArticlePage", related_name="article_categories", on_delete=models.CASCADE)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("category")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        # Named for the translation editor, which shows the model's name above its segments.
        verbose_name = _("article category")
        verbose_name_plural = _("article categories")
