"""Leader election for scheduled work: of several workers or instances, one does a job.

PostgreSQL: a transaction-scoped advisory lock (released with the transaction).
SQLite: an exclusive, non-blocking lock on a file next to the database.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.settings import Settings


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextlib.asynccontextmanager
async def leadership(session: AsyncSession, settings: Settings, name: str) -> AsyncIterator[bool]:
    """Yields True if this process leads ``name`` for the block (the session's transaction
    on PostgreSQL), False if another one does."""
    if not settings.is_sqlite:
        won = await session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _key(name)}
        )
        yield bool(won)
        return
    path = Path(settings.data_dir) / f".{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
