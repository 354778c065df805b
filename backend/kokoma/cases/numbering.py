"""Reference numbers (Aktenzeichen) per municipality and year, gap-free under concurrency."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import CaseReferenceCounter
from kokoma.core.calendar import LOCAL_TIME
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality


async def _next_number(session: AsyncSession, municipality_id: uuid.UUID, year: int) -> int:
    # Create the counter row if it is missing, then raise it in one statement.
    # On PostgreSQL the UPDATE holds the row lock until commit, so concurrent
    # creations queue up; SQLite serialises writers with BEGIN IMMEDIATE.
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    await session.execute(
        dialect.insert(CaseReferenceCounter)
        .values(municipality_id=municipality_id, year=year, value=0)
        .on_conflict_do_nothing()
    )
    result = await session.execute(
        update(CaseReferenceCounter)
        .where(
            CaseReferenceCounter.municipality_id == municipality_id,
            CaseReferenceCounter.year == year,
        )
        .values(value=CaseReferenceCounter.value + 1)
        .returning(CaseReferenceCounter.value)
        .execution_options(synchronize_session=False)
    )
    return int(result.scalar_one())


async def issue_reference(
    session: AsyncSession, municipality_id: uuid.UUID, *, year: int | None = None
) -> tuple[int, int, str]:
    """The next ``(year, number, reference)``, e.g. ``(2026, 7, "WAK-2026-0007")``.

    Runs inside the caller's transaction: if the case is not saved, the number is not
    used. ``year`` defaults to the current local year.
    """
    year = year or utcnow().astimezone(LOCAL_TIME).year
    number = await _next_number(session, municipality_id, year)
    slug = await session.scalar(
        select(Municipality.slug).where(Municipality.id == municipality_id)
    )
    return year, number, f"{str(slug).upper()}-{year}-{number:04d}"
