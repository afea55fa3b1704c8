"""Error reports and logs carry no personal data: no form fields, cookies, e-mail addresses or phone numbers."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
import uuid
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils.crypto import get_random_string

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from home.operations import error_reporting
from home.operations.log import JsonFormatter, OneLineFormatter, RedactPersonalData, logging_config, redact

EMAIL = "wang.fang@example.cn"
PHONE = "139 1234 5678"


class CapturingTransport(Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)


@pytest.fixture
def reported_events(monkeypatch):
    """Sentry set up exactly as the settings do with SENTRY_DSN, sending to a list instead of the network."""
    options, real_init = {}, sentry_sdk.init
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: options.update(kwargs))
    error_reporting.init_error_reporting("https://public@sentry.example.org/1", environment="test")
    transport = CapturingTransport()
    real_init(**options, transport=transport)
    yield transport.events
    sentry_sdk.get_client().close()
    real_init()  # no DSN: reporting off again for the rest of the suite


def test_redaction_masks_addresses_and_phone_numbers():
    text = f"mail to {EMAIL} or Li.Hua@Mail.Example.COM, call {PHONE}, +86-138-0013-8000 or +49 30 1234567"
    assert redact(text) == "mail to [email] or [email], call [phone], [phone] or [phone]"
    assert redact("M2026-000001 on 2024-05-22, 1,500 seats, id 12345678901234") == (
        "M2026-000001 on 2024-05-22, 1,500 seats, id 12345678901234"
    )


def failing_view(request):
    """Fails the way real code does: the address in the message, the form's values in a local variable."""
    registrant = dict(request.POST.items())  # Sentry would keep this frame variable  # noqa: F841
    raise ValueError(f"could not register {request.POST['email']} ({request.POST['phone']})")


def wsgi_post(path: str, query: str, form: dict, headers: dict) -> str:
    """A POST through Django's real WSGI handler, as gunicorn sends it (Sentry hooks in there); the status."""
    body = urlencode(form).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "SERVER_NAME": "testserver",
        "HTTP_HOST": "testserver",
        **headers,
    }
    setup_testing_defaults(environ)
    statuses = []
    # As Django's test client does: the handler must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, response_headers, exc_info=None: statuses.append(status))
        response.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return statuses[0]


@pytest.mark.django_db
def test_a_realistic_error_report_is_scrubbed(reported_events, monkeypatch):
    # Values made at run time: the report's source-code context lines must not be what hides or shows them.
    name, remarks, session, auth = "王" + "芳", "素" + "食", uuid.uuid4().hex, uuid.uuid4().hex
    csrf = get_random_string(32)
    monkeypatch.setattr("home.views.preferred_language", failing_view)
    logging.getLogger("cdats.test").warning("mail to %s bounced", EMAIL)  # becomes a breadcrumb
    form = {"name": name, "email": EMAIL, "phone": PHONE, "remarks": remarks, "csrfmiddlewaretoken": csrf}
    headers = {
        "HTTP_COOKIE": f"sessionid={session}; csrftoken={csrf}",
        "HTTP_AUTHORIZATION": f"Basic {auth}",
        "HTTP_USER_AGENT": "WeChat",
        "REMOTE_ADDR": "203.0.113.9",
    }
    assert wsgi_post("/", f"next={EMAIL}", form, headers).startswith("500")

    (event,) = reported_events
    sent = json.dumps(event, ensure_ascii=False)
    for secret in (EMAIL, "13912345678", PHONE, name, remarks, session, csrf, auth):
        assert secret not in sent
    assert event["exception"]["values"][0]["type"] == "ValueError"
    assert "could not register [email] ([phone])" in sent
    request = event["request"]
    assert "data" not in request and "cookies" not in request and "env" not in request
    assert "Cookie" not in request["headers"] and "Authorization" not in request["headers"]
    assert request["headers"]["User-Agent"] == "WeChat" and request["url"] == "http://testserver/"
    assert request["method"] == "POST" and request["query_string"] == "next=[email]"
    assert "203.0.113.9" not in sent
    frames = event["exception"]["values"][0]["stacktrace"]["frames"]
    assert frames and all("vars" not in frame for frame in frames)


def test_scrub_event_keeps_only_the_user_id():
    event = {"user": {"id": 7, "email": EMAIL, "ip_address": "10.1.2.3", "username": "li"}, "extra": {"form": {}}}
    assert error_reporting.scrub_event(event, {}) == {"user": {"id": 7}, "extra": {}}


def _record(message, *args, exc_info=None) -> logging.LogRecord:
    """A record as a handler of settings.LOGGING formats it: after the masking filter every handler carries."""
    record = logging.LogRecord("news.emails", logging.ERROR, __file__, 1, message, args, exc_info)
    assert RedactPersonalData().filter(record)
    return record


def test_logs_are_one_line_per_event_plain_or_json():
    try:
        raise RuntimeError(f"SMTP refused {EMAIL}")
    except RuntimeError:
        exc_info = sys.exc_info()
    plain = OneLineFormatter("%(levelname)s %(name)s %(message)s").format(_record("to %s", EMAIL, exc_info=exc_info))
    assert "\n" not in plain and plain.startswith("ERROR news.emails to [email]") and "RuntimeError" in plain
    line = JsonFormatter().format(_record("to %s failed", EMAIL, exc_info=exc_info))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "news.emails" and entry["message"] == "to [email] failed"
    assert "RuntimeError: SMTP refused [email]" in entry["exception"] and EMAIL not in line


def test_log_format_setting_picks_the_json_formatter():
    code = "from site_cms.settings import base; print(base.LOGGING['handlers']['console']['formatter'])"
    env = {**os.environ, "LOG_FORMAT": "json"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout == "json\n"


def test_every_handler_masks_personal_data(settings):
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("redact" in handler.get("filters", []) for handler in handlers.values())


def test_the_one_line_noise_handler_masks_personal_data_and_drops_the_traceback(settings):
    """A request for a host we do not serve is logged without its traceback, and masked like everything else."""
    stream = io.StringIO()
    config = logging_config("line", level="INFO", wagtail_level="WARNING")
    config["handlers"]["noise"]["stream"] = stream
    config["root"] = {"handlers": [], "level": "INFO"}
    logging.config.dictConfig(config)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("django.security.DisallowedHost").error(
                "Invalid host %s from %s", "x.example", EMAIL, exc_info=True
            )
    finally:
        logging.config.dictConfig(settings.LOGGING)
    written = stream.getvalue()
    assert "[email]" in written and EMAIL not in written
    assert "RuntimeError" not in written and written.count("\n") == 1
