"""Collecting and serving the metrics of ``kokoma.core.metrics``: request timing,
who may read them, and the values read at scrape time.

Counters live per process; with several workers each scrape sees one worker (see
README, Operations).
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kokoma.core.metrics import OUTBOX_AGE, OUTBOX_WAITING, POOL, REQUESTS
from kokoma.health.checks import outbox_backlogs
from kokoma.settings import Settings

_KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class MetricsMiddleware:
    """Times every request by method, route template and status (plain ASGI)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # The labelled series by (method, route, status): a dict lookup per request
        # instead of the client's label validation and locking.
        self.series: dict[tuple[str, str, int], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            # The router puts the matched route into the scope; its template
            # ("/api/v1/cases/{case_id}") is the label, never the path itself.
            route = scope.get("route")
            template = str(getattr(route, "path", "unmatched"))
            method: str = scope["method"] if scope["method"] in _KNOWN_METHODS else "OTHER"
            key = (method, template, status)
            series = self.series.get(key)
            if series is None:
                series = self.series[key] = REQUESTS.labels(method, template, str(status))
            series.observe(time.perf_counter() - started)


def may_read_metrics(request: Request, settings: Settings) -> bool:
    """Callers from an allowed network, or with the metrics token as bearer token."""
    if settings.metrics_token:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {settings.metrics_token}"
        if hmac.compare_digest(given.encode(), expected.encode()):
            return True
    if request.client is None or not settings.metrics_allow:
        return False
    try:
        address = ipaddress.ip_address(request.client.host)
    except ValueError:
        return False
    return any(address in network for network in settings.metrics_networks)


async def refresh_gauges(session: AsyncSession, engine: AsyncEngine) -> None:
    """Values read at scrape time: pool usage and outbox backlog."""
    pool = engine.sync_engine.pool
    in_use = pool.checkedout()  # type: ignore[attr-defined]
    POOL.labels("in_use").set(in_use)
    POOL.labels("idle").set(pool.checkedin())  # type: ignore[attr-defined]
    POOL.labels("size").set(pool.size())  # type: ignore[attr-defined]
    for backlog in await outbox_backlogs(session):
        OUTBOX_WAITING.labels(backlog.outbox).set(backlog.waiting)
        OUTBOX_AGE.labels(backlog.outbox).set(backlog.oldest_age_seconds)
