"""
The web worker's own costs, for `make bench` (ops/bench.py): start-up, the first search, memory.

- start-up: CPU of the gunicorn master and one worker from launch to the first answered page (`/zh-hans/`), and of
  the master and two workers once each has answered a page and gone idle;
- first search: CPU of the first Chinese and the first English search in a fresh worker (its `X-Bench-CPU-ms`);
- memory: PSS (proportional set size: a page shared by the master and its forks counts once, split between them)
  and RSS of the master and two workers after 100 searches in each language, from /proc/<pid>/smaps_rollup.

With `--worker-baseline DIR` the same is measured for another checkout (e.g. an export of the previous release)
in alternating rounds, so the ratios compare like with like on a busy machine.
"""

import statistics
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench import Server, request

PAGE = "/zh-hans/"
CHINESE_QUERIES = ("外包", "服务贸易", "数字经济", "知识产权", "跨境电商")
ENGLISH_QUERIES = ("trade", "service+outsourcing", "digital+economy", "members", "Chengdu")
SEARCHES = [f"/zh-hans/search/?q={quote(word)}" for word in CHINESE_QUERIES] + [
    f"/en/search/?q={word}" for word in ENGLISH_QUERIES
]


def smaps(pid: int) -> dict[str, int]:
    """Rss and Pss of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _sep, rest = line.partition(":")
        if name in {"Rss", "Pss"}:
            values[name] = int(rest.split()[0])
    return values


def wait_until_idle(server: Server, pids: list[int]) -> float:
    """Total CPU-s of `pids` once it stops growing (two samples 0.5 s apart agree)."""
    total = sum(server.cpu_seconds(pid) for pid in pids)
    while True:
        time.sleep(0.5)
        now = sum(server.cpu_seconds(pid) for pid in pids)
        if now == total:
            return total
        total = now


def together(server: Server, paths: list[str], clients: int = 2) -> None:
    """`paths` requested by `clients` concurrent clients, each taking every `clients`-th path."""

    def client(share: list[str]) -> None:
        for path in share:
            request(server.port, path)

    threads = [threading.Thread(target=client, args=(paths[n::clients],)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def start_up(url: str, app_dir: Path, workers: int) -> dict:
    started = time.perf_counter()
    server = Server(url, html_cache=False, app_dir=app_dir, workers=workers, wait_for=PAGE)
    try:
        first_response = time.perf_counter() - started
        if workers > 1:
            # As many pages at once as there are workers: a busy worker leaves the next connection to another.
            together(server, [PAGE] * workers, clients=workers)
        cpu = wait_until_idle(server, [server.process.pid, *server.worker_pids()])
        first_searches = {}
        if workers == 1:
            for label, path in (("zh", SEARCHES[0]), ("en", SEARCHES[5])):
                first_searches[label] = float(request(server.port, path)[1]["x-bench-cpu-ms"])
        return {"cpu": cpu, "wall": first_response, **first_searches}
    finally:
        server.stop()


def memory(url: str, app_dir: Path, searches: int = 100) -> dict:
    """PSS and RSS (MB) of master + two workers after `searches` searches in each language over two clients."""
    server = Server(url, html_cache=False, app_dir=app_dir, workers=2, wait_for=PAGE)
    try:
        together(server, [SEARCHES[n % 5] for n in range(searches)] + [SEARCHES[5 + n % 5] for n in range(searches)])
        pids = [server.process.pid, *server.worker_pids()]
        rollups = [smaps(pid) for pid in pids]
        return {
            "pss": sum(rollup["Pss"] for rollup in rollups) / 1024,
            "rss": sum(rollup["Rss"] for rollup in rollups) / 1024,
            "worker_rss": max(rollup["Rss"] for rollup in rollups[1:]) / 1024,
        }
    finally:
        server.stop()


def measure(url: str, app_dir: Path) -> dict:
    one, two = start_up(url, app_dir, workers=1), start_up(url, app_dir, workers=2)
    return {
        "start_1": one["cpu"],
        "start_2": two["cpu"],
        "first_zh": one["zh"],
        "first_en": one["en"],
        **memory(url, app_dir),
    }


ROWS = [
    ("start-up CPU-s, master + 1 worker, to the first page", "start_1", "{:.2f}"),
    ("start-up CPU-s, master + 2 workers, both answered", "start_2", "{:.2f}"),
    ("first Chinese search in a fresh worker, CPU-ms", "first_zh", "{:.0f}"),
    ("first English search in a fresh worker, CPU-ms", "first_en", "{:.0f}"),
    ("PSS MB, master + 2 workers after 100 + 100 searches", "pss", "{:.0f}"),
    ("RSS MB, the same (shared pages counted in each)", "rss", "{:.0f}"),
    ("RSS MB of the larger worker", "worker_rss", "{:.0f}"),
]


def report(url: str, app_dir: Path, baseline: Path | None, rounds: int) -> str:
    """A table of the medians over `rounds` (this code and, alternating with it, the baseline's)."""
    runs: dict[str, list[dict]] = {"now": [], "baseline": []}
    for _ in range(rounds):
        runs["now"].append(measure(url, app_dir))
        if baseline:
            runs["baseline"].append(measure(url, baseline))

    def median(kind: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[kind])

    header = "| worker | this version |" + (" baseline | ratio |" if baseline else "")
    lines = [
        f"### The worker (SQLite, seed content; medians of {rounds} rounds)",
        "",
        header,
        "| --- | ---: |" + (" ---: | ---: |" if baseline else ""),
    ]
    for label, key, number in ROWS:
        cells = f"| {label} | {number.format(median('now', key))} |"
        if baseline:
            old = median("baseline", key)
            cells += f" {number.format(old)} | {median('now', key) / old:.2f} |"
        lines.append(cells)
    return "\n".join(lines) + "\n"
