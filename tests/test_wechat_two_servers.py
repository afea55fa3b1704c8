"""
Two app servers asking for WeChat's access token at the same moment cause one fetch: the token and the
jsapi_ticket live in the shared cache (Redis DB 12 here, flushed before and after), and the lock there lets
one process refresh while the other waits for its value. WeChat invalidates a token when it issues another,
so two fetches would leave one server with a dead token.

Two real processes (production settings, REDIS_URL on DB 12) start, report ready, and are released together;
the fake WeChat takes half a second to issue a token, so the second really asks while the first is fetching.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from tests.fake_wechat import APP_ID, APP_SECRET, FakeWeChat

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/12"

CHILD = """
import sys, time
import django
django.setup()
from wechat import credentials, signature
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
config = signature.js_config("http://127.0.0.1/zh-hans/")
print(credentials.access_token(), credentials.jsapi_ticket(), round(time.monotonic() - started, 2), flush=True)
"""


def redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    return client


def test_two_servers_asking_at_once_cause_one_fetch():
    store = redis_or_skip()
    store.flushdb()
    try:
        with FakeWeChat(token_delay=0.5) as wechat:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "site_cms.settings.production",
                "SECRET_KEY": "wechat-two-servers-test-secret-key-0123456789abcdefghijklmnop",
                "ALLOWED_HOSTS": "127.0.0.1",
                "SITE_BASE_URL": "http://127.0.0.1",
                "REDIS_URL": REDIS_URL,
                "WECHAT_APP_ID": APP_ID,
                "WECHAT_APP_SECRET": APP_SECRET,
                "WECHAT_API_BASE_URL": wechat.url,
                "SENTRY_DSN": "",
            }
            servers = [
                subprocess.Popen(
                    [sys.executable, "-c", CHILD],
                    cwd=ROOT,
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for _server in ("A", "B")
            ]
            try:
                for server in servers:
                    assert server.stdout.readline().strip() == "ready"
                for server in servers:  # released together: both ask before either has an answer
                    server.stdin.write("go\n")
                    server.stdin.flush()
                answers = [server.communicate(timeout=60)[0].split() for server in servers]
            finally:
                for server in servers:
                    if server.poll() is None:
                        server.kill()
            assert all(server.returncode == 0 for server in servers)
            tokens, tickets, seconds = zip(*answers, strict=True)
            assert len(set(tokens)) == 1 and len(set(tickets)) == 1
            assert wechat.token_fetches == 1 and wechat.count("/cgi-bin/ticket/getticket") == 1
            # The second one waited for the first one's fetch (half a second) instead of making its own.
            assert min(float(value) for value in seconds) >= 0.4
            assert wechat.tokens == [tokens[0]] and store.keys("*wechat*")
    finally:
        store.flushdb()
