"""The shape most of our pages share: an introduction and a StreamField body, searchable in Chinese."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.caching.visibility import CachedViewRestrictionsMixin, PublicPageManager
from home.editorial.pages import EditorialPageMixin
from home.page_fields import SYNCHRONISED_SLUG
from home.search.index import SEGMENTED_SEARCH_FIELDS, ChineseSearchMixin
from home.structured_data import StructuredDataMixin


class IntroBodyPage(CachedViewRestrictionsMixin, EditorialPageMixin, ChineseSearchMixin, StructuredDataMixin, Page):
    """Abstract: introduction + body, one ASCII slug for both locale trees."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        *SEGMENTED_SEARCH_FIELDS,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    override_translatable_fields = SYNCHRONISED_SLUG

    objects = PublicPageManager()

    class Meta:
        abstract = True
