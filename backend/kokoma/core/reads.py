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

from sqlalchemy import JSON, ColumnElement, Executable, Result, func, literal_column, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession


async def read(
    session: AsyncSession, stmt: Executable, params: Mapping[str, Any] | None = None
) -> Result[Any]:
    """The result of the column statement ``stmt``, run on ``session``'s connection."""
    connection = await session.connection()
    return await connection.execute(stmt, params)


def json_list(dialect: str, value: Any) -> ColumnElement[Any]:
    """The rows of the enclosing select as one JSON list, ``[]`` for none: of ``value``'s
    values, or of objects when ``value`` maps keys to columns.

    For a scalar subquery per parent row, so that a page's child rows of several kinds
    come back in one round trip (decoded into lists of plain values and dicts).
    """
    if isinstance(value, Mapping):
        # The keys are names in code, never input: safe to write into the statement.
        pairs: list[Any] = []
        for key, column in value.items():
            pairs += (literal_column(f"'{key}'"), column)
        value = (
            func.json_build_object(*pairs) if dialect == "postgresql" else func.json_object(*pairs)
        )
    if dialect == "postgresql":
        # json_agg over no rows is NULL, SQLite's json_group_array is '[]'.
        return type_coerce(func.coalesce(func.json_agg(value), literal_column("'[]'::json")), JSON)
    return type_coerce(func.json_group_array(value), JSON)
