"""
What is published, cached: small facts such as "this section has items" that decide what the menus show.

A section, category, feed or directory with nothing published is left out of the menus, the footer and the
home page, and comes back with its first item. Asking the database "is it empty?" for every menu entry of every
request would cost a query each; instead each app computes its facts for one language in a few queries, keeps
them in the shared cache (fetched with the request's batch, see `home.caching.request_cache`), and registers them
here with the topics that may change them.

When such a change happens, the facts are computed again at once (inside the publishing transaction, where the
change is visible) and once more after the commit: when they differ from the cached ones — a section got its
first item, or lost its last — the menus changed: their cache and every cached page (each shows the menus) are
cleared, as an edit of the menus does. An ordinary publish, which changes no fact, clears only what it did before.

    from home.caching import presence
    FACTS = presence.Facts("news-presence:{language}", compute=news_facts, topics=("page", "category"))
    FACTS.get("en")  # → the cached value, computed when missing
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from home.caching import invalidation, request_cache

logger = logging.getLogger(__name__)

# The longest a set of facts is kept when nothing announces a change (a lost invalidation heals by then).
MAX_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Snapshot:
    """Facts of one language, and when time alone changes them (an event starts or ends), if ever."""

    facts: object
    changes_at: datetime.datetime | None = field(default=None, compare=False)

    def seconds_left(self) -> int:
        if self.changes_at is None:
            return MAX_SECONDS
        return max(1, min(MAX_SECONDS, int((self.changes_at - timezone.now()).total_seconds())))


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class Facts:
    """
    One app's facts per language, cached under `key` (with `{language}`), recomputed by `compute(language)`,
    which returns a Snapshot (or None for a language without pages). Created at import time by the app's module.
    """

    def __init__(self, key: str, compute: Callable[[str], Snapshot | None], topics: Iterable[str]):
        self.key = key
        self.compute = compute
        request_cache.prefetch(self.keys_for_request)
        for topic in topics:
            invalidation.register(topic, dependencies=self.check_changed)
            invalidation.on_change(topic, self.check_changed_after_commit)

    def cache_key(self, language: str) -> str:
        return self.key.format(language=language)

    def keys_for_request(self, request) -> list[str]:
        return [self.cache_key(get_language() or settings.LANGUAGE_CODE)]

    def get(self, language: str) -> Snapshot | None:
        """The cached snapshot of `language` (computed and stored when missing or past its time)."""
        snapshot = request_cache.get(self.cache_key(language))
        if snapshot is None or (snapshot.changes_at is not None and snapshot.changes_at <= timezone.now()):
            snapshot = self.compute(language)
            if snapshot is not None:
                request_cache.store(self.cache_key(language), snapshot, snapshot.seconds_left())
        return snapshot

    def refresh(self) -> bool:
        """Compute every language's facts again and store them; True when any differs from the cached one."""
        differs = False
        for language in _languages():
            key = self.cache_key(language)
            fresh = self.compute(language)
            try:
                cached = cache.get(key)
                if fresh is None:
                    cache.delete(key)
                else:
                    cache.set(key, fresh, fresh.seconds_left())
            except Exception:
                logger.warning("Could not store the published facts %s", key, exc_info=True)
                cached = None
            # A missing entry is a change too: nobody knows what the cached pages show.
            differs = differs or cached is None or cached != fresh
        return differs

    def check_changed(self, **change) -> list[str]:
        """At the change: when the facts moved, the menus changed (see the module's docstring)."""
        if self.refresh():
            # What a menu change clears: the cached menus of every language and every cached page.
            invalidation.changed("menu")
        return []

    def check_changed_after_commit(self, **change) -> None:
        """After the commit: what other requests may have cached meanwhile from the old rows is checked again."""
        if self.refresh():
            invalidation.changed("menu")
