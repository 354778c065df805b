"""Municipalities (tenants): created and changed by administrators only."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import apply_changes, check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.schemas import PageQuery
from kokoma.errors import Conflict, NotFound
from kokoma.municipalities.models import Municipality
from kokoma.municipalities.schemas import MunicipalityCreate, MunicipalityUpdate


def _visible(principal: Principal) -> Select[tuple[Municipality]]:
    stmt = select(Municipality)
    if not principal.can(Permission.MUNICIPALITIES_MANAGE):
        stmt = stmt.where(Municipality.id == principal.municipality_id)
    return stmt


async def list_municipalities(
    session: AsyncSession, principal: Principal, query: PageQuery
) -> tuple[list[Municipality], str | None]:
    """All municipalities for administrators; one's own for everyone else."""
    return await paginate(
        session,
        _visible(principal),
        keys=[SortKey(Municipality.name)],
        id_column=Municipality.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_municipality(
    session: AsyncSession, principal: Principal, municipality_id: uuid.UUID
) -> Municipality:
    found = await session.scalar(_visible(principal).where(Municipality.id == municipality_id))
    if found is None:
        raise NotFound("Municipality")
    return found


async def create_municipality(
    session: AsyncSession, principal: Principal | None, data: MunicipalityCreate
) -> Municipality:
    """Create a tenant; the slug must be unused. Without ``principal`` the operator
    creates it on the command line."""
    municipality = Municipality(**data.model_dump())
    session.add(municipality)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict(f"The slug '{data.slug}' is already taken.") from exc
    audit.record(
        session,
        "municipality.create",
        principal=principal,
        actor_label=None if principal else audit.OPERATOR,
        municipality_id=None if principal else municipality.id,
        target=audit.Target("municipality", municipality.id),
    )
    await session.commit()
    return municipality


async def update_municipality(
    session: AsyncSession,
    principal: Principal,
    municipality_id: uuid.UUID,
    data: MunicipalityUpdate,
    if_match: str | None,
) -> Municipality:
    """Change name, key, state or active flag, guarded by the record's ETag."""
    municipality = await get_municipality(session, principal, municipality_id)
    check_if_match(if_match, municipality.version)
    changed = apply_changes(municipality, data)
    audit.record(
        session,
        "municipality.update",
        principal=principal,
        target=audit.Target("municipality", municipality.id),
        details={"fields": sorted(changed)},
    )
    await commit_versioned(session)
    return municipality
