"""Creating a bench database and filling it in bulk: COPY on PostgreSQL, executemany on SQLite.

The schema comes from the real migrations. Values are written the way the
application's own column types would write them (SQLite: through SQLAlchemy's bind
processors, so UUIDs, timestamps and JSON look exactly as the ORM stores them).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import asyncpg
from sqlalchemy import JSON, Table
from sqlalchemy.dialects import sqlite as sqlite_dialect

import kokoma.tables  # noqa: F401 - registers every table on the metadata
from bench.config import PASSWORD, PG_ADMIN_URL, PG_DATABASE, Target
from bench.dataset import Batch, Plan, generate
from kokoma.access.passwords import hash_password
from kokoma.cli.admin import rebuild_statistics
from kokoma.db import Base, Database
from kokoma.migrate import upgrade
from kokoma.settings import Settings

_SQLITE = sqlite_dialect.dialect()


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


async def recreate_postgres(database: str = PG_DATABASE) -> None:
    """Drop (closing its connections) and create the PostgreSQL database ``database``."""
    admin = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{database}"')
    finally:
        await admin.close()


def _recreate_sqlite(target: Target) -> None:
    target.data_dir.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        path = target.data_dir / f"kokoma.db{suffix}"
        path.unlink(missing_ok=True)


async def _copy_postgres(target: Target, batches: Iterable[Batch]) -> int:
    connection = await asyncpg.connect(target.dsn)
    written = 0
    try:
        for name, rows in batches:
            columns = list(rows[0])
            as_json = [isinstance(_table(name).c[c].type, JSON) for c in columns]
            records = [
                tuple(
                    json.dumps(row[c]) if j else row[c]
                    for c, j in zip(columns, as_json, strict=False)
                )
                for row in rows
            ]
            await connection.copy_records_to_table(name, records=records, columns=columns)
            written += len(records)
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return written


def _insert_sqlite(target: Target, batches: Iterable[Batch]) -> int:
    connection = sqlite3.connect(target.dsn, isolation_level=None)
    connection.execute("PRAGMA synchronous=OFF")
    written = 0
    try:
        for name, rows in batches:
            columns = list(rows[0])
            processors = [_table(name).c[c].type._cached_bind_processor(_SQLITE) for c in columns]
            records = [
                tuple(
                    p(row[c]) if p else row[c] for c, p in zip(columns, processors, strict=False)
                )
                for row in rows
            ]
            quoted = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            connection.execute("BEGIN")
            connection.executemany(f'INSERT INTO "{name}" ({quoted}) VALUES ({marks})', records)
            connection.execute("COMMIT")
            written += len(records)
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return written


def settings_for(target: Target) -> Settings:
    return Settings(database_url=target.database_url, data_dir=target.data_dir, secret_key="")


async def _recount_statistics(target: Target) -> int:
    # The bulk rows bypassed the ORM, and with it the daily statistics totals.
    settings = settings_for(target)
    database = Database(settings)
    try:
        async with database.sessionmaker() as session:
            return await rebuild_statistics(session, settings)
    finally:
        await database.dispose()


def generate_into(target: Target, scale: float) -> dict[str, Any]:
    """Recreate ``target``'s database, migrate it and fill it at ``scale``."""
    started = time.monotonic()
    if target.is_sqlite:
        _recreate_sqlite(target)
    else:
        asyncio.run(recreate_postgres())
    upgrade(settings_for(target))
    password_hash = asyncio.run(hash_password(PASSWORD))
    batches = generate(Plan(scale), password_hash, datetime.now(UTC))
    if target.is_sqlite:
        rows = _insert_sqlite(target, batches)
    else:
        rows = asyncio.run(_copy_postgres(target, batches))
    rows += asyncio.run(_recount_statistics(target))
    return {
        "target": target.name,
        "scale": scale,
        "rows": rows,
        "seconds": round(time.monotonic() - started, 1),
    }
