"""Health for load balancers and orchestration, metrics for monitoring.

None of these routes needs a user: health is public, metrics are guarded by
address or token (``KOKOMA_METRICS_ALLOW`` / ``KOKOMA_METRICS_TOKEN``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from kokoma import __version__
from kokoma.core.metrics import REGISTRY
from kokoma.core.schemas import OutputModel
from kokoma.errors import Forbidden
from kokoma.health.checks import outbox_backlogs, schema_state
from kokoma.health.metrics import may_read_metrics, refresh_gauges
from kokoma.settings import Settings

router = APIRouter(tags=["health"])


class Health(OutputModel):
    status: str
    database: str
    version: str


class Live(OutputModel):
    status: str
    version: str


class ReadyChecks(OutputModel):
    database: str
    migrations: str
    outbox: str
    # `configured` or `not_configured` (messages stay in the outbox, readable by
    # administrators); informs, never makes the instance unready.
    smtp: str = "not_configured"


class Ready(OutputModel):
    status: str
    version: str
    checks: ReadyChecks


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(request: Request) -> JSONResponse:
    """Version and database check; public, for load balancers and monitoring."""
    try:
        async with request.app.state.db.sessionmaker() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not available"
        body = {"status": "unavailable", "database": "unreachable", "version": __version__}
        return JSONResponse(body, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "version": __version__})


@router.get("/health/live", response_model=Live)
async def live() -> Live:
    """Liveness: the process answers. Touches no database, so a database outage
    does not make the orchestrator restart every instance."""
    return Live(status="ok", version=__version__)


async def _checks(request: Request) -> ReadyChecks:
    settings: Settings = request.app.state.settings
    try:
        async with request.app.state.db.sessionmaker() as session:
            migrations = await schema_state(session, settings)
            backlogs = await outbox_backlogs(session)
    except Exception:  # noqa: BLE001 - unreachable or not migrated at all
        return ReadyChecks(
            database="unreachable", migrations="unknown", outbox="unknown", smtp=_smtp(settings)
        )
    stuck = any(b.oldest_age_seconds > settings.outbox_stuck_seconds for b in backlogs)
    return ReadyChecks(
        database="ok",
        migrations=migrations,
        outbox="stuck" if stuck else "ok",
        smtp=_smtp(settings),
    )


def _smtp(settings: Settings) -> str:
    # A configured URL was checked at start-up (``Settings.problems``).
    return "configured" if settings.smtp_url else "not_configured"


@router.get("/health/ready", response_model=Ready, responses={503: {"model": Ready}})
async def ready(request: Request) -> JSONResponse:
    """Readiness: database reachable, schema migrated for this version, outbox moving."""
    checks = await _checks(request)
    ok = checks.database == "ok" and checks.migrations in ("ok", "ahead") and checks.outbox == "ok"
    body = Ready(status="ready" if ok else "unavailable", version=__version__, checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus text format, for allowed addresses or the metrics token only."""
    if not may_read_metrics(request, request.app.state.settings):
        raise Forbidden("Metrics are only available to the configured monitoring system.")
    async with request.app.state.db.sessionmaker() as session:
        await refresh_gauges(session, request.app.state.db.engine)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
