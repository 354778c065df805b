"""The migrations match the models and run up, down and up again on both databases."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from kokoma import migrate
from kokoma.settings import Settings
from kokoma.tables import metadata
from tests.conftest import _admin_execute


@pytest.fixture
def scratch_settings(settings: Settings) -> Iterator[Settings]:
    """Settings for an empty database of the same kind as the suite's."""
    if settings.is_sqlite:
        folder = Path(tempfile.mkdtemp(prefix="kokoma-migrate-"))
        yield settings.model_copy(
            update={"data_dir": folder, "database_url": f"sqlite+aiosqlite:///{folder / 'm.db'}"}
        )
        return
    name = f"kokoma_migrate_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
    yield settings.model_copy(
        update={"database_url": settings.database_url.rsplit("/", 1)[0] + f"/{name}"}
    )
    asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _diff_and_tables(settings: Settings) -> tuple[list[object], set[str]]:
    async def run() -> tuple[list[object], set[str]]:
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine(settings.database_url)
        async with engine.connect() as connection:
            result = await connection.run_sync(
                lambda sync: (
                    compare_metadata(
                        MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                    ),
                    set(inspect(sync).get_table_names()),
                )
            )
        await engine.dispose()
        return result

    return asyncio.run(run())


def test_migrations_match_models_and_roundtrip(scratch_settings: Settings) -> None:
    migrate.upgrade(scratch_settings)
    diff, tables = _diff_and_tables(scratch_settings)
    assert diff == [], f"models and migrations differ; run `make migration`: {diff}"
    assert set(metadata.tables) <= tables

    migrate.downgrade(scratch_settings, "base")
    _, tables_after_downgrade = _diff_and_tables(scratch_settings)
    assert tables_after_downgrade <= {"alembic_version"}

    migrate.upgrade(scratch_settings)
    diff, _ = _diff_and_tables(scratch_settings)
    assert diff == []


def test_concurrent_upgrades_migrate_once(scratch_settings: Settings) -> None:
    """Several instances starting together all run `db upgrade`; none may fail."""
    command = [str(Path(sys.executable).with_name("kokoma")), "db", "upgrade"]
    env = {
        **os.environ,
        "KOKOMA_DATABASE_URL": scratch_settings.database_url,
        "KOKOMA_DATA_DIR": str(scratch_settings.data_dir),
    }
    with ThreadPoolExecutor(3) as pool:
        results = list(
            pool.map(
                lambda _: subprocess.run(
                    command, env=env, capture_output=True, text=True, timeout=120
                ),
                range(3),
            )
        )
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    diff, _ = _diff_and_tables(scratch_settings)
    assert diff == []
