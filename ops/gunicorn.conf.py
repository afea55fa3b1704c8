"""
gunicorn for the site (`gunicorn -c ops/gunicorn.conf.py site_cms.wsgi`), configured by environment variables.

Threads (gthread) rather than plain sync workers: a slow client holds one thread, not a whole worker, and nginx in
front buffers requests and responses anyway. Workers from the CPUs (2 × CPUs + 1, at most 8 by default).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
# The settings refuse a per-process cache when several workers run: they read this.
os.environ["WEB_CONCURRENCY"] = str(workers)
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread" if threads > 1 else "sync")
# A request that takes longer is stuck (an unreachable service): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then: bounds the memory of a long-running process.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    """Each worker loads the Chinese segmenter as it starts, so no visitor's first search waits for it (~0.2 s).

    Not `preload_app`: with it, a graceful reload (HUP) would fork new workers from the master's old code.
    """
    from home.search.chinese import load

    load()
