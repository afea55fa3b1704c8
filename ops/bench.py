"""
`make bench`: the main pages under gunicorn with production settings, on SQLite and on PostgreSQL, with the seed
content and at the original site's size (`populate_bulk`: 1,300 articles per locale).

The machine may be shared and noisy, so the figures that count are ratios measured in the same run: each page is
requested in rounds alternating with a static file served by the same server (whitenoise), and reported as

- CPU-ms per request: CPU time of the gunicorn workers (user + system, from /proc) over a round, divided by the
  requests — everything the worker spent, WSGI included — and its ratio to the static file's;
- SQL queries per request (a header the app adds only in the benchmark, BENCH_TIMING=1);
- req/s, p50 and p99 latency (two client threads against two sync workers), and the rate's ratio to the static file;
- with the HTML cache on: the rate of cached pages against the static file, and the hit rate of a returning
  visitor (language and CSRF cookies, as a browser sends them).

- the admin screens (ops/bench_admin.py): server time, CPU and queries of each, signed in;
- the worker (ops/bench_worker.py, SQLite seed): start-up CPU, the first search's CPU, PSS after searches, beside
  a baseline checkout with `--worker-baseline DIR`;
- behind the shipped nginx site (ops/local_nginx.py: ops/nginx/cdats.conf on local ports, TLS): the rate of pages
  answered from nginx's one-second micro-cache against nginx sending a static file from disk, in alternating rounds
  on kept-alive HTTPS connections, with the app's CPU per request meanwhile (the share that still reaches it).

Sizes: `seed`, `bulk` (1,300 more articles per locale) and `large` (13,000), built by populate_bulk; the databases
are kept in `.bench/` (and PostgreSQL databases `<BENCH_POSTGRES_URL>_<size>`) between runs, and the first build of
a size is timed and reported on its own.

Usage: python ops/bench.py [--sizes seed,bulk,large] [--databases sqlite,postgres] [--output bench-results.md]
       [--phases uncached,cached,nginx] [--worker-baseline DIR] [--no-admin]
e.g. only the nginx rows: --databases sqlite --sizes seed --phases nginx.
PostgreSQL runs when a server answers at BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/...).
"""

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.client import HTTPSConnection
from pathlib import Path
from urllib.parse import urlsplit

from local_nginx import LocalNginx, ensure_nginx, free_port  # ops/local_nginx.py, next to this script

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WORK = ROOT / ".bench"
STATIC_URL = "/static/css/site.css"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
STATIC_REQUESTS = 300

# Articles per locale added by populate_bulk for each size: the seed alone, the original site, ten times it.
SIZES = {"seed": 0, "bulk": 1300, "large": 13000}
PAGES = [
    ("home (zh)", "/zh-hans/"),
    ("home (en)", "/en/"),
    ("listing, page 1", "/zh-hans/news/"),
    ("listing, page 127", "/zh-hans/news/?page=127"),
    ("listing, page 1,300", "/zh-hans/news/?page=1300"),
    ("article", "/zh-hans/news/digital-services-trade-development-paths/"),
    ("event (past)", "/en/news/chengdu-foreign-talent-fair-2024/"),
    ("member directory", "/en/members/"),
    ("search zh 外包", "/zh-hans/search/?q=%E5%A4%96%E5%8C%85"),
    ("search en", "/en/search/?q=service+outsourcing"),
    ("sitemap index", "/sitemap.xml"),
    ("sitemap page 1", "/sitemap-pages-1.xml"),
    ("sitemap page 100", "/sitemap-pages-100.xml"),
    ("feed", "/en/feeds/news.xml"),
]
# Searches are not cached (one entry per query would let anyone fill the cache).
UNCACHEABLE = {"/zh-hans/search/?q=%E5%A4%96%E5%8C%85", "/en/search/?q=service+outsourcing"}


# -- databases ------------------------------------------------------------------------------------------------
def postgres_url(name: str) -> str | None:
    base = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cdats_bench")
    parts = urlsplit(base)
    try:
        socket.create_connection((parts.hostname, parts.port or 5432), timeout=1).close()
    except OSError:
        return None
    return f"{base}_{name}"


def create_postgres_database(url: str) -> None:
    parts = urlsplit(url)
    subprocess.run(
        ["createdb", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", parts.username, parts.path[1:]],
        capture_output=True,
        check=False,
    )


def database_url(kind: str, size: str) -> str | None:
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'{size}.sqlite3'}"
    url = postgres_url(size)
    if url:
        create_postgres_database(url)
    return url


