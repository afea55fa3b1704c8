"""
For `make bench` only (BENCH_TIMING=1): each response reports the worker's CPU time and SQL queries for it.

`X-Bench-CPU-ms` is `time.process_time()` around the whole middleware stack (the worker is single-threaded in
the benchmark), `X-Bench-Queries` the statements the database connection ran. Never enabled otherwise.
"""

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

        started = time.process_time()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        response["X-Bench-CPU-ms"] = f"{(time.process_time() - started) * 1000:.3f}"
        response["X-Bench-Queries"] = str(queries)
        return response
