"""
The shipped nginx site (ops/nginx/cdats.conf) run on this machine, for the behind-the-proxy test and the benchmark.

Not a second configuration: the shipped file is read and only these substitutions are made, each of which must match
exactly as often as expected (a change of the shipped file that they no longer fit fails here, loudly):

| shipped                                  | local                                     |
| ---                                      | ---                                       |
| `listen 80;` / `listen 443 ssl http2;`   | `listen 127.0.0.1:<free port>…`           |
| `listen [::]:80;` / `listen [::]:443 …`  | dropped (IPv4 loopback only)              |
| `server 127.0.0.1:8000`                  | the local gunicorn's port                 |
| `https://example.org.cn` (the redirect)  | `https://127.0.0.1:<https port>`          |
| `/etc/letsencrypt/live/example.org.cn`   | a self-signed certificate made by openssl |
| `/srv/cdats`                             | this checkout                             |
| `/var/cache/nginx/cdats`, `/var/www/letsencrypt` | folders in a temporary directory  |

The site file goes into a small main configuration standing in for Debian's /etc/nginx/nginx.conf (events, mime
types, logs and temporary folders in the temporary directory), and nginx runs in the foreground as a child process.
Debian's nginx package is installed with apt-get when no nginx is found.
"""

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "ops" / "nginx" / "cdats.conf"
NGINX = "/usr/sbin/nginx"

MAIN_CONF = """# Stands in for Debian's /etc/nginx/nginx.conf (ops/local_nginx.py).
{user}
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {work}/access.log;
    client_body_temp_path {work}/temp/client;
    proxy_temp_path {work}/temp/proxy;
    fastcgi_temp_path {work}/temp/fastcgi;
    uwsgi_temp_path {work}/temp/uwsgi;
    scgi_temp_path {work}/temp/scgi;
    include {work}/cdats.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_nginx() -> str:
    """The nginx binary; Debian's package is installed (apt-get) when there is none."""
    if not Path(NGINX).exists() and not shutil.which("nginx"):
        print("nginx missing: installing Debian's package", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx"], check=True, env=environment)
    return NGINX if Path(NGINX).exists() else shutil.which("nginx")


def self_signed_certificate(directory: Path) -> Path:
    """fullchain.pem and privkey.pem for 127.0.0.1 and localhost, as a CA of their own (clients may trust it)."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(directory / "privkey.pem"), "-out", str(directory / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    return directory / "fullchain.pem"


def _replace(text: str, old: str, new: str, count: int) -> str:
    found = text.count(old)
    if found != count:
        raise ValueError(f"ops/nginx/cdats.conf: expected {count} × {old!r}, found {found}")
    return text.replace(old, new)


def local_site(
    text: str, *, http_port: int, https_port: int, app_port: int, tls: Path, work: Path, root: Path = ROOT
) -> str:
    """The shipped site file with the substitutions of this module's table, nothing else."""
    text = _replace(text, "    listen [::]:80;\n", "", 1)
    text = _replace(text, "    listen [::]:443 ssl http2;\n", "", 1)
    text = _replace(text, "listen 80;", f"listen 127.0.0.1:{http_port};", 1)
    text = _replace(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1)
    text = _replace(text, "server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}", 1)
    text = _replace(text, "https://example.org.cn$request_uri", f"https://127.0.0.1:{https_port}$request_uri", 1)
    text = _replace(text, "/etc/letsencrypt/live/example.org.cn", str(tls), 2)
    text = _replace(text, "/srv/cdats/", f"{root}/", 3)
    text = _replace(text, "/var/cache/nginx/cdats", str(work / "cache"), 1)
    return _replace(text, "/var/www/letsencrypt", str(work / "acme"), 1)


class LocalNginx:
    """
    The shipped site on free local ports in front of gunicorn at `app_port`; `base` is its https:// address. `root`
    is the checkout whose staticfiles/ and error pages nginx serves (the benchmark may serve another one).
    """

    def __init__(self, app_port: int, root: Path = ROOT):
        self.work = Path(tempfile.mkdtemp(prefix="cdats-nginx-"))
        self.work.chmod(0o755)  # nginx's workers read and write in here (as nobody when started by root)
        for folder in ("cache", "acme", "temp"):
            (self.work / folder).mkdir()
        self.certificate = self_signed_certificate(self.work / "tls")
        self.http_port, self.https_port = free_port(), free_port()
        self.base = f"https://127.0.0.1:{self.https_port}"
        site = local_site(SITE.read_text(encoding="utf-8"), http_port=self.http_port, https_port=self.https_port,
                          app_port=app_port, tls=self.work / "tls", work=self.work, root=root)  # fmt: skip
        (self.work / "cdats.conf").write_text(site, encoding="utf-8")
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        (self.work / "nginx.conf").write_text(MAIN_CONF.format(work=self.work, user=user), encoding="utf-8")
        command = [ensure_nginx(), "-p", str(self.work), "-c", str(self.work / "nginx.conf")]
        command += ["-e", str(self.work / "error.log")]  # before the configuration is read
        subprocess.run([*command, "-t", "-q"], check=True)
        self.process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)
        self._wait()

    def _wait(self, seconds: float = 20) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.error_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not start")

    def tls_context(self) -> ssl.SSLContext:
        """A client context that trusts this nginx's certificate (and checks it)."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def error_log(self) -> str:
        path = self.work / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.work, ignore_errors=True)
