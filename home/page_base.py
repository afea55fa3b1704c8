"""The shape most of our pages share: an introduction and a StreamField body, searchable in Chinese."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock
from .editorial.pages import EditorialPageMixin
from .page_fields import SYNCHRONISED_SLUG
from .search import SEGMENTED_SEARCH_FIELDS, ChineseSearchMixin
from .structured_data import StructuredDataMixin


class IntroBodyPage(EditorialPageMixin, ChineseSearchMixin, StructuredDataMixin, Page):
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

    class Meta:
        abstract = True
