"""Section listings and articles."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey

from home.page_fields import SYNCHRONISED_SLUG
from home.search import SEGMENTED_SEARCH_FIELDS, ChineseSearchMixin

from ..blocks import BodyBlock
from .categories import Category

LISTING_PAGE_SIZE = 10


class SectionPage(ChineseSearchMixin, Page):
    """A listing of articles and events (通知公告, 协会动态, 新闻资讯) with category and event filters."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("section_categories", label=_("Categories offered as filters")),
    ]
    search_fields = Page.search_fields + [*SEGMENTED_SEARCH_FIELDS, index.SearchField("intro")]

    template = "news/section_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage", "news.EventPage"]

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def get_context(self, request, *args, **kwargs):
        from news.queries import section_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(section_listing(self, request))
        return context

    @staticmethod
    def paginate(items, page_param: str | None, per_page: int = LISTING_PAGE_SIZE):
        """A page of `items`; junk or out-of-range page numbers fall back to the first or last page."""
        paginator = Paginator(items, per_page)
        try:
            page = paginator.page(page_param or 1)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages if page_param and str(page_param).isdigit() else 1)
        page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
        return page


class ArticleCategory(TranslatableMixin, Orderable):
    """An article's categories, in order: the first is its tag. Translatable like SectionCategory."""

    page = ParentalKey("news.ArticlePage", related_name="article_categories", on_delete=models.CASCADE)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("category")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class ArticlePage(ChineseSearchMixin, Page):
    """A notice, policy, news item or report, with structured source attribution."""

    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Shown in listings and share cards."))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    source_name = models.CharField(_("source"), max_length=255, blank=True, help_text=_("e.g. 商务部网站"))
    source_url = models.URLField(_("source link"), blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    recommended = models.BooleanField(
        _("recommended"), default=False, help_text=_("Listed in the 'Recommended' sidebar.")
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("recommended")]),
        InlinePanel("article_categories", label=_("Categories (the first is the tag)")),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url"), FieldPanel("author")],
            heading=_("Source and author"),
        ),
    ]
    search_fields = Page.search_fields + [
        *SEGMENTED_SEARCH_FIELDS,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("recommended"),
    ]

    template = "news/article_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def tag(self):
        """The first category (the listing tag); uses the prefetched categories when present."""
        links = list(self.article_categories.all())
        return links[0].category if links else None

    @property
    def event(self):
        """The EventPage row when this article is an event (select_related in listings), else None."""
        from .events import EventPage

        if isinstance(self, EventPage):
            return self
        try:
            return self.eventpage
        except EventPage.DoesNotExist:
            return None