def manage(url: str, *args: str) -> str:
    """Runs a management command against `url`; its output is printed and returned."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "site_cms.settings.dev"}
    output = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE).stdout
    text = output.decode()
    print(text, end="", file=sys.stderr)
    return text


def prepare(url: str, size: str) -> float | None:
    """
    Migrate and load the content; idempotent, so the databases are kept between runs (`.bench/<size>.sqlite3` and
    one PostgreSQL database per size) and a later run only checks what exists. Returns the seconds that
    `populate_bulk` took when it had articles to build (the first build), else None.
    """
    manage(url, "migrate", "--no-input", "-v0")
    manage(url, "createcachetable")  # the database cache of settings without REDIS_URL (as `make run` does)
    manage(url, "load_site_content")
    built = None
    if SIZES[size]:
        started = time.perf_counter()
        output = manage(url, "populate_bulk", f"--articles={SIZES[size]}", "--events=60", "--members=300")
        if not re.search(r"^0 pages in each language", output, re.MULTILINE):
            built = time.perf_counter() - started
    manage(url, "analyze_database")  # the planner's statistics, as the scheduler's daily job keeps them
    return built


# -- the server -------------------------------------------------------------------------------------------------
def server_environment(url: str, html_cache: bool, port: int, workers: int = 2, **extra: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "HTML_CACHE_SECONDS": "300" if html_cache else "0",
        # Listings' keys stay cached in both phases, as in production (an uncached page is an HTML-cache miss).
        "LISTING_KEYS_CACHE_SECONDS": "300",
        "BENCH_TIMING": "1",
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": "1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_MAX_REQUESTS": "0",
        "LOG_LEVEL": "WARNING",
        # The admin screens are measured with a session made for the benchmark, without a second factor.
        "ADMIN_2FA_REQUIRED": "0",
        **extra,
    }


class Server:
    """gunicorn serving `app_dir` with its own config file (ops/gunicorn.conf.py), on a free port."""

    def __init__(self, url: str, html_cache: bool, app_dir: Path, workers: int = 2, wait_for: str = STATIC_URL):
        self.port = free_port()
        self.app_dir = app_dir
        self.env = env = server_environment(url, html_cache, self.port, workers)
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=app_dir, env=env, check=True)
        subprocess.run(
            [PYTHON, "-c", "import redis,os; redis.Redis.from_url(os.environ['REDIS_URL']).flushdb()"],
            env=env,
            check=True,
        )
        self.process = subprocess.Popen(
            [GUNICORN, "-c", str(app_dir / "ops" / "gunicorn.conf.py"), "site_cms.wsgi"],
            cwd=app_dir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sys.stderr,
            start_new_session=True,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if request(self.port, wait_for)[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(child) for child in children]

    @staticmethod
    def cpu_seconds(pid: int) -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def worker_cpu_seconds(self) -> float:
        return sum(self.cpu_seconds(pid) for pid in self.worker_pids())

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def request(port: int, path: str, cookies: str = "") -> tuple[int, dict, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Accept-Encoding": "br, gzip", "Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = cookies
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, elapsed


def run_round(server: Server, path: str, count: int, cookies: str = "", threads: int = 2) -> dict:
    """`count` requests of `path` over `threads` clients: CPU per request, rate, latencies, queries, hits."""
    latencies: list[float] = []
    headers: list[dict] = []
    lock = threading.Lock()

    def client(share: int):
        for _ in range(share):
            status, response_headers, elapsed = request(server.port, path, cookies)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
            with lock:
                latencies.append(elapsed)
                headers.append(response_headers)

    cpu_before, started = server.worker_cpu_seconds(), time.perf_counter()
    workers = [threading.Thread(target=client, args=(count // threads,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall, cpu = time.perf_counter() - started, server.worker_cpu_seconds() - cpu_before
    done = len(latencies)
    return {
        "cpu_ms": cpu * 1000 / done,
        "rate": done / wall,
        "latencies": latencies,
        "queries": statistics.median(int(h.get("x-bench-queries", 0)) for h in headers),
        "hits": sum(h.get("x-cache") == "hit" for h in headers) / done,
    }


def measure(server: Server, path: str, count: int, rounds: int, cookies: str = "") -> dict | None:
    """Rounds of the page alternating with rounds of the static file; medians of the rounds (None: no such page)."""
    if request(server.port, path, cookies)[0] != 200:  # warm: menus, settings, templates, the cache entry
        return None
    pages, statics = [], []
    for _ in range(rounds):
        pages.append(run_round(server, path, count, cookies))
        # More static requests: each costs ~1 ms of CPU, and /proc counts in 10 ms ticks.
        statics.append(run_round(server, STATIC_URL, STATIC_REQUESTS))
    latencies = sorted(latency for result in pages for latency in result["latencies"])
    page_cpu = statistics.median(result["cpu_ms"] for result in pages)
    static_cpu = statistics.median(result["cpu_ms"] for result in statics)
    page_rate = statistics.median(result["rate"] for result in pages)
    static_rate = statistics.median(result["rate"] for result in statics)
    return {
        "cpu_ms": page_cpu,
        "cpu_ratio": page_cpu / static_cpu if static_cpu else float("nan"),
        "rate": page_rate,
        "rate_ratio": page_rate / static_rate,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "queries": pages[0]["queries"],
        "hits": statistics.mean(result["hits"] for result in pages),
    }


# -- the report ---------------------------------------------------------------------------------------------------
def table(title: str, uncached: dict, cached: dict, returning: dict) -> str:
    lines = [
        f"### {title}",
        "",
        "| page | SQL | CPU-ms | CPU ×static | req/s | p50 ms | p99 ms | cached CPU-ms | cached req/s"
        " | cached rate ÷ static rate | returning visitor hits |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, path in PAGES:
        u = uncached.get(path)
        if u is None:
            lines.append(f"| {label} | — | — | — | — | — | — | — | — | — | — |")
            continue
        c, r = cached.get(path), returning.get(path)
        cached_cells = (
            f"{c['cpu_ms']:.1f} | {c['rate']:.0f} | {c['rate_ratio']:.2f} | {r['hits']:.0%}"
            if c and r
            else "not cached | — | — | —"
        )
        lines.append(
            f"| {label} | {u['queries']:.0f} | {u['cpu_ms']:.1f} | {u['cpu_ratio']:.0f}× | {u['rate']:.0f} |"
            f" {u['p50']:.0f} | {u['p99']:.0f} | {cached_cells} |"
        )
    return "\n".join(lines) + "\n"


# -- behind nginx ---------------------------------------------------------------------------------------------------
# Requests per round through nginx: each takes well under a millisecond, and a round should span several of the
# micro-cache's one-second lifetimes (each ends with one request that waits for the app).
EDGE_REQUESTS = 1000
EDGE_PAGES = [
    ("home (zh)", "/zh-hans/"),
    ("listing, page 1", "/zh-hans/news/"),
    ("article", "/zh-hans/news/digital-services-trade-development-paths/"),
    ("feed", "/en/feeds/news.xml"),
]


def edge_round(nginx: LocalNginx, path: str, count: int, threads: int = 2) -> dict:
    """`count` GETs through nginx on one kept-alive HTTPS connection per client: rate and nginx's cache states."""
    states: list[str] = []
    lock = threading.Lock()

    def client(share: int):
        connection = HTTPSConnection("127.0.0.1", nginx.https_port, context=nginx.tls_context(), timeout=60)
        for _ in range(share):
            connection.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} through nginx: HTTP {response.status}")
            with lock:
                states.append(response.getheader("X-Edge-Cache", "-"))
        connection.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(count // threads,)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"rate": len(states) / (time.perf_counter() - started), "hits": states.count("HIT") / len(states)}


def measure_edge(nginx: LocalNginx, server: Server, path: str, count: int, rounds: int) -> dict:
    """Rounds of a page from the micro-cache alternating with rounds of the static file, both through nginx."""
    pages, statics, cpu, requests_made = [], [], 0.0, 0
    for _ in range(rounds):
        cpu_before = server.worker_cpu_seconds()
        pages.append(edge_round(nginx, path, count))
        cpu += server.worker_cpu_seconds() - cpu_before
        requests_made += count
        statics.append(edge_round(nginx, STATIC_URL, count))
    page_rate = statistics.median(result["rate"] for result in pages)
    static_rate = statistics.median(result["rate"] for result in statics)
    return {
        "rate": page_rate,
        "static_rate": static_rate,
        "ratio": page_rate / static_rate,
        "hits": statistics.mean(result["hits"] for result in pages),
        "app_cpu_ms": cpu * 1000 / requests_made,
    }


def edge_table(title: str, results: dict) -> str:
    lines = [
        f"### {title}: behind nginx (ops/nginx/cdats.conf), HTTPS kept alive",
        "",
        "| page | micro-cache req/s | static file req/s | ratio | micro-cache hits | app CPU-ms per request |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, path in EDGE_PAGES:
        r = results[path]
        lines.append(
            f"| {label} | {r['rate']:.0f} | {r['static_rate']:.0f} | {r['ratio']:.2f} | {r['hits']:.0%} |"
            f" {r['app_cpu_ms']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    # They import this module (the server, the client): loaded once it is complete.
    import bench_admin
    import bench_worker

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="seed,bulk,large")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--worker-baseline", default="", help="another checkout to compare the worker with")
    parser.add_argument("--worker-rounds", type=int, default=3)
    parser.add_argument("--no-admin", action="store_true", help="no admin screens")
    parser.add_argument("--requests", type=int, default=40, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--app-dir", default=str(ROOT), help="the code to serve (e.g. an export of main)")
    parser.add_argument("--output", default=str(ROOT / "bench-results.md"))
    parser.add_argument("--phases", default="uncached,cached,nginx", help="which of uncached,cached,nginx to run")
    parser.add_argument("--uncached-only", action="store_true", help="--phases uncached (an older version)")
    parser.add_argument("--no-prepare", action="store_true", help="use the databases as they are")
    args = parser.parse_args()
    phases = {"uncached"} if args.uncached_only else set(args.phases.split(","))
    if "nginx" in phases:
        try:
            ensure_nginx()
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"No nginx and none installed ({error}): skipping the nginx rows.", file=sys.stderr)
            phases.discard("nginx")
    WORK.mkdir(exist_ok=True)
    app_dir = Path(args.app_dir)
    report = [
        "## Benchmark",
        "",
        f"gunicorn, 2 sync workers, production settings, Redis cache; {args.rounds} rounds × {args.requests}"
        " requests per page, alternating with rounds of a static file (whitenoise) on the same server.",
        "",
    ]
    for kind in args.databases.split(","):
        for size in args.sizes.split(","):
            url = database_url(kind, size)
            if url is None:
                print(f"No PostgreSQL server: skipping {kind}/{size}.", file=sys.stderr)
                continue
            print(f"== {kind}, {size} content ==", file=sys.stderr)
            if not args.no_prepare:
                built = prepare(url, size)
                if built:
                    articles = f"{SIZES[size]:,} articles per locale"
                    note = f"First build of {kind}/{size} (populate_bulk, {articles}): {built:.0f} s."
                    print(note, file=sys.stderr)
                    report.append(note + "\n")
            results = {False: {}, True: {}, "returning": {}}
            admin = {}
            for html_cache in [phase == "cached" for phase in ("uncached", "cached") if phase in phases]:
                server = Server(url, html_cache, app_dir=app_dir)
                try:
                    pages = [(label, path) for label, path in PAGES if not html_cache or path not in UNCACHEABLE]
                    measured = {path: measure(server, path, args.requests, args.rounds) for _label, path in pages}
                    results[html_cache] = {path: result for path, result in measured.items() if result}
                    if html_cache:
                        cookies = "django_language=en; csrftoken=benchbenchbenchbenchbenchbench12"
                        returning = {path: measure(server, path, args.requests, 1, cookies) for _label, path in pages}
                        results["returning"] = {path: result for path, result in returning.items() if result}
                    elif not args.no_admin:
                        admin = bench_admin.measure(server)
                finally:
                    server.stop()
            size_label = "seed content" if size == "seed" else f"{SIZES[size]:,} more articles per locale"
            if results[False]:
                section = table(f"{kind}, {size_label}", results[False], results[True], results["returning"])
                if admin:
                    section += "\n" + bench_admin.table(f"{kind}, {size_label}", admin)
                print(section)
                report.append(section)
            if "nginx" in phases:
                server = Server(url, True, app_dir=app_dir)
                nginx = LocalNginx(server.port, root=app_dir)
                try:
                    edge = {path: measure_edge(nginx, server, path, EDGE_REQUESTS, args.rounds)
                            for _label, path in EDGE_PAGES}  # fmt: skip
                finally:
                    nginx.stop()
                    server.stop()
                section = edge_table(f"{kind}, {size_label}", edge)
                print(section)
                report.append(section)
    if args.worker_rounds and "sqlite" in args.databases and "seed" in args.sizes:
        baseline = Path(args.worker_baseline) if args.worker_baseline else None
        section = bench_worker.report(database_url("sqlite", "seed"), app_dir, baseline, args.worker_rounds)
        print(section)
        report.append(section)
    Path(args.output).write_text("\n".join(report), encoding="utf-8")
    print(f"Written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
