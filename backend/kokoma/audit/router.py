from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kokoma.access.permissions import Permission as P
from kokoma.audit import reading, service
from kokoma.audit.schemas import AuditEventOut, AuditLogQuery
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(prefix="/audit-log", tags=["audit"])


@router.get("", response_model=Page[AuditEventOut], responses=problems(400))
async def list_audit_events(
    session: DbSession,
    principal: Caller(P.AUDIT_READ),
    query: Annotated[AuditLogQuery, Query()],
) -> Page[AuditEventOut]:
    """The audit log, newest first. It is append-only: there is no way to change it.

    Each entry names the actor and the record as they are now, and says whether the
    reader may open the record."""
    items, next_cursor = await service.list_events(session, query)
    readings = await reading.read(session, principal, items)
    return Page(
        items=[
            AuditEventOut.model_validate(event).model_copy(update=vars(read))
            for event, read in zip(items, readings, strict=True)
        ],
        next_cursor=next_cursor,
    )
