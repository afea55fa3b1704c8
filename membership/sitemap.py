"""The member directory's detail pages, as sitemap entries in every language with a directory page."""

from home.urls_util import absolute_url

from .models import MemberDirectoryPage, MemberUnit


def member_entries(request) -> list[dict]:
    directories = {
        page.locale.language_code: absolute_url(page.get_url(request))
        for page in MemberDirectoryPage.objects.live().public().select_related("locale")
    }
    if not directories:
        return []
    entries = []
    for member in MemberUnit.objects.filter(published=True).only("id", "created_at"):
        alternates = {code: f"{url}{member.pk}/" for code, url in directories.items()}
        for url in alternates.values():
            entries.append({"loc": url, "lastmod": member.created_at, "alternates": alternates})
    return entries
