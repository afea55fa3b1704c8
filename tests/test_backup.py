"""`make backup` / `make restore`: the database and media come back as they were (SQLite, and PostgreSQL)."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "ops" / "backup.py"


def run(command: list[str], env: dict) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *command], env={**os.environ, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout


def media(tmp_path: Path) -> dict:
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "logo.png").write_bytes(b"\x89PNG picture")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "licence.pdf").write_bytes(b"%PDF licence")
    return {"MEDIA_ROOT": str(tmp_path / "media"), "PRIVATE_MEDIA_ROOT": str(tmp_path / "private")}


def restore_and_check_media(tmp_path: Path, env: dict, backup_dir: str) -> None:
    (tmp_path / "media" / "images" / "logo.png").unlink()
    (tmp_path / "private" / "licence.pdf").write_bytes(b"overwritten")
    run(["restore", backup_dir], env)
    assert (tmp_path / "media" / "images" / "logo.png").read_bytes() == b"\x89PNG picture"
    assert (tmp_path / "private" / "licence.pdf").read_bytes() == b"%PDF licence"


def test_backup_and_restore_on_sqlite(tmp_path):
    database = tmp_path / "site.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("create table registration (reference text)")
        db.execute("insert into registration values ('R-1')")
    env = {"DATABASE_URL": f"sqlite:///{database}", **media(tmp_path)}
    output = run(["backup", "--to", str(tmp_path / "backups")], env)
    backup_dir = output.split("Backup written to ", 1)[1].strip()
    assert {p.name for p in Path(backup_dir).iterdir()} == {"database.sqlite3", "media.tar.gz"}
    with sqlite3.connect(database) as db:
        db.execute("delete from registration")
    restore_and_check_media(tmp_path, env, backup_dir)
    with sqlite3.connect(database) as db:
        assert db.execute("select reference from registration").fetchall() == [("R-1",)]


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="PostgreSQL")
def test_backup_and_restore_on_postgresql(tmp_path):
    parts = urlsplit(os.environ["DATABASE_URL"])
    server = ["-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username]
    name = f"backup_test_{uuid.uuid4().hex[:8]}"
    url = f"postgres://{parts.username}@{parts.hostname}:{parts.port or 5432}/{name}"

    def psql(sql: str) -> str:
        result = subprocess.run(["psql", *server, "-d", name, "-Atc", sql], capture_output=True, text=True, check=True)
        return result.stdout.strip()

    subprocess.run(["createdb", *server, name], check=True)
    try:
        psql("create table registration (reference text); insert into registration values ('R-1');")
        env = {"DATABASE_URL": url, **media(tmp_path)}
        output = run(["backup", "--to", str(tmp_path / "backups")], env)
        backup_dir = output.split("Backup written to ", 1)[1].strip()
        psql("delete from registration; create table extra (x int);")
        restore_and_check_media(tmp_path, env, backup_dir)
        assert psql("select reference from registration") == "R-1"
    finally:
        subprocess.run(["dropdb", *server, "--if-exists", name], check=True)
