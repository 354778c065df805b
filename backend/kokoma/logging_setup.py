"""Logging configuration: one line per event, tagged with the request id."""

from __future__ import annotations

import logging

from kokoma.request_context import current_request_id


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_RequestIdFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    root = logging.getLogger("kokoma")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False
