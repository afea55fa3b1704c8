"""
`manage.py bench`: how fast the main pages answer, measured in one run on this machine.

Speed belongs here, not in timed tests. Figures are medians over repeated requests through Django's
test client (no network), reported in milliseconds and as a ratio to robots.txt (a view that does
almost nothing), so runs on different machines can be compared by their ratios.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

PAGES = [
    ("robots.txt (baseline)", "/robots.txt"),
    ("home zh", "/zh-hans/"),
    ("home en", "/en/"),
    ("listing", "/zh-hans/news/"),
    ("listing, category", "/en/news/?category=frontier-news"),
    ("article (long)", "/zh-hans/news/digital-services-trade-development-paths/"),
    ("event page", "/en/news/chengdu-foreign-talent-fair-2024/"),
    ("member directory", "/en/members/"),
    ("search zh", "/zh-hans/search/?q=服务外包"),
    ("search en", "/en/search/?q=intellectual+property"),
    ("sitemap", "/sitemap.xml"),
    ("feed", "/en/feeds/news.xml"),
]


class Command(BaseCommand):
    help = "Times the main pages (median ms, ratio to a trivial view, SQL queries). Needs load_site_content."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)

    @override_settings(ALLOWED_HOSTS=["*"], DEBUG=False)
    def handle(self, *args, repeat: int, **options) -> None:
        client = Client()
        results = []
        for label, url in PAGES:
            client.get(url)  # warm caches (menus, jieba's dictionary, templates)
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results.append((label, response.status_code, statistics.median(timings), len(queries)))
        baseline = results[0][2] or 1e-9
        self.stdout.write(f"{'page':28} {'status':>6} {'median ms':>10} {'× baseline':>11} {'queries':>8}")
        for label, status, median, query_count in results:
            self.stdout.write(f"{label:28} {status:>6} {median:>10.1f} {median / baseline:>11.1f} {query_count:>8}")
