"""
gunicorn for the site (`gunicorn -c ops/gunicorn.conf.py site_cms.wsgi`), configured by environment variables.

Sync workers, one request at a time each, workers from the CPUs (2 × CPUs + 1, at most 8 by default). nginx in front
buffers whole requests and responses, so a slow client never holds a worker.

Nothing is dropped when workers come and go (tests/proxy/test_behind_nginx.py posts forms through nginx across
both): a reload (`kill -HUP` on the master, systemd's ExecReload) starts workers with the new code and lets the
old ones finish their request within graceful_timeout; a worker recycled after max_requests finishes its request
and accepts no other. Requests that arrive meanwhile wait in the listening socket for the next worker. Not
threads: gunicorn 23's gthread worker drops the connections it has accepted but not yet read when it stops
(gunicorn issue #3038; its shutdown was reworked in gunicorn 24), and nginx answers each of them with a 502 — a
form post among them. GUNICORN_THREADS > 1 still selects gthread, for a gunicorn that no longer does so.
No preload_app: with it a reload would fork the new workers from the master's old code.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
# The settings refuse a per-process cache when several workers run: they read this.
os.environ["WEB_CONCURRENCY"] = str(workers)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")
# A request that takes longer is stuck (an unreachable service): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A worker told to stop (reload, recycling) has this long to finish the requests it holds.
graceful_timeout = 20
# Recycle workers now and then: bounds the memory of a long-running process. The jitter keeps workers from all
# restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """Each worker loads the Chinese segmenter as it starts, so no visitor's first search waits for it (~0.2 s).

    Not `preload_app`: with it, a graceful reload (HUP) would fork new workers from the master's old code.
    """
    from home.search.chinese import load

    load()
