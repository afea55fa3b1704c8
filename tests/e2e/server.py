"""
The browser tests' own site: a fresh database, the seed content, an editor account and a server process.

Nothing here touches the main pytest suite's database or the developer's `make run` database:
- `E2E_DATABASE_URL` (e.g. postgres://postgres@127.0.0.1:5432/cdats_e2e) names a PostgreSQL database that
  is created anew for the run and dropped after it; without it, a SQLite file in a throw-away folder is used;
- uploads, private licences and sent e-mails go to folders of the run (e-mails under artifacts/mail).

`python -m tests.e2e.server` builds the site and serves it until Ctrl-C (for poking around, or Lighthouse).
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.e2e.fake_deepl import AUTH_KEY as DEEPL_AUTH_KEY
from tests.e2e.fake_deepl import FakeDeepL
from tests.fake_wechat import APP_ID as WECHAT_APP_ID
from tests.fake_wechat import APP_SECRET as WECHAT_APP_SECRET
from tests.fake_wechat import FakeWeChat

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", REPO / "tests" / "e2e" / "artifacts"))
PYTHON = sys.executable
SETTINGS = "site_cms.settings.e2e"

EDITOR_USERNAME = "e2e-editor"
EDITOR_PASSWORD = "e2e-editor-password"

# Accounts in the roles the content loaders create (home/editorial/roles.py), by user name: group name.
ROLE_PASSWORD = "e2e-role-password"
ROLE_ACCOUNTS = {
    "e2e-notices-editor": "通知公告编辑 · Notices editors",
    "e2e-approver": "审核人 · Approvers",
    "e2e-translator": "译员 · Translators",
    "e2e-reviewer": "审核人 · Approvers",
}
# Accounts whose admin language is set in their profile (the others follow the browser): it is their e-mails' too.
ROLE_LANGUAGES = {"e2e-translator": "en", "e2e-reviewer": "zh-hans"}
_CREATE_ROLE_ACCOUNTS = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile
languages = json.loads(os.environ["E2E_ROLE_LANGUAGES"])
for username, group in json.loads(os.environ["E2E_ROLE_ACCOUNTS"]).items():
    user = get_user_model().objects.create_user(username, f"{username}@example.org", os.environ["E2E_ROLE_PASSWORD"])
    user.groups.add(Group.objects.get(name=group))
    if username in languages:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = languages[username]
        profile.save()
"""

