"""HTTP servers on 127.0.0.1 in a thread, for faking vendors' APIs (machine translation, WeChat) in tests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalHTTPServer:
    """
    `with LocalHTTPServer(respond) as server:` serves on server.url; `respond(handler, body)` returns (status,
    content type, body bytes); the handler's `command`, `path` and `headers` describe the request.
    """

    def __init__(self, respond):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, content_type, data = respond(self, body)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class FakeServer(LocalHTTPServer):
    """
    `with FakeServer(handle) as server:` serves on server.url; `handle(handler, body)` returns
    (status, json payload). Every request is kept in `requests` as (method, path, headers, body).
    """

    def __init__(self, handle):
        self.requests = []

        def respond(handler, body):
            self.requests.append((handler.command, handler.path, dict(handler.headers), body))
            status, payload = handle(handler, body)
            return status, "application/json", json.dumps(payload).encode()

        super().__init__(respond)
