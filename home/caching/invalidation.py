"""
The one place that knows what a change makes stale in the shared cache.

A change is announced by topic — `changed("page", page=…)`, `changed("menu")`, `changed("settings", instance=…)` —
and every module that caches something registers, per topic, what has to go:

- **keys**: cache keys deleted outright (the cached menus of each language, the site settings of a site);
- **dependencies**: names of groups of cached entries (`html`, `listings:en`, `page:<translation key>`).
  Each name has a token in the cache; an entry stores the tokens of the names it depends on and is stale as soon
  as one of them differs. Bumping a name therefore drops every entry that depends on it, without knowing their
  keys (the HTML cache of section listings has one entry per page number and filter).

    from home.caching import invalidation
    invalidation.register("menu", keys=lambda **change: ["navigation:zh-hans", "navigation:en"])
    invalidation.register("page", dependencies=lambda page, **change: [f"page:{page.translation_key}"])
    invalidation.watch(FooterMenu, "menu")  # post_save / post_delete → changed("menu", instance=…)

Stale data is cleared at once and again when the surrounding transaction commits: a request that reads the old
rows between the two would otherwise put them back in the cache for as long as they live there.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from home.caching import request_cache

logger = logging.getLogger(__name__)

DEPENDENCY_KEY_PREFIX = "dependency-token:"
# What may change; a typo in a topic name is an error, not a silent cache that never clears.
TOPICS = {
    "page",  # a page published, unpublished, moved, renamed or deleted (`page=`)
    "menu",  # the menus (editable menus call this)
    "settings",  # site settings (`instance=`)
    "category",  # categories of articles and their sections
    "view-restriction",  # private pages
    "site",  # Wagtail Site records (host names, root pages)
    "locale",  # languages of the page trees
}

Names = Iterable[str] | Callable[..., Iterable[str]]
_registry: dict[str, list[tuple[Names, Names]]] = defaultdict(list)
# Callbacks run after the commit (purging a CDN): what stale data outside our cache needs.
_actions: dict[str, list[Callable[..., None]]] = defaultdict(list)


def add_topic(topic: str) -> None:
    """An app's own kind of change (e.g. the member directory's records)."""
    TOPICS.add(topic)


def register(topic: str, *, keys: Names = (), dependencies: Names = ()) -> None:
    """When `topic` changes, delete `keys` and bump `dependencies` (lists, or callables of the change's details)."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown invalidation topic {topic!r}; known: {sorted(TOPICS)}")
    _registry[topic].append((keys, dependencies))


def on_change(topic: str, action: Callable[..., None]) -> None:
    """Run `action(**change)` once a change of `topic` is committed (e.g. purge the pages from a CDN)."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown invalidation topic {topic!r}; known: {sorted(TOPICS)}")
    _actions[topic].append(action)


def watch(model, topic: str, *, dispatch_uid: str | None = None) -> None:
    """Announce `topic` whenever an instance of `model` is saved or deleted."""

    def announce(sender, instance, **kwargs):
        changed(topic, instance=instance)

    uid = dispatch_uid or f"invalidation:{topic}:{model._meta.label}"
    post_save.connect(announce, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(announce, sender=model, weak=False, dispatch_uid=uid + ":delete")


def stale(topic: str, **change) -> tuple[set[str], set[str]]:
    """The cache keys and the dependency names that a change of `topic` makes stale."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown invalidation topic {topic!r}")
    keys: set[str] = set()
    dependencies: set[str] = set()
    for key_names, dependency_names in _registry[topic]:
        keys.update(key_names(**change) if callable(key_names) else key_names)
        dependencies.update(dependency_names(**change) if callable(dependency_names) else dependency_names)
    return keys, dependencies


def changed(topic: str, **change) -> None:
    """Clear what `topic`'s change makes stale, now and again after the transaction commits."""
    keys, dependencies = stale(topic, **change)
    if keys or dependencies:
        _clear(keys, dependencies)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: _clear(keys, dependencies))
    for action in _actions[topic]:
        transaction.on_commit(lambda action=action: _run(action, change))


def _run(action: Callable[..., None], change: dict) -> None:
    try:
        action(**change)
    except Exception:
        logger.exception("Action after a change failed: %s", action)


def _clear(keys: set[str], dependencies: set[str]) -> None:
    request_cache.forget()
    try:
        if keys:
            cache.delete_many(list(keys))
        if dependencies:
            cache.set_many({DEPENDENCY_KEY_PREFIX + name: _new_token() for name in dependencies}, None)
    except Exception:
        # A cache that cannot be reached holds nothing to clear; the entries expire on their own.
        logger.exception("Cache invalidation failed for %s", sorted(keys | dependencies))


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def dependency_tokens(names: Iterable[str]) -> dict[str, str]:
    """The current token of each dependency name; names never bumped get one now."""
    names = list(dict.fromkeys(names))
    token_keys = {DEPENDENCY_KEY_PREFIX + name: name for name in names}
    found = cache.get_many(list(token_keys))
    missing = {key: _new_token() for key in token_keys if key not in found}
    if missing:
        for key, token in missing.items():
            # add(): two workers that both found none agree on the first one stored.
            cache.add(key, token, None)
        found.update(cache.get_many(list(missing)))
    return {token_keys[key]: token for key, token in found.items()}


def tokens_still_current(stored: dict[str, str]) -> bool:
    """Whether every dependency an entry was stored with is unchanged (a lost token counts as a change)."""
    if not stored:
        return True
    current = cache.get_many([DEPENDENCY_KEY_PREFIX + name for name in stored])
    return all(current.get(DEPENDENCY_KEY_PREFIX + name) == token for name, token in stored.items())
