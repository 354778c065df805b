"""Writing and reading the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.audit.models import AuditEvent
from kokoma.audit.schemas import AuditLogQuery
from kokoma.core.pagination import SortKey, paginate
from kokoma.db import utcnow
from kokoma.events.outbox import publish
from kokoma.request_context import current_client_ip, current_request_id

if TYPE_CHECKING:
    from kokoma.access.principal import Principal


# The actor of changes made on the command line, by whoever operates the server.
OPERATOR = "cli"


@dataclass(frozen=True)
class Target:
    resource_type: str
    resource_id: uuid.UUID | str | None = None


def record(
    session: AsyncSession,
    action: str,
    *,
    principal: Principal | None = None,
    target: Target | None = None,
    outcome: str = "success",
    actor_label: str | None = None,
    municipality_id: uuid.UUID | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the session; it commits with the change it describes."""
    event = AuditEvent(
        action=action,
        outcome=outcome,
        actor_kind=principal.kind if principal else None,
        actor_id=principal.id if principal else None,
        actor_label=actor_label or (principal.label if principal else None),
        municipality_id=municipality_id or (principal.municipality_id if principal else None),
        resource_type=target.resource_type if target else None,
        resource_id=str(target.resource_id) if target and target.resource_id else None,
        ip_address=current_client_ip(),
        request_id=current_request_id(),
        details=details,
    )
    session.add(event)
    return event


def record_change(
    session: AsyncSession,
    action: str,
    *,
    principal: Principal,
    target: Target,
    event_type: str,
    subject: Target | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit a write and publish its domain event, both with the writing transaction.

    The event is about ``subject`` (default: ``target``), e.g. the series whose module
    changed; its data names both records by id and carries ``details``, which must hold
    ids and field names only.
    """
    record(session, action, principal=principal, target=target, details=details)
    about = subject or target
    ids = {f"{t.resource_type}_id": str(t.resource_id) for t in (about, target)}
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type=event_type,
        resource_id=uuid.UUID(str(about.resource_id)),
        data={**ids, **(details or {})},
    )


async def count_recent(
    session: AsyncSession,
    *,
    action: str,
    actor_label: str,
    ip_address: str | None,
    since: datetime,
) -> tuple[int, datetime | None]:
    """How many matching events since ``since``, and the oldest of them."""
    stmt = select(func.count(), func.min(AuditEvent.occurred_at)).where(
        AuditEvent.action == action,
        AuditEvent.actor_label == actor_label,
        AuditEvent.ip_address == ip_address,
        AuditEvent.occurred_at >= since,
    )
    count, oldest = (await session.execute(stmt)).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=utcnow().tzinfo)
    return int(count), oldest


def window_start(seconds: int) -> datetime:
    return utcnow() - timedelta(seconds=seconds)


async def list_events(
    session: AsyncSession, query: AuditLogQuery
) -> tuple[list[AuditEvent], str | None]:
    """Newest first, filtered; administrators read it across municipalities."""
    stmt = select(AuditEvent)
    if query.action:
        stmt = stmt.where(AuditEvent.action.startswith(query.action, autoescape=True))
    if query.actor:
        stmt = stmt.where(AuditEvent.actor_label == query.actor.lower())
    if query.municipality_id:
        stmt = stmt.where(AuditEvent.municipality_id == query.municipality_id)
    if query.resource_id:
        stmt = stmt.where(AuditEvent.resource_id == query.resource_id)
    if query.since:
        stmt = stmt.where(AuditEvent.occurred_at >= query.since)
    if query.until:
        stmt = stmt.where(AuditEvent.occurred_at < query.until)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(AuditEvent.id, descending=True)],
        id_column=AuditEvent.id,
        limit=query.limit,
        cursor=query.cursor,
    )
