"""
Wagtail's database search backend, made Chinese-aware: every query is segmented before it runs.

Used for the public search and for the admin's page search alike (WAGTAILSEARCH_BACKENDS), on SQLite
and on PostgreSQL; on SQLite, hits are ranked in one pass (home.search.ranking). Queries arrive as strings
or, from the admin, as parsed query trees; both are handled.
"""

from django.db import connections

from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from home.search.chinese import segment_query

if connections["default"].vendor == "sqlite":
    # modelsearch's SQLite models exist only where the database is SQLite: elsewhere, nothing to import.
    from home.search.ranking import ranking_mixins
else:

    def ranking_mixins(vendor_class: type) -> tuple[type, ...]:
        return ()


_backend_classes: dict[type, type] = {}


def segmented(query):
    if isinstance(query, str):
        return segment_query(query)
    if isinstance(query, PlainText):
        return PlainText(segment_query(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(segment_query(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([segmented(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(segmented(query.subquery))
    if isinstance(query, Boost):
        return Boost(segmented(query.subquery), query.boost)
    return query


class ChineseQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, segmented(query), model_or_queryset, **kwargs)


def SearchBackend(params):
    backend = vendor_search_backend(params)
    vendor_class = type(backend)
    if vendor_class not in _backend_classes:
        bases = (ChineseQueryMixin, *ranking_mixins(vendor_class), vendor_class)
        _backend_classes[vendor_class] = type(f"Chinese{vendor_class.__name__}", bases, {})
    return _backend_classes[vendor_class](params)
