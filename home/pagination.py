"""Numbered, elided pagination (1 … 4 5 6 … 127) for every listing of the site."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as PaginatorPage

LISTING_PAGE_SIZE = 10


def paginate(items, page_param: str | None, per_page: int = LISTING_PAGE_SIZE) -> PaginatorPage:
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
