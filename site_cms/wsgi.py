"""
WSGI entry point; defaults to production settings (dev is opt-in via manage.py).

HEAD answers leave here without a body, whatever made them (pages, feeds, sitemaps, errors, cached hits, static
files, the admin): Django builds a HEAD response like a GET, and gunicorn sends whatever the application returns.
A body after a HEAD answer is read by the client as the start of the next answer on that connection; behind a proxy
that pools its connections to the app, the next answer goes to another visitor. Django's test client and runserver
drop HEAD bodies themselves, gunicorn does not: hence a wrapper here, outside every middleware, so the headers
(Content-Length included) stay those of the GET and the HTML cache only ever sees whole responses.
"""

import os
from collections.abc import Callable, Iterable

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_cms.settings.production")


def without_head_bodies(app: Callable) -> Callable:
    """The WSGI application `app`, answering HEAD requests with its headers and no body."""

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        result = app(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return result
        # Django calls start_response before returning; the body is dropped unread, then released (a file
        # response closes its file, request_finished fires) as a server does after sending it.
        close = getattr(result, "close", None)
        if close is not None:
            close()
        return []

    return application


application = without_head_bodies(get_wsgi_application())
