"""Section listings and articles."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.absolute_urls import absolute_url
from home.blocks import ArticleBodyBlock
from home.caching import html_cache, presence
from home.caching.routing import language_codes_by_locale_id
from home.caching.visibility import CachedViewRestrictionsMixin, PublicPageManager
from home.editorial.pages import EditorialPageMixin
from home.navigation.build import Link
from home.page_fields import SYNCHRONISED_SLUG
from home.pagination import paginate
from home.search.index import SEGMENTED_SEARCH_FIELDS, ChineseSearchMixin
from home.structured_data import StructuredDataMixin, organisation, share_image_url

from .categories import Category
from .presence import NewsFacts, news_facts
from .querysets import EVENT_VIEWS, ArticlePageManager, next_event_change, prefetch_categories

# The section an empty listing points to for "the latest news" (the seed's 新闻资讯).
NEWS_SECTION_SLUG = "news"


class SectionPage(CachedViewRestrictionsMixin, EditorialPageMixin, ChineseSearchMixin, StructuredDataMixin, Page):
    """A listing of articles and events (通知公告, 协会动态, 新闻资讯) with category and event filters."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("section_categories", label=_("Categories offered as filters")),
    ]
    search_fields = Page.search_fields + [*SEGMENTED_SEARCH_FIELDS, index.SearchField("intro")]

    objects = PublicPageManager()

    template = "news/section_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage", "news.EventPage"]

    class Meta:
        verbose_name = _("section page")
        verbose_name_plural = _("section pages")

    def offered_categories(self) -> list:
        return [link.category for link in self.section_categories.select_related("category")]

    def published_facts(self) -> NewsFacts:
        language = language_codes_by_locale_id().get(self.locale_id, get_language())
        snapshot = NEWS_FACTS.get(language)
        return snapshot.facts if snapshot else NewsFacts(frozenset(), frozenset(), frozenset())

    def listing_is_empty(self, query: str = "") -> bool:
        """Whether this listing, with the filter `query` (`category=…`, `when=…`), lists nothing yet."""
        return not self.published_facts().shows_items(self.path, query)

    def listing_state_changes_at(self):
        """When time alone changes what the listings show (an event starts or ends)."""
        language = language_codes_by_locale_id().get(self.locale_id, get_language())
        snapshot = NEWS_FACTS.get(language)
        return snapshot.changes_at if snapshot else None

    def categories_with_items(self) -> list:
        """The offered categories that have items in this section (the filters and the menu's drop-down)."""
        facts = self.published_facts()
        return [c for c in self.offered_categories() if (self.path, c.slug) in facts.section_categories]

    def menu_children(self, request=None) -> list[Link]:
        """Its categories with items: the drop-down of a section in the main menu."""
        url = self.get_url(request)
        return [Link(c.name, f"{url}?category={c.slug}", c.slug) for c in self.categories_with_items()]

    def get_context(self, request, *args, **kwargs):
        """Filters (category, upcoming/past events), the current page of items, the sidebar."""
        context = super().get_context(request, *args, **kwargs)
        categories = self.categories_with_items()
        everything = ArticlePage.objects.listing(self.locale_id)
        items = everything.children_of(self)

        category_slug = request.GET.get("category", "")
        active_category = next((c for c in categories if c.slug == category_slug), None)
        if category_slug and active_category is None:
            # A category the section does not offer as a filter (a menu may link to it, e.g. 观点聚焦).
            active_category = Category.objects.filter(locale=self.locale, slug=category_slug).first()
        if category_slug:
            # An unknown slug shows the empty state rather than an error: stable, harmless URLs.
            items = items.in_category(category_slug)

        event_view = request.GET.get("when", "")
        if event_view in EVENT_VIEWS:
            # Upcoming and past events (最新活动 / 活动回顾) are site-wide: an event is an event in
            # whichever section it was published.
            events = everything.in_category(category_slug) if category_slug else everything
            items = events.events(event_view)
            if event_view == "upcoming":
                items = items.order_by("eventpage__start", "-pk")
        else:
            event_view = ""

        listings = html_cache.listings(get_language())
        # The keys in order from the shared cache until the listings change, unless the clock orders them (events).
        page_of_items = paginate(items, request.GET.get("page"), keys_depend_on="" if event_view else listings)
        # Cached whole for anonymous visitors: until this language's listings change or an event starts or ends.
        html_cache.depend_on(request, listings)
        html_cache.expire_at(request, next_event_change(ArticlePage.objects.all(), self.locale_id))
        recommended = everything.recommended()
        prefetch_categories(page_of_items.object_list, recommended)
        if not page_of_items.object_list:
            context.update(self.empty_listing_links(request, event_view))
        context.update(
            {
                "categories": categories,
                "active_category": active_category,
                "category_slug": category_slug,
                "event_view": event_view,
                "items": page_of_items,
                "recommended": recommended,
            }
        )
        return context

    def empty_listing_links(self, request, event_view: str) -> dict:
        """
        Where a reader of an empty listing (reached by an old link or a typed address) goes next: the latest
        news (the news section, or the home page when that is this one), and past events from upcoming ones.
        """
        facts = self.published_facts()
        news = SectionPage.objects.live().public().filter(locale_id=self.locale_id, slug=NEWS_SECTION_SLUG)
        news = news.exclude(pk=self.pk).only("id", "path", "depth", "url_path", "locale_id").first()
        latest_url = news.get_url(request) if news and facts.shows_items(news.path) else ""
        past_url = ""
        if event_view == "upcoming" and facts.shows_items(self.path, "when=past"):
            past_url = f"{self.get_url(request)}?when=past"
        home_url = self.get_parent().get_url(request) if not latest_url else ""
        return {"latest_news_url": latest_url, "past_events_url": past_url, "home_url": home_url}


