"""Logging configuration: one line per event, tagged with the request id.

``KOKOMA_LOG_FORMAT=json`` writes each event as one JSON object instead, for log
collectors; the server's own access and error logs then use the same format.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from kokoma.request_context import current_request_id

_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# The server's loggers; with JSON logs they are taken over so every line is JSON.
_SERVER_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per event: time, level, logger, message, request id."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(_TEXT_FORMAT)
    )
    names = ("kokoma", *_SERVER_LOGGERS) if log_format == "json" else ("kokoma",)
    for name in names:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
    logging.getLogger("kokoma").setLevel(level.upper())
