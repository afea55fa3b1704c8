"""Logging helpers referenced from settings.LOGGING."""

import logging


class OneLineFormatter(logging.Formatter):
    """The message on one line, without the traceback: for expected noise such as DisallowedHost."""

    def format(self, record):
        record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None})
        return super().format(record).replace("\r", "\\r").replace("\n", "\\n")
