"""
Many new pages under one parent in a few statements, each page as Wagtail's own calls would leave it.

`add_child(instance=…)` + `save_revision()` + `publish()` costs ~40 statements and ~0.3 s per page, most of it
per-row bookkeeping (tree paths read one by one, a revision and a log entry each, the search index and the
reference index each refreshed by a task per save, every publish signal's receivers). Here a batch of pages of one
type is written with one INSERT per table: their tree paths numbered after the parent's last child, the rows of
each model in the inheritance chain, their child objects (a ClusterableModel's categories…), one revision each,
the log entries, the search index (one bulk add) and the reference index. What the page save would have checked
is checked first: the slug free among the siblings and the model's own `clean()` via `full_clean()`.

Publishing signals are not sent page by page: the caller announces the batch once (`announce_batch`), which clears
what a publish of any of these pages would have cleared (the listings and sitemap of their language).

The child tables of multi-table inheritance have no public bulk insert in Django: `QuerySet._batched_insert` (what
`bulk_create` itself uses) writes them; tests/test_bulk_pages.py compares the result with Wagtail's own path.
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from modelcluster.models import ClusterableModel, get_all_child_relations

from home.caching import invalidation
from home.editorial.slugs import pinyin_slug


def next_child_paths(parent: Page, count: int) -> list[str]:
    """Tree paths for `count` new last children of `parent` (treebeard's numbering, steplen 4)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    first = Page(path=last)._get_lastpos_in_path() + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, first + offset) for offset in range(count)]


def insert_rows(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """One multi-row INSERT per table of `model`'s inheritance chain (top table first, primary keys returned)."""
    top, *chain = [*reversed(model._meta.get_parent_list()), model]
    # The top table is an ordinary bulk_create (it returns the new primary keys, PostgreSQL and SQLite 3.35+ alike).
    rows = [top(**{f.attname: getattr(obj, f.attname) for f in top._meta.concrete_fields}) for obj in objs]
    top.objects.bulk_create(rows)
    for obj, row in zip(objs, rows, strict=True):
        for level in [top, *chain]:
            setattr(obj, level._meta.pk.attname, row.pk)  # id, page_ptr_id, articlepage_ptr_id…
        obj._state.adding, obj._state.db = False, row._state.db
    for level in chain:
        QuerySet(level)._batched_insert(list(objs), list(level._meta.local_concrete_fields), batch_size=None)


def insert_child_objects(pages: Sequence[ClusterableModel]) -> None:
    """The in-memory children of each page (its categories, agenda…), one INSERT per relation."""
    for relation in get_all_child_relations(pages[0]) if pages else []:
        children = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                child.pk = None
                setattr(child, relation.field.attname, page.pk)
                children.append(child)
        if children:
            relation.related_model.objects.bulk_create(children)


def place_and_check(parent: Page, pages: Sequence[Page]) -> None:
    """
    Gives each page its place in the tree, then checks what saving it would have refused: an invalid field (the
    model's `full_clean()`, its `clean()` included), or a slug taken among the siblings or earlier in the batch.
    A page without a slug gets one from its title's pinyin, as the editor's form and `add_child` give it.
    """
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    for page, path in zip(pages, next_child_paths(parent, len(pages)), strict=True):
        page.path, page.depth, page.numchild = path, parent.depth + 1, 0
        page._cached_parent_obj = parent  # treebeard's cache: no query per page for its parent
        if not page.slug:
            page.slug = unique_slug(pinyin_slug(page.title), taken)
        if page.slug in taken:
            raise ValidationError({"slug": f"The slug {page.slug!r} is in use under {parent}."})
        taken.add(page.slug)
        page.set_url_path(parent)
        # Uniqueness (path, translation key) is the database's constraint; the content type and locale are the
        # objects just given: checking them again would cost three queries a page.
        page.full_clean(exclude=["content_type", "locale"], validate_unique=False)
        for relation in get_all_child_relations(page):
            # Child objects held in memory (none read from the database: the page is new), e.g. no comments.
            name = relation.get_accessor_name()
            setattr(page, name, list(getattr(page, name).all()))


def unique_slug(base: str, taken: set[str]) -> str:
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def add_pages(parent: Page, pages: Sequence[Page], *, publish: bool, user=None) -> list[Page]:
    """
    Adds `pages` (unsaved instances of one page type, children set in memory) as the last children of `parent`,
    each with a revision, live or as drafts. Runs in one transaction; callers keep batches small (~100 pages)
    so an editor's save never waits long for it.
    """
    if not pages:
        return []
    model = type(pages[0])
    now = timezone.now()
    with transaction.atomic():
        # Two imports under one parent must not number the same paths (PostgreSQL: a row lock; SQLite writes
        # one transaction at a time anyway).
        parent = Page.objects.select_for_update().get(pk=parent.pk).specific
        place_and_check(parent, pages)
        for page in pages:
            page.content_type = ContentType.objects.get_for_model(model)
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = publish, not publish
            page.owner = page.owner or user
            page.latest_revision_created_at = now
        insert_rows(model, pages)
        insert_child_objects(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        revisions = add_revisions(pages, user, now)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            if publish:
                page.live_revision, page.first_published_at, page.last_published_at = revision, now, now
        Page.objects.bulk_update(
            pages, ["latest_revision", "live_revision", "first_published_at", "last_published_at"]
        )
        log_entries(pages, revisions, user, now, publish)
        index_pages(model, pages)
    return list(pages)


def add_revisions(pages: Sequence[Page], user, now) -> list[Revision]:
    base_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=page.content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    ]
    return Revision.objects.bulk_create(revisions)


def log_entries(pages: Sequence[Page], revisions: Sequence[Revision], user, now, publish: bool) -> None:
    """The page history's entries: created, then published (as the admin's create and publish log them)."""
    actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=page.content_type,
            page=page,
            label=page.get_admin_display_title(),
            action=action,
            timestamp=now,
            user=user,
            revision=revision if action == "wagtail.publish" else None,
            content_changed=action == "wagtail.publish",
        )
        for page, revision in zip(pages, revisions, strict=True)
        for action in actions
    )


def index_pages(model: type[Page], pages: Sequence[Page]) -> None:
    """The search index (one bulk add per backend) and Wagtail's reference index of the new pages."""
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, list(pages))
    # ReferenceIndex.create_or_update_for_object, for pages that have no references yet: one INSERT for all.
    types = [
        ContentType.objects.get_for_model(level, for_concrete_model=False)
        for level in [model, *model._meta.get_parent_list()]
    ]
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=types[0],
                base_content_type=types[-1],
                object_id=page.pk,
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_type, to_id, model_path, content_path in set(ReferenceIndex._extract_references_from_object(page))
        ],
        ignore_conflicts=True,
    )


def announce_batch(pages: Sequence[Page]) -> None:
    """Clears what publishing these pages clears: their language's listings, home page and sitemap."""
    for locale_id in {page.locale_id for page in pages if page.live}:
        invalidation.changed("page", page=next(page for page in pages if page.locale_id == locale_id))


def tables_written(model: type[Page]) -> set[str]:
    """The tables `add_pages` writes for pages of `model`: whose planner statistics a bulk load refreshes."""
    models_written = [
        *model._meta.get_parent_list(),
        model,
        *(relation.related_model for relation in get_all_child_relations(model)),
        Revision,
        PageLogEntry,
        ReferenceIndex,
        IndexEntry,
    ]
    return {written._meta.db_table for written in models_written}
