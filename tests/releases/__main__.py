"""``python -m tests.releases VERSION``: the fixture of a release, on SQLite and PostgreSQL.

Run it on the release's commit (``make release-fixture``); it writes
``tests/releases/VERSION/`` (see README.md here).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg

from kokoma.settings import Settings
from tests.releases.harness import make_fixture

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get(
    "KOKOMA_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(PG_ADMIN.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def main(version: str) -> None:
    folder = ROOT / "tests" / "releases" / version
    if folder.exists():
        sys.exit(f"{folder} exists; a release's fixture is never rewritten.")
    common = {
        "secret_key": "release-fixture-secret-key-0123456789abcdef",
        "argon2_time_cost": 1,
        "argon2_memory_cost": 1024,
        "migrations_dir": ROOT / "migrations",
    }
    scratch = Path(tempfile.mkdtemp(prefix="kokoma-release-"))
    make_fixture(
        Settings(data_dir=scratch / "sqlite", database_url="", **common),
        folder,
        ROOT / "migrations",
    )
    name = f"kokoma_release_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
        make_fixture(
            Settings(data_dir=scratch / "pg", database_url=url, **common),
            folder,
            ROOT / "migrations",
        )
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(f"Wrote {folder}.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.releases VERSION")
    main(sys.argv[1])
