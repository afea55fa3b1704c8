"""What the site search finds in the member directory: published member units, in the reader's language."""

from wagtail.search.backends import get_search_backend

from home.search_excerpts import SearchResult

from .models import MemberDirectoryPage, MemberUnit

MAX_RESULTS = 200


def member_results(query: str, terms: list[str], request, locale) -> list[SearchResult]:
    """Search results for published members, linked to their directory page (excerpts built when shown)."""
    directory = MemberDirectoryPage.objects.live().filter(locale=locale).first()
    if directory is None:
        return []
    published = MemberUnit.objects.filter(published=True).select_related("industry")
    members = get_search_backend().search(query, published)[:MAX_RESULTS]
    base = directory.get_url(request)
    return [
        SearchResult(
            title=member.name,
            url=f"{base}{member.pk}/",
            type=MemberUnit._meta.verbose_name,
            terms=terms,
            text=lambda member=member: member.description or (member.industry.name if member.industry else ""),
        )
        for member in members
    ]
