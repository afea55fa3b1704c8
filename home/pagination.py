"""Numbered, elided pagination (1 … 4 5 6 … 127) for every listing of the site."""

from django.core.paginator import InvalidPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import QuerySet
from django.http import Http404

LISTING_PAGE_SIZE = 10


class LateRowPaginator(Paginator):
    """
    Deep pages of a queryset cost about what the first one does: the page's primary keys are found first, in a
    narrow query the database can answer from an index, and only those rows are then read in full. Reading full
    rows (all page and event columns) under a deep OFFSET makes the database sort and skip wide rows.
    """

    def page(self, number):
        number = self.validate_number(number)
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def paginate(items, page_param: str | None, per_page: int = LISTING_PAGE_SIZE) -> PaginatorPage:
    """
    A page of `items` (no parameter: the first). A page that does not exist — past the last, zero,
    negative or not a number — is a 404: a search engine must not index the same items under many URLs.
    """
    paginator = LateRowPaginator(items, per_page)
    try:
        page = paginator.page(page_param or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page
