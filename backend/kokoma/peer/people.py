"""How the peer channel names people: their name and their municipality, nothing else."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.municipalities.models import Municipality
from kokoma.users.models import User


async def names_of(
    session: AsyncSession, user_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, str]]:
    """(full name, municipality name) of each of ``user_ids``."""
    rows = await session.execute(
        select(User.id, User.full_name, Municipality.name)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(User.id.in_(user_ids))
    )
    return {row[0]: (row[1], row[2]) for row in rows}
