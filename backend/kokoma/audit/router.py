from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from kokoma.access.permissions import Permission as P
from kokoma.audit import service
from kokoma.audit.schemas import AuditEventOut
from kokoma.auth.caller import Caller
from kokoma.core.http import Cursor, DbSession, Limit
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, SaneDateTime

router = APIRouter(prefix="/audit-log", tags=["audit"])


@router.get("", response_model=Page[AuditEventOut], responses=problems(400))
async def list_audit_events(
    session: DbSession,
    _principal: Caller(P.AUDIT_READ),
    action: Annotated[str | None, Query(max_length=60, description="Prefix, e.g. `auth.`")] = None,
    actor: Annotated[str | None, Query(max_length=254)] = None,
    municipality_id: uuid.UUID | None = None,
    resource_id: Annotated[str | None, Query(max_length=64)] = None,
    since: SaneDateTime | None = None,
    until: SaneDateTime | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AuditEventOut]:
    """The audit log, newest first. It is append-only: there is no way to change it."""
    items, next_cursor = await service.list_events(
        session,
        action=action,
        actor_label=actor,
        municipality_id=municipality_id,
        resource_id=resource_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )
    return Page(items=[AuditEventOut.model_validate(e) for e in items], next_cursor=next_cursor)
