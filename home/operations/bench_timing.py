"""
For `make bench` only (BENCH_TIMING=1): each response reports the worker's CPU time and SQL queries for it.

`X-Bench-CPU-ms` is `time.process_time()` around the whole middleware stack (the worker is single-threaded in
the benchmark), `X-Bench-Server-ms` the wall-clock time of the same, `X-Bench-Queries` the statements the database
connection ran, `X-Bench-Worker` the worker's process id. Never enabled otherwise.
"""

import os
import time

from django.db import connection


class BenchTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started, wall_started = time.process_time(), time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Bench-CPU-ms"] = f"{(time.process_time() - started) * 1000:.3f}"
        response["X-Bench-Server-ms"] = f"{(time.perf_counter() - wall_started) * 1000:.3f}"
        response["X-Bench-Worker"] = str(os.getpid())
        response["X-Bench-Queries"] = str(queries)
        return response
