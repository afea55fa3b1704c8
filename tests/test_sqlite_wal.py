"""
On SQLite the site reads while a writer works (write-ahead logging, site_cms/settings/base.py): a long import batch
or any large transaction must not lock visitors and editors out until it commits. With SQLite's default rollback
journal the read below fails with "database is locked" (after the busy timeout).
"""

import sqlite3

from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

import pytest

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's journal mode")


@pytest.mark.django_db
def test_the_sites_database_is_in_write_ahead_logging_mode():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_the_sites_connections_read_while_another_process_holds_the_write_lock(tmp_path, django_db_blocker):
    # A connection as the site makes it (the settings' OPTIONS), on a database file of its own.
    django_db_blocker.unblock()
    site = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "site.sqlite3")}, alias="wal-test")
    try:
        with site.cursor() as cursor:
            cursor.execute("CREATE TABLE article (title TEXT)")
            cursor.execute("INSERT INTO article VALUES ('成都服务贸易协会组织会员单位参加2026年服贸会')")
        writer = sqlite3.connect(tmp_path / "site.sqlite3", timeout=1, isolation_level=None)
        try:
            # EXCLUSIVE is what a rollback-journal writer takes to commit, or to spill a large batch to the file.
            writer.execute("BEGIN EXCLUSIVE")
            writer.execute("INSERT INTO article VALUES ('an import batch, not yet committed')")
            with site.cursor() as cursor:
                cursor.execute("PRAGMA busy_timeout = 500")  # fail fast instead of after the configured 20 s
                cursor.execute("SELECT title FROM article")
                assert cursor.fetchall() == [("成都服务贸易协会组织会员单位参加2026年服贸会",)]
        finally:
            writer.execute("ROLLBACK")
            writer.close()
    finally:
        site.close()
        django_db_blocker.restore()
