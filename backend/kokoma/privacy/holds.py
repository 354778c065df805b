"""Legal holds: a case that must be kept (proceedings, an inquiry) is neither erased nor
anonymised by retention until the hold is released."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.models import Case
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, load_one, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict
from kokoma.events.outbox import publish
from kokoma.privacy.models import LegalHold
from kokoma.privacy.schemas import LegalHoldCreate, LegalHoldListQuery


def _event(session: AsyncSession, hold: LegalHold, kind: str) -> None:
    publish(
        session,
        municipality_id=hold.municipality_id,
        event_type=f"privacy.legal_hold_{kind}",
        resource_id=hold.id,
        data={"id": str(hold.id), "case_id": str(hold.case_id)},
    )


async def place(session: AsyncSession, principal: Principal, data: LegalHoldCreate) -> LegalHold:
    await get_scoped(session, Case, data.case_id, principal, what="Case")
    active = await session.scalar(
        scoped(LegalHold, principal, LegalHold.id).where(
            LegalHold.case_id == data.case_id, LegalHold.released_at.is_(None)
        )
    )
    if active is not None:
        raise Conflict("This case is under a legal hold already.")
    hold = LegalHold(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        case_id=data.case_id,
        reason=data.reason,
        placed_by_id=principal.id,
    )
    session.add(hold)
    audit.record(
        session,
        "privacy.legal_hold_place",
        principal=principal,
        target=audit.Target("case", data.case_id),
        details={"hold_id": str(hold.id)},
    )
    _event(session, hold, "placed")
    await session.commit()
    return await get(session, principal, hold.id)


async def get(session: AsyncSession, principal: Principal, hold_id: uuid.UUID) -> LegalHold:
    stmt = scoped(LegalHold, principal).where(LegalHold.id == hold_id)
    return await load_one(session, stmt, what="Legal hold")


async def list_holds(
    session: AsyncSession, principal: Principal, query: LegalHoldListQuery
) -> tuple[list[LegalHold], str | None]:
    stmt = scoped(LegalHold, principal)
    if query.case_id:
        stmt = stmt.where(LegalHold.case_id == query.case_id)
    if query.active is not None:
        stmt = stmt.where(
            LegalHold.released_at.is_(None) if query.active else LegalHold.released_at.is_not(None)
        )
    return await paginate(
        session,
        stmt,
        keys=[SortKey(LegalHold.created_at, descending=True)],
        id_column=LegalHold.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def release(
    session: AsyncSession, principal: Principal, hold_id: uuid.UUID, if_match: str | None
) -> LegalHold:
    hold = await get(session, principal, hold_id)
    check_if_match(if_match, hold.version)
    if hold.released_at is not None:
        raise Conflict("This legal hold has been released already.")
    hold.released_at = utcnow()
    hold.released_by_id = principal.id
    audit.record(
        session,
        "privacy.legal_hold_release",
        principal=principal,
        target=audit.Target("case", hold.case_id),
        details={"hold_id": str(hold.id)},
    )
    _event(session, hold, "released")
    await commit_versioned(session)
    return await get(session, principal, hold.id)
