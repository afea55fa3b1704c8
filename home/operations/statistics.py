"""
The query planner's statistics (ANALYZE), for the whole database or the tables a bulk load writes.

SQLite keeps none by itself and PostgreSQL's autovacuum lags behind a bulk load: a search in the admin planned on
stale statistics during an import once took 70–113 s instead of under a second. A bulk load therefore refreshes
the tables it wrote after each batch; on SQLite with a bounded sample (`PRAGMA analysis_limit`), so that a batch
costs the same at the first and at the ten-thousandth article.
"""

from collections.abc import Iterable

from django.db import connection

# Rows SQLite samples per index during a batch's ANALYZE (its own suggestion is 100 to 1000).
SQLITE_BATCH_SAMPLE = 1000


def refresh_statistics(tables: Iterable[str] | None = None) -> None:
    """ANALYZE every table, or only `tables` (those that exist) with a bounded sample on SQLite."""
    with connection.cursor() as cursor:
        if tables is None:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA analysis_limit = 0")  # the whole tables: the daily run is exact
            cursor.execute("ANALYZE")
            return
        existing = set(connection.introspection.table_names(cursor))
        names = sorted(set(tables) & existing)
        if not names:
            return
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_BATCH_SAMPLE}")
            for name in names:
                cursor.execute(f'ANALYZE "{name}"')
            cursor.execute("PRAGMA analysis_limit = 0")
        else:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(name) for name in names))
