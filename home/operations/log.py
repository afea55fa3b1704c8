"""
Logging: one line per event (a log collector never splits a traceback), plain or JSON (`LOG_FORMAT=json`),
and personal data masked before any handler writes it.

The masking is a filter (`RedactPersonalData`) that every handler in settings.LOGGING carries, so a new handler
or formatter cannot forget it: it rewrites the record itself (message, arguments, traceback, request path)
before a formatter sees it. Error reports to Sentry use the same `redact()` (home.operations.error_reporting).
"""

import json
import logging
import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Mainland mobiles (138 0013 8000, +86-138-0013-8000) and international numbers written with a +.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{1,3}[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)|(?<![\w+])\+\d[\d -]{7,}\d")
EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"


def redact(text: str) -> str:
    """The text with e-mail addresses and phone numbers replaced by `[email]` and `[phone]`."""
    return PHONE.sub(PHONE_MARK, EMAIL.sub(EMAIL_MARK, text))


class RedactPersonalData(logging.Filter):
    """Masks personal data in a record before it is formatted: the message with its arguments, the traceback."""

    _traceback_formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._traceback_formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            record.request_path = redact(request.path)
        return True


class OneLineFormatter(logging.Formatter):
    """`time level logger message`, with the traceback folded into the same line (`traceback=False`: left out)."""

    def __init__(self, *args, traceback: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.traceback = traceback

    def format(self, record: logging.LogRecord) -> str:
        if not self.traceback:
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None})
        return super().format(record).replace("\r", "").replace("\n", " | ")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the exception and request path when there."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info or record.exc_text:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        if hasattr(record, "request_path"):
            entry["path"] = record.request_path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(log_format: str, level: str, wagtail_level: str) -> dict:
    """settings.LOGGING: every handler masks personal data; expected noise goes out without its traceback."""
    line = "%(asctime)s %(levelname)s %(name)s %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactPersonalData}},
        "formatters": {
            "line": {"()": OneLineFormatter, "format": line},
            "line_without_traceback": {"()": OneLineFormatter, "format": line, "traceback": False},
            "json": {"()": JsonFormatter},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["redact"]},
            # Expected noise (a host we do not serve: scanners) as one line without its traceback.
            "noise": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "line_without_traceback",
                "filters": ["redact"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Wagtail's background tasks run inline here and log every step at INFO.
            "django_tasks": {"level": "WARNING"},
            "django.tasks": {"level": "WARNING"},
            # Wagtail's audit messages (every page save) are in the admin's history already.
            "wagtail": {"level": wagtail_level},
            "pikepdf": {"level": "WARNING"},
            "axes.apps": {"level": "WARNING"},
            "django.security.DisallowedHost": {"handlers": ["noise"], "level": "ERROR", "propagate": False},
        },
    }
