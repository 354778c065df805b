"""Upgrades from every release to the current head, on the suite's database.

Each release fixture under ``tests/releases/<version>/`` is restored (its schema and
its demo data), migrated to head, and read through the API: every record the release
showed must still be readable, archived cases, restricted cases and revoked
certificates included. Then one migration down and up again. ``current`` builds a
fixture from this very version, so the harness itself runs before the first release.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from kokoma import migrate, revisions
from kokoma.cli.backup.service import restore_backup
from kokoma.settings import Settings
from kokoma.tables import metadata
from tests.releases.harness import EDGE_CASES, make_fixture, read_everything

RELEASES = Path(__file__).resolve().parents[1] / "releases"
RELEASED = sorted(p.name for p in RELEASES.iterdir() if (p / "migrations").is_dir())


def _schema_diff(settings: Settings) -> list[object]:
    async def run() -> list[object]:
        engine = create_async_engine(settings.database_url)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
        await engine.dispose()
        return diff

    return asyncio.run(run())


def _is_subset(expected: dict[str, list[str]], found: dict[str, list[str]]) -> list[str]:
    return [
        f"{kind}: {len(set(ids) - set(found.get(kind, [])))} unreadable"
        for kind, ids in expected.items()
        if not set(ids) <= set(found.get(kind, []))
    ]


@pytest.mark.parametrize("release", ["current", *RELEASED])
def test_upgrade_from_release_keeps_every_record_readable(release, scratch, settings, tmp_path):
    folder = RELEASES / release
    if release == "current":
        folder = tmp_path / "current"
        make_fixture(scratch(), folder, settings.migrations_dir)
    kind = "sqlite" if settings.is_sqlite else "postgresql"
    # Released migrations are never regenerated: the release's files are all still here.
    for migration in (folder / "migrations").glob("*.py"):
        current = settings.migrations_dir / "versions" / migration.name
        assert current.is_file() and current.read_bytes() == migration.read_bytes(), migration.name
    expected = json.loads((folder / f"expected-{kind}.json").read_text())
    assert all(expected[edge] for edge in EDGE_CASES)

    target = scratch()
    restore_backup(target, folder / f"{kind}.tar.gz")
    assert _schema_diff(target) == []
    assert _is_subset(expected, read_everything(target)) == []

    head = revisions.head_revision(target)
    previous = revisions.previous_revision(target, head)
    migrate.downgrade(target, previous or "base")
    migrate.upgrade(target)
    assert _schema_diff(target) == []
    if previous is not None:
        # One step down and up again keeps the data of every earlier release.
        assert _is_subset(expected, read_everything(target)) == []
