"""What the site search finds in the member directory: published member units, in the reader's language."""

from django.utils.functional import cached_property

from wagtail.search.backends import get_search_backend

from home.search.excerpts import SearchResult

from .models import MemberDirectoryPage, MemberUnit

MAX_RESULTS = 200


class MemberHits:
    """
    The published members matching a query, counted and sliced lazily (a results page reads only the rows it
    shows), each slice as SearchResults linked to the directory's detail pages.
    """

    def __init__(self, query: str, terms: list[str], request, locale):
        self.terms, self.request, self.locale = terms, request, locale
        published = MemberUnit.objects.filter(published=True).select_related("industry")
        self.members = get_search_backend().search(query, published)

    @cached_property
    def directory_url(self) -> str | None:
        directory = MemberDirectoryPage.objects.live().filter(locale=self.locale).only("id", "url_path").first()
        return directory.get_url(self.request) if directory else None

    def count(self) -> int:
        # A locale without a directory page links no member anywhere: it shows none (no query at all then).
        return min(self.members.count(), MAX_RESULTS) if self.directory_url else 0

    def __getitem__(self, window: slice) -> list[SearchResult]:
        if not self.directory_url:
            return []
        return [
            SearchResult(
                title=member.name,
                url=f"{self.directory_url}{member.pk}/",
                type=MemberUnit._meta.verbose_name,
                terms=self.terms,
                text=lambda member=member: member.description or (member.industry.name if member.industry else ""),
            )
            for member in self.members[window]
        ]
