"""Numbered, elided pagination (1 … 4 5 6 … 127) for every listing of the site."""

from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.http import Http404

LISTING_PAGE_SIZE = 10


def paginate(items, page_param: str | None, per_page: int = LISTING_PAGE_SIZE) -> PaginatorPage:
    """
    A page of `items` (no parameter: the first). A page that does not exist — past the last, zero,
    negative or not a number — is a 404: a search engine must not index the same items under many URLs.
    """
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(page_param or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page
