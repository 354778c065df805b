"""Reads on the hot request paths: plain column statements run through SQLAlchemy Core.

``AsyncSession.execute`` sends every statement through the ORM's execution path
(autoflush, ORM compile state, result adaptation), even one that selects plain
columns: that costs about as much CPU again as the statement's own execution
(measured in bench/RESULTS.md, "Third round"). A read that selects columns runs here
on the session's own connection instead: the same transaction, the same types and
result rows, none of the ORM's work.

Only for reads that need no pending ORM change flushed first, such as read-only
requests and the caller check at the start of a request: Core does not autoflush.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Executable, Result
from sqlalchemy.ext.asyncio import AsyncSession


async def read(
    session: AsyncSession, stmt: Executable, params: Mapping[str, Any] | None = None
) -> Result[Any]:
    """The result of the column statement ``stmt``, run on ``session``'s connection."""
    connection = await session.connection()
    return await connection.execute(stmt, params)
