"""Log records as one line each (so a log collector never splits a traceback), plain or JSON (`LOG_FORMAT=json`)."""

import json
import logging

from .redaction import redact


class OneLineFormatter(logging.Formatter):
    """`time level logger message`, tracebacks folded into the same line; e-mail addresses and phones masked."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record)).replace("\r", "").replace("\n", " | ")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the exception and request path when there."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["path"] = redact(request.path)
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        return json.dumps(entry, ensure_ascii=False, default=str)
