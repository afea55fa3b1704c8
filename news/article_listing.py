"""
Finding one article among 1,300: the admin's flat listing of articles and events (Wagtail 7.4's
PageListingViewSet, a public API), filtered by section, category, month of the article's date, live or draft and
the English translation's state, sorted by the article's date (newest first) unless the editor sorts otherwise.

Wagtail's page explorer lists a section's children as generic pages: it cannot filter by an article's fields or sort
by its date. Each section's explorer links here, filtered to that section (news/wagtail_hooks.py). The translation
state is the status report's own computation (home/editorial/translation_status.py), so both always agree.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext, pgettext_lazy

from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from django_filters import ChoiceFilter

from home.editorial.translation_status import STATES, source_locale, translation_status

from .models import ArticleCategory, ArticlePage, Category, SectionPage

LIVE, DRAFT = "live", "draft"
TRANSLATION_LANGUAGE = "en"


def section_choices() -> list[tuple[str, str]]:
    """The sections, one choice for both trees ("通知公告 · Notices"), keyed by their shared translation key."""
    titles: dict[str, dict[str, str]] = {}
    for key, language, title in SectionPage.objects.order_by("path").values_list(
        "translation_key", "locale__language_code", "title"
    ):
        titles.setdefault(str(key), {})[language] = title
    return [(key, " · ".join(by_language.values())) for key, by_language in titles.items()]


def category_choices() -> list[tuple[str, str]]:
    """The categories by their slug (the same in both trees), named in the admin's language where translated."""
    language = "zh-hans" if (get_language() or "").startswith("zh") else get_language()
    names: dict[str, str] = {}
    for slug, code, name in Category.objects.order_by("name").values_list("slug", "locale__language_code", "name"):
        if code == language or slug not in names:
            names[slug] = name
    return sorted(names.items(), key=lambda item: item[1])


def month_choices() -> list[tuple[str, str]]:
    """The months that have articles, newest first ("2024年5月" / "May 2024")."""
    return [
        (f"{month:%Y-%m}", date_format(month, "YEAR_MONTH_FORMAT"))
        for month in ArticlePage.objects.dates("date", "month", order="DESC")
    ]


def status_choices() -> list[tuple[str, str]]:
    return [(LIVE, pgettext("article listing", "Live")), (DRAFT, pgettext("article listing", "Draft only"))]


def translation_choices() -> list[tuple[str, str]]:
    return [(state, str(label)) for state, label in STATES.items()]


class ArticleFilterSet(PageFilterSet):
    section = ChoiceFilter(
        label=pgettext_lazy("article listing", "Section"), choices=section_choices, method="filter_section"
    )
    category = ChoiceFilter(
        label=pgettext_lazy("article listing", "Category"), choices=category_choices, method="filter_category"
    )
    month = ChoiceFilter(label=pgettext_lazy("article listing", "Month"), choices=month_choices, method="filter_month")
    status = ChoiceFilter(
        label=pgettext_lazy("article listing", "Published"), choices=status_choices, method="filter_status"
    )
    translation = ChoiceFilter(
        label=pgettext_lazy("article listing", "English translation"),
        choices=translation_choices,
        method="filter_translation",
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_section(self, queryset, name, value):
        paths = SectionPage.objects.filter(translation_key=value).values_list("path", flat=True)
        within = Q()
        for path in paths:
            within |= Q(path__startswith=path, depth=len(path) // ArticlePage.steplen + 1)
        return queryset.filter(within) if paths else queryset.none()

    def filter_category(self, queryset, name, value):
        pages = ArticleCategory.objects.filter(category__slug=value).values("page_id")
        return queryset.filter(pk__in=pages)

    def filter_month(self, queryset, name, value):
        year, _separator, month = value.partition("-")
        return queryset.filter(date__year=int(year), date__month=int(month))

    def filter_status(self, queryset, name, value):
        return queryset.filter(live=(value == LIVE))

    def filter_translation(self, queryset, name, value):
        """The report's rows in that state: the Chinese source pages and their English pages."""
        rows, _counts, _locales = translation_status(state=value, language=TRANSLATION_LANGUAGE)
        ids = {row.source_id for row in rows if row.is_page} | {row.target_id for row in rows if row.is_page}
        return queryset.filter(pk__in=ids - {None})


class CategoriesColumn(Column):
    """The article's categories, the first (its tag) first; read for the whole page of rows at once."""

    def get_value(self, instance):
        return "、".join(getattr(instance, "category_names", []))


class TranslationColumn(Column):
    """The English translation's state, as the translation status report says it (Chinese articles only)."""

    def get_value(self, instance):
        return getattr(instance, "translation_state", "") or "—"


def article_date(page) -> str:
    return date_format(page.date, "SHORT_DATE_FORMAT")


class ArticleIndexView(IndexView):
    default_ordering = "-date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = list(context["object_list"])
        self.annotate_rows(pages)
        return context

    def annotate_rows(self, pages: list) -> None:
        """Categories and the English translation's state of the rows shown, in one query each (not per row)."""
        names: dict[int, list[str]] = {}
        links = ArticleCategory.objects.filter(page_id__in=[page.pk for page in pages]).order_by("sort_order")
        for page_id, name in links.values_list("page_id", "category__name"):
            names.setdefault(page_id, []).append(name)
        source = source_locale()
        states = {}
        if any(page.locale_id == source.pk for page in pages):
            rows, _counts, _locales = translation_status(language=TRANSLATION_LANGUAGE)
            states = {row.source_id: row.state_label for row in rows if row.is_page}
        for page in pages:
            page.category_names = names.get(page.pk, [])
            page.translation_state = states.get(page.pk, "") if page.locale_id == source.pk else ""


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    index_view_class = ArticleIndexView
    filterset_class = ArticleFilterSet
    columns = [
        BulkActionsColumn("bulk_actions"),
        PageTitleColumn("title", label=pgettext_lazy("article listing", "Title"), sort_key="title"),
        ParentPageColumn("parent", label=pgettext_lazy("article listing", "Section")),
        Column(
            "date",
            label=pgettext_lazy("article listing", "Article date"),
            sort_key="date",
            accessor=article_date,
            width="12%",
        ),
        CategoriesColumn("categories", label=pgettext_lazy("article listing", "Categories"), width="14%"),
        PageStatusColumn("status", label=pgettext_lazy("article listing", "Status"), sort_key="live", width="10%"),
        TranslationColumn("translation", label=pgettext_lazy("article listing", "English"), width="12%"),
    ]
    icon = "doc-full"
    menu_label = pgettext_lazy("article listing", "Articles")
    menu_order = 110
    add_to_admin_menu = True


article_listing_viewset = ArticleListingViewSet("articles")


def section_articles_url(section) -> str:
    """The listing filtered to one section (both trees): the explorer of a section links here."""
    return f"{reverse('articles:index')}?section={section.translation_key}"
