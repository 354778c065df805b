"""Every row of every table, for comparing two databases row by row."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from kokoma.settings import Settings
from kokoma.tables import metadata


async def all_rows(settings: Settings) -> dict[str, set[str]]:
    """Per table, each row as one canonical JSON text (JSON columns are not hashable)."""
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            return {
                name: {
                    json.dumps(dict(row._mapping), sort_keys=True, default=str)
                    for row in await connection.execute(select(table))
                }
                for name, table in metadata.tables.items()
            }
    finally:
        await engine.dispose()


def row_mentions(row: str, values: set[str]) -> bool:
    return any(value in row for value in values)
