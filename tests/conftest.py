"""Test harness: a fresh database per run (SQLite or PostgreSQL), migrated with Alembic.

``KOKOMA_TEST_DB=postgres`` runs the suite against PostgreSQL
(``KOKOMA_TEST_PG_URL``, default the local cluster); it creates its own database
and drops it afterwards. Nothing is mocked: every test talks to the real app and
the real database.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from httpx import ASGITransport, AsyncClient

_DATA_DIR = Path(tempfile.mkdtemp(prefix="kokoma-test-"))
_BACKEND = os.environ.get("KOKOMA_TEST_DB", "sqlite")
_PG_ADMIN_URL = os.environ.get(
    "KOKOMA_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
_PG_DATABASE = f"kokoma_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"


def _database_url() -> str:
    if _BACKEND == "postgres":
        return _PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{_PG_DATABASE}"
    return f"sqlite+aiosqlite:///{_DATA_DIR / 'kokoma.db'}"


# Settings are read from the environment once; set them before anything imports them.
os.environ.update(
    {
        "KOKOMA_DATA_DIR": str(_DATA_DIR),
        "KOKOMA_DATABASE_URL": _database_url(),
        "KOKOMA_SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "KOKOMA_ARGON2_TIME_COST": "1",
        "KOKOMA_ARGON2_MEMORY_COST": "1024",
        "KOKOMA_FRONTEND_DIST": str(_DATA_DIR / "no-frontend"),
        "KOKOMA_LOG_LEVEL": "WARNING",
        "KOKOMA_PUBLIC_URL": "https://kokoma.test",
        # The public form's guards are tested on their own (tests/intake) with an app of
        # their own; the shared app lets the many requests of the suite through.
        "KOKOMA_PUBLIC_REQUEST_MIN_FILL_SECONDS": "0",
        "KOKOMA_PUBLIC_PAGE_RATE_LIMIT": "100000/minute",
        "KOKOMA_PUBLIC_REQUEST_RATE_LIMIT": "100000/minute",
        "KOKOMA_PUBLIC_REQUEST_MUNICIPALITY_RATE_LIMIT": "100000/minute",
    }
)

# Imported after the environment above is set: the settings are read at import time.
from kokoma.app import create_app  # noqa: E402 - after the environment
from kokoma.migrate import upgrade  # noqa: E402 - after the environment
from kokoma.settings import Settings, get_settings  # noqa: E402 - after the environment
from tests.support import TenantFactory  # noqa: E402 - after the environment


async def _admin_execute(statement: str) -> None:
    import asyncpg

    dsn = _PG_ADMIN_URL.replace("postgresql+asyncpg", "postgresql")
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """The migrated test database's settings; the database is dropped afterwards."""
    if _BACKEND == "postgres":
        asyncio.run(_admin_execute(f'CREATE DATABASE "{_PG_DATABASE}"'))
    settings = get_settings()
    upgrade(settings)
    yield settings
    if _BACKEND == "postgres":
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{_PG_DATABASE}" WITH (FORCE)'))


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings)
    yield application
    await application.state.db.dispose()


@pytest.fixture(scope="session")
async def client(app: object) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=app)
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture(scope="session")
def db(app: object):
    """The application's session factory, for arranging data and checking results."""
    return app.state.db.sessionmaker


@pytest.fixture(scope="session")
def tenants(db, settings: Settings) -> TenantFactory:
    """Makes fresh municipalities with one account per role; tests never share data."""
    return TenantFactory(db, settings)
