"""
Which pages the public may see, without asking the database on every request.

Wagtail's `.public()` and its `before_serve_page` check read every PageViewRestriction from the database each time
they are called (six times for one home page). The paths of restricted pages are few and rarely change: they are
kept in the shared cache and cleared through `home.caching.invalidation` when a restriction or the page tree changes.
"""

from django.db.models import Q

from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from home.caching import invalidation, request_cache

RESTRICTED_PATHS_KEY = "visibility:restricted-paths"
CACHE_SECONDS = 60 * 60


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages that carry a view restriction (their descendants are restricted too)."""
    paths = request_cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = tuple(sorted(PageViewRestriction.objects.values_list("page__path", flat=True)))
        request_cache.store(RESTRICTED_PATHS_KEY, paths, CACHE_SECONDS)
    return paths


def private_q() -> Q:
    """Pages in a restricted subtree (Wagtail's `private_q`, from the cached paths); matches nothing if none."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """`queryset.public()` for Wagtail's own querysets (`Page.objects…`), from the cached paths."""
    return queryset.exclude(private_q()) if restricted_paths() else queryset


def is_restricted(page) -> bool:
    """Whether `page` is private (it or an ancestor has a view restriction), from the cached paths."""
    if page.alias_of_id is not None:
        return page.get_view_restrictions().exists()  # an alias follows its original's restrictions
    return any(page.path.startswith(path) for path in restricted_paths())


class PublicPageQuerySet(PageQuerySet):
    """Our page querysets: `.public()`, `.private()` and `.not_public()` read the cached restricted paths."""

    def private_q(self):
        return private_q()

    def public(self):
        return public(self)


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


class CachedViewRestrictionsMixin:
    """Page mixin: Wagtail's serve-time privacy check costs no query for a page outside restricted subtrees."""

    def get_view_restrictions(self):
        if self.alias_of_id is None and not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


request_cache.prefetch([RESTRICTED_PATHS_KEY])
invalidation.register("view-restriction", keys=[RESTRICTED_PATHS_KEY])
# A moved page moves its restriction's subtree (paths change).
invalidation.register("page", keys=[RESTRICTED_PATHS_KEY])
