"""Dumping and loading the database: SQLite through its online backup interface,
PostgreSQL through ``pg_dump``/``pg_restore`` in the custom format.

Both take a consistent snapshot while the application keeps writing: SQLite's backup
copies all pages under one read transaction (WAL lets writers continue), ``pg_dump``
reads everything in one repeatable-read transaction.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from kokoma.db import make_engine
from kokoma.settings import Settings

PG_TOOLS_HINT = (
    "install the PostgreSQL client tools of the server's major version "
    "(Debian: postgresql-client-<major>)"
)


class DatabaseStepFailed(Exception):
    """A dump or load step failed; the message says which and why."""


def kind(settings: Settings) -> str:
    return "sqlite" if settings.is_sqlite else "postgresql"


def sqlite_path(settings: Settings) -> Path:
    return Path(make_url(settings.database_url).database or settings.data_dir / "kokoma.db")


def sqlite_companions(settings: Settings) -> list[Path]:
    """The database file and the files SQLite and the migration lock keep beside it."""
    path = sqlite_path(settings)
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))] + [
        path.with_suffix(".migrate-lock")
    ]


def _inspect(settings: Settings, work: Callable[[Connection], Any]) -> Any:
    async def run() -> Any:
        engine = make_engine(settings)
        try:
            async with engine.begin() as connection:
                return await connection.run_sync(work)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def table_names(settings: Settings) -> list[str]:
    """The tables in the target database (none in an empty one)."""
    if settings.is_sqlite and not sqlite_path(settings).exists():
        return []
    return _inspect(settings, lambda sync: inspect(sync).get_table_names())


def row_counts(settings: Settings) -> dict[str, int]:
    def count(sync: Connection) -> dict[str, int]:
        names = inspect(sync).get_table_names()
        return {n: sync.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}

    return _inspect(settings, count)


def schema_revision(settings: Settings) -> str:
    return _inspect(
        settings,
        lambda sync: sync.execute(text("SELECT version_num FROM alembic_version")).scalar_one(),
    )


# --- SQLite ----------------------------------------------------------------------------


def dump_sqlite(settings: Settings, target: Path) -> str:
    """Copy the live database with SQLite's online backup; returns its schema revision."""
    source_path = sqlite_path(settings)
    if not source_path.exists():
        raise DatabaseStepFailed(f"There is no database at {source_path}.")
    timeout = settings.sqlite_busy_timeout_ms / 1000
    with (
        closing(sqlite3.connect(source_path, timeout=timeout)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)  # all pages in one step: one consistent snapshot
        row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None:
        raise DatabaseStepFailed("The database has not been migrated; nothing to back up.")
    return str(row[0])


def load_sqlite(settings: Settings, dump: Path) -> None:
    """Put the backed-up file in place of the database (the service must be stopped)."""
    path = sqlite_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(path.name + ".restoring")
    shutil.copyfile(dump, staged)
    # An old write-ahead log beside the new file would be replayed into it.
    for companion in sqlite_companions(settings)[1:]:
        companion.unlink(missing_ok=True)
    os.replace(staged, path)


# --- PostgreSQL --------------------------------------------------------------------------


def _pg(settings: Settings, tool: str, *args: str) -> None:
    url = make_url(settings.database_url)
    env = {**os.environ, "PGPASSWORD": url.password or "", "PGCONNECT_TIMEOUT": "10"}
    connection = [
        f"--host={url.host or '127.0.0.1'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or 'postgres'}",
        f"--dbname={url.database}",
    ]
    try:
        result = subprocess.run(
            [tool, *connection, *args], env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise DatabaseStepFailed(f"{tool} was not found; {PG_TOOLS_HINT}.") from None
    if result.returncode != 0:
        reason = " ".join(result.stderr.split())[:500]
        raise DatabaseStepFailed(f"{tool} failed: {reason} (see README: {PG_TOOLS_HINT}).")


def dump_postgres(settings: Settings, target: Path) -> str:
    """``pg_dump`` in the custom format; returns the schema revision it contains."""
    revision = schema_revision(settings)
    _pg(
        settings, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"
    )
    return revision


def load_postgres(settings: Settings, dump: Path, replace: bool) -> None:
    if replace:
        # The schema as a whole, so nothing of the old database survives next to the restored one.
        def drop(sync: Connection) -> None:
            sync.execute(text("DROP SCHEMA public CASCADE"))
            sync.execute(text("CREATE SCHEMA public"))

        _inspect(settings, drop)
    _pg(
        settings,
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(dump),
    )