class ArticlePage(CachedViewRestrictionsMixin, EditorialPageMixin, ChineseSearchMixin, StructuredDataMixin, Page):
    """A notice, policy, news item or report, with structured source attribution."""

    # Listed by its section, never a menu entry (see home.navigation.build).
    is_listing_item = True

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
    cover_image_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("Alternative text for screen readers. Left empty: the image's own description."),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
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
        FieldPanel("cover_image_alt"),
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

    objects = ArticlePageManager()

    template = "news/article_page.html"
    override_translatable_fields = SYNCHRONISED_SLUG
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Listings order by (date, id) descending: the index walks them in order (see querysets.LISTING_ORDER).
        indexes = [
            models.Index(fields=["date", "page_ptr"], name="article_listing_order"),
            # The recommended sidebar walks the few recommended items in order instead of every article.
            models.Index(
                fields=["-date", "-page_ptr"], condition=models.Q(recommended=True), name="article_recommended_order"
            ),
        ]

    def clean(self):
        super().clean()
        # Stored rather than looked up when rendering, so the English page gets English (a segment).
        if self.cover_image and not self.cover_image_alt:
            self.cover_image_alt = self.cover_image.default_alt_text

    @property
    def tag(self):
        """The first category (the listing tag); uses the prefetched categories when present."""
        if "article_categories" in getattr(self, "_prefetched_objects_cache", {}):
            links = list(self.article_categories.all())
        else:
            links = list(self.article_categories.select_related("category")[:1])
        return links[0].category if links else None

    @property
    def event(self):
        """The EventPage row when this article is an event (select_related in listings), else None."""
        try:
            return self.eventpage
        except ObjectDoesNotExist:
            return None

    def schema_data(self, request) -> dict:
        """schema.org NewsArticle, in the page's language."""
        modified = self.last_published_at or self.latest_revision_created_at
        article = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "image": [share_image_url(self)],
            "datePublished": self.date.isoformat(),
            "dateModified": modified.isoformat() if modified else self.date.isoformat(),
            "inLanguage": get_language(),
            "mainEntityOfPage": absolute_url(self.get_url(request)),
            "author": {"@type": "Person", "name": self.author} if self.author else organisation(),
            "publisher": organisation(),
        }
        if self.source_name:
            article["isBasedOn"] = {"@type": "CreativeWork", "name": self.source_name}
            if self.source_url:
                article["isBasedOn"]["url"] = self.source_url
        return article


# What each language has published (sections, categories, event views with items): the menus leave out the rest.
NEWS_FACTS = presence.Facts(
    "news:published:{language}",
    compute=lambda language: news_facts(ArticlePage.objects, language),
    topics=("page", "category", "view-restriction"),
)
