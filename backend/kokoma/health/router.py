from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from kokoma.core.http import DbSession
from kokoma.core.schemas import OutputModel

router = APIRouter(tags=["health"])


class Health(OutputModel):
    status: str
    database: str


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(session: DbSession) -> JSONResponse:
    """Liveness and database check; public, for load balancers and monitoring."""
    try:
        await session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})
