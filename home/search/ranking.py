"""
Relevance ranking on SQLite in one pass over the full-text index.

modelsearch's SQLite backend orders hits by a correlated subquery: for every matching row it runs the full-text
match again to fetch that row's score, so its cost grows much faster than the number of matches: at 1,300
articles per locale the ranked query alone took ~45 ms, against ~1 ms for counting the hits. Here the ids of
the requested window of hits are ranked on the full-text table itself in one pass (the model's filters as one
uncorrelated `IN` list of candidate entries), then only that window's rows are read, in rank order. Results and
order are the same (score, then newest id first). PostgreSQL's backend ranks in one pass already: untouched.

The same for autocomplete, the path the admin's page search takes (its search box matches prefixes): at 13,000
articles per locale its vendor query ran for tens of seconds, with Wagtail's per-row annotations (site root,
schedule, untranslated locales) computed for every hit before the 20 shown were kept.
"""

from django.db.models import CharField, F, Func, IntegerField
from django.db.models.functions import Cast

from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class NotAnIndexKey(Func):
    """
    `+column`: the same value, which SQLite does not use to look rows up. Left free to use the index entries'
    (content type, object id) index, SQLite may take the candidates one by one and re-run the full-text match for
    each (300 member units: ~8 ms); this way the match runs once and the candidates are a list it checks.
    """

    template = "+%(expressions)s"


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def ranks_in_one_pass(self, score_field) -> bool:
        """The plain case: ordered by relevance, no score asked for, a query that is neither "all" nor a NOT."""
        query = normalize(self.query)
        return self.order_by_relevance and score_field is None and not isinstance(query, MatchAll | Not)

    def match(self, config) -> MatchExpression:
        query = self.build_search_query(normalize(self.query), config=config)
        return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query)

    def content_types(self) -> list[int]:
        return get_descendants_content_types_pks(self.queryset.model)

    def ranked_entries(self, config):
        """The full-text entries matching the query among the queryset's rows, best first."""
        rows = self.queryset.annotate(_search_key=Cast("pk", CharField())).values("_search_key")
        return (
            SQLiteFTSIndexEntry.objects.filter(self.match(config))
            .alias(
                entry_type=NotAnIndexKey(F("index_entry__content_type_id"), output_field=IntegerField()),
                entry_object=NotAnIndexKey(F("index_entry__object_id"), output_field=CharField()),
            )
            .filter(entry_type__in=self.content_types(), entry_object__in=rows)
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", Cast("index_entry__object_id", IntegerField()).desc())
        )

    def count(self, config) -> int:
        """The queryset's rows among the matching entries' objects (the matches as one `IN` list)."""
        matches = SQLiteFTSIndexEntry.objects.filter(self.match(config)).values("pk")
        objects = IndexEntry.objects.filter(content_type__in=self.content_types(), pk__in=matches)
        return self.queryset.filter(pk__in=objects.values("object_id")).count()

    def search(self, config, start, stop, score_field=None):
        # No window (a facet count over every hit): the vendor's queryset, which the caller aggregates.
        if not self.ranks_in_one_pass(score_field) or (start is None and stop is None):
            return super().search(config, start, stop, score_field)
        window = self.ranked_entries(config).values_list("index_entry__object_id", flat=True)[start:stop]
        ids = [self.queryset.model._meta.pk.to_python(key) for key in window]
        rows = {row.pk: row for row in self.queryset.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


class RankedSQLiteAutocompleteQueryCompiler(RankedSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler):
    """Prefix matches on the autocomplete column, ranked the same way (the vendor's class supplies the column)."""


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        if isinstance(compiler, RankedSQLiteSearchQueryCompiler) and compiler.ranks_in_one_pass(self._score_field):
            return compiler.count(compiler.get_config(self.backend))
        return super()._do_count()


class RankedSQLiteSearchBackendMixin:
    """For a subclass of modelsearch's SQLite backend (see home.search.backend)."""

    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults


def ranking_mixins(vendor_class: type) -> tuple[type, ...]:
    return (RankedSQLiteSearchBackendMixin,) if issubclass(vendor_class, SQLiteSearchBackend) else ()