# Database names we create and drop: letters, digits and underscores only (it is put into SQL).
_SAFE_DB_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _maintenance_connection(url: str):
    """A connection to the server's `postgres` database, and the (checked) name of the run's database."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not _SAFE_DB_NAME.match(name) or name in {"postgres", "template0", "template1"}:
        raise ValueError(f"refusing to recreate database {name!r}: give the e2e run a database of its own")
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True), name


def drop_postgres_database(url: str) -> None:
    connection, name = _maintenance_connection(url)
    with connection:
        # FORCE: a server left running by an interrupted run must not keep the old database alive.
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def recreate_postgres_database(url: str) -> None:
    drop_postgres_database(url)
    connection, name = _maintenance_connection(url)
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')


@dataclass
class E2ESite:
    """One run's site; `build()` then `start()`, or use `running_site()`."""

    database_url: str = ""
    port: int = field(default_factory=free_port)
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="cdats-e2e-")))
    process: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    # A fake DeepL API (tests/e2e/fake_deepl.py): the site's DeepL engine translates through it.
    deepl_url: str = ""
    # A fake WeChat API (tests/fake_wechat.py): share cards in WeChat's browser are signed through it.
    wechat: FakeWeChat | None = None

    def __post_init__(self):
        self.database_url = self.database_url or f"sqlite:///{self.workdir / 'e2e.sqlite3'}"
        self.mail_dir = ARTIFACTS / "mail"
        self.log_path = ARTIFACTS / "server.log"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": self.database_url,
            # Host and port of the Site record and of every absolute URL (canonical, e-mails).
            "SITE_BASE_URL": self.base_url,
            # A browser fills a form in milliseconds: no minimum fill time (the honeypot stays active).
            "FORM_MIN_SUBMIT_SECONDS": "0",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "private_media"),
            "E2E_MAIL_DIR": str(self.mail_dir),
            "DJANGO_SUPERUSER_USERNAME": EDITOR_USERNAME,
            "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD,
            "DJANGO_SUPERUSER_EMAIL": "e2e-editor@example.org",
            "PYTHONUNBUFFERED": "1",
            **({"DEEPL_AUTH_KEY": DEEPL_AUTH_KEY, "DEEPL_SERVER_URL": self.deepl_url} if self.deepl_url else {}),
            **(
                {
                    "WECHAT_APP_ID": WECHAT_APP_ID,
                    "WECHAT_APP_SECRET": WECHAT_APP_SECRET,
                    "WECHAT_API_BASE_URL": self.wechat.url,
                }
                if self.wechat
                else {}
            ),
        }

    def manage(self, *args: str) -> None:
        subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=self.env(), check=True)

    def build(self) -> None:
        """A fresh database with the seed content, the demo event and an editor account."""
        if is_postgres(self.database_url):
            recreate_postgres_database(self.database_url)
        shutil.rmtree(self.mail_dir, ignore_errors=True)
        self.mail_dir.mkdir(parents=True)
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_site_content")
        # Not `ensure_admin`: it writes the developer's .admin-credentials file in the working tree.
        self.manage("createsuperuser", "--no-input")
        # The editorial roles' groups exist now (load_site_content); one account in each role the journeys use.
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", _CREATE_ROLE_ACCOUNTS],
            cwd=REPO,
            env={
                **self.env(),
                "E2E_ROLE_ACCOUNTS": json.dumps(ROLE_ACCOUNTS),
                "E2E_ROLE_LANGUAGES": json.dumps(ROLE_LANGUAGES),
                "E2E_ROLE_PASSWORD": ROLE_PASSWORD,
            },
            check=True,
        )

    def start(self, timeout: float = 60) -> None:
        """Serve with gunicorn as production does: one process (one cache), threads for parallel requests."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "site_cms.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=1",
                "--threads=8",
                "--access-logfile=-",
            ],
            cwd=REPO,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # The task worker, as the Procfile runs it: registrations and applications send their e-mails from it.
        self.worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--backend", "background", "--queue-name", "*", "--interval", "0.5"],
            cwd=REPO,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the e2e server exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/robots.txt", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            # Polling a process that is not ours to hook into: no browser wait applies here.
            time.sleep(0.2)
        raise RuntimeError(f"the e2e server did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        for process in (self.worker, self.process):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.process is not None:
            self.log.close()
        if is_postgres(self.database_url):
            # Nothing of a run is kept but its artefacts: the database goes like the SQLite file.
            drop_postgres_database(self.database_url)
        shutil.rmtree(self.workdir, ignore_errors=True)


@contextmanager
def running_site():
    with FakeDeepL() as deepl, FakeWeChat() as wechat:
        site = E2ESite(database_url=os.environ.get("E2E_DATABASE_URL", ""), deepl_url=deepl.url, wechat=wechat)
        try:
            site.build()
            site.start()
            yield site
        finally:
            site.stop()


def _exit_on_sigterm(signum, frame):
    # `kill` or `timeout` sends SIGTERM: exit through `running_site`'s cleanup, never orphaning gunicorn.
    raise SystemExit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with running_site() as site:
        print(f"E2E site on {site.base_url}/  admin: {EDITOR_USERNAME} / {EDITOR_PASSWORD}  (Ctrl-C stops it)")
        with suppress(KeyboardInterrupt):
            site.process.wait()


if __name__ == "__main__":
    main()
