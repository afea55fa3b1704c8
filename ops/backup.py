"""
`make backup` / `make restore BACKUP=backups/<time>`: the database and the media, on SQLite or PostgreSQL.

backup  writes backups/<UTC time>/ with `database.sqlite3` (SQLite's online backup: consistent while the
        site runs) or `database.dump` (pg_dump's custom format), and `media.tar.gz` with MEDIA_ROOT and
        PRIVATE_MEDIA_ROOT (the membership licences: keep backups as private as the live data).
restore puts a backup back: the database is replaced (pg_restore --clean, or the SQLite file), then the
        media folders. Stop the web and worker processes first.

The database and folders are those of the settings' environment: DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT.
Media on object storage (S3/OSS/COS) are backed up by the storage's own versioning, not here.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"


def media_folders() -> dict[str, Path]:
    return {
        "media": Path(os.environ.get("MEDIA_ROOT", ROOT / "media")),
        "private_media": Path(os.environ.get("PRIVATE_MEDIA_ROOT", ROOT / "private_media")),
    }


def sqlite_path(url: str) -> Path:
    return Path(unquote(url.removeprefix("sqlite:///")))


def postgres_args(url: str) -> tuple[list[str], dict]:
    parts = urlsplit(url)
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", unquote(parts.username or "")]
    return args + ["-d", parts.path.lstrip("/")], env


def backup(target_root: Path) -> Path:
    target = target_root / datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target.mkdir(parents=True)
    url = database_url()
    if url.startswith("sqlite"):
        source = sqlite3.connect(sqlite_path(url))
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            source.backup(destination)
        source.close()
        destination.close()
    else:
        args, env = postgres_args(url)
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", "-f", str(target / "database.dump"), *args],
                       env=env, check=True)  # fmt: skip
    with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
        for name, folder in media_folders().items():
            if folder.exists():
                archive.add(folder, arcname=name)
    print(f"Backup written to {target}")
    return target


def restore(source: Path) -> None:
    url = database_url()
    if url.startswith("sqlite"):
        dump = source / "database.sqlite3"
        if not dump.exists():
            sys.exit(f"{dump} not found (a PostgreSQL backup cannot be restored into SQLite)")
        backup_db = sqlite3.connect(dump)
        live = sqlite3.connect(sqlite_path(url))
        with live:
            backup_db.backup(live)
        backup_db.close()
        live.close()
    else:
        dump = source / "database.dump"
        if not dump.exists():
            sys.exit(f"{dump} not found (an SQLite backup cannot be restored into PostgreSQL)")
        args, env = postgres_args(url)
        subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args,
                        str(dump)], env=env, check=True)  # fmt: skip
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        for name, folder in media_folders().items():
            members = [m for m in archive.getmembers() if m.name == name or m.name.startswith(name + "/")]
            if not members:
                continue
            if folder.exists():
                shutil.rmtree(folder)
            folder.parent.mkdir(parents=True, exist_ok=True)
            staging = folder.parent / f".restore-{name}"
            archive.extractall(staging, members=members, filter="data")
            (staging / name).rename(folder)
            staging.rmdir()
    print(f"Restored {source}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("backup").add_argument("--to", default=str(ROOT / "backups"))
    sub.add_parser("restore").add_argument("source")
    args = parser.parse_args()
    if args.command == "backup":
        backup(Path(args.to))
    else:
        restore(Path(args.source))


if __name__ == "__main__":
    main()
