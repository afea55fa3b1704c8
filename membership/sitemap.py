"""The member directory's detail pages, as sitemap entries in every language with a directory page."""

from home.absolute_urls import absolute_url

from .models import MemberDirectoryPage, MemberUnit


def _published():
    return MemberUnit.objects.filter(published=True)


def member_count() -> int:
    return _published().count()


def member_entries(request, offset: int = 0, limit: int | None = None) -> list[dict]:
    """Entries of the published members number offset…offset+limit (each in every directory language)."""
    directories = {
        page.locale.language_code: absolute_url(page.get_url(request))
        for page in MemberDirectoryPage.objects.live().public().select_related("locale")
    }
    if not directories:
        return []
    members = _published().only("id", "created_at").order_by("pk")
    entries = []
    for member in members[offset : offset + limit] if limit else members[offset:]:
        alternates = {code: f"{url}{member.pk}/" for code, url in directories.items()}
        for url in alternates.values():
            entries.append({"loc": url, "lastmod": member.created_at, "alternates": alternates})
    return entries
