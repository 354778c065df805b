"""What the scenarios need to know about a generated database, read once before measuring.

The queries are built with the application's own helpers (tenancy, visibility, list
filters), so the benchmark asks for exactly the cases a conflict manager sees.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import create_async_engine

from bench.config import SECRET_KEY, Target
from bench.dataset import DISTRICTS, staff_email
from kokoma.access.permissions import Role, permissions_for_role
from kokoma.access.principal import Principal
from kokoma.cases.access import visible_cases
from kokoma.cases.listing import CaseListQuery, CaseSort, filtered, sort_keys
from kokoma.cases.models import Case
from kokoma.core.pagination import cursor_key, encode_cursor
from kokoma.users.models import User

SAMPLE = 2_000
# Where "deep in the list" is: three quarters of the way down.
DEPTH = 0.75
# A filter in daily use: closed cases on local politics (query parameters of GET /cases).
FILTER = {"status": "closed", "topic": "local_politics"}


@dataclass(frozen=True)
class Facts:
    municipality_id: uuid.UUID
    manager_id: uuid.UUID
    readable_case_ids: list[uuid.UUID]  # cases the conflict manager may open
    writable_case_ids: list[uuid.UUID]  # visible and not archived: take consultations
    deep_cursor: str
    deep_filtered_cursor: str
    list_length: int
    filtered_length: int


async def _deep_cursor(
    connection: Any, principal: Principal, query: CaseListQuery
) -> tuple[str, int]:
    base = filtered(visible_cases(principal, Case.created_at, Case.id), query)
    total = int(await connection.scalar(select(func.count()).select_from(base.subquery())))
    depth = max(1, int(total * DEPTH))
    row = (
        await connection.execute(
            base.order_by(Case.created_at.desc(), Case.id.desc()).offset(depth - 1).limit(1)
        )
    ).one()
    keys = sort_keys(CaseSort.CREATED_AT_DESC)
    return encode_cursor(cursor_key(SECRET_KEY), keys, Case.id, [row.created_at, row.id]), total


async def read_facts(target: Target) -> Facts:
    engine = create_async_engine(target.database_url)
    try:
        async with engine.connect() as connection:
            manager = (
                await connection.execute(
                    select(User.id, User.municipality_id).where(
                        User.email == staff_email(DISTRICTS[0], Role.CONFLICT_MANAGER, 1)
                    )
                )
            ).one()
            principal = Principal(
                id=manager.id,
                kind="user",
                municipality_id=manager.municipality_id,
                label="bench",
                permissions=permissions_for_role(Role.CONFLICT_MANAGER),
                role=Role.CONFLICT_MANAGER,
            )
            visible = visible_cases(principal, Case.id, Case.archived)
            rows = (await connection.execute(visible.order_by(func.random()).limit(SAMPLE))).all()
            cursor, length = await _deep_cursor(connection, principal, CaseListQuery())
            filtered_cursor, filtered_length = await _deep_cursor(
                connection,
                principal,
                CaseListQuery(status=[FILTER["status"]], topic=[FILTER["topic"]]),
            )
    finally:
        await engine.dispose()
    return Facts(
        municipality_id=manager.municipality_id,
        manager_id=manager.id,
        readable_case_ids=[row.id for row in rows],
        writable_case_ids=[row.id for row in rows if not row.archived],
        deep_cursor=cursor,
        deep_filtered_cursor=filtered_cursor,
        list_length=length,
        filtered_length=filtered_length,
    )
