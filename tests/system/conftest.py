"""Fresh, empty databases of the suite's kind, each with its own data directory."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kokoma.settings import Settings
from tests.conftest import _admin_execute


@pytest.fixture
def scratch(settings: Settings) -> Iterator[Callable[[], Settings]]:
    """``scratch()`` gives settings for a new empty database; all are dropped afterwards."""
    made: list[str] = []

    def make() -> Settings:
        folder = Path(tempfile.mkdtemp(prefix="kokoma-ops-")) / "data"
        update: dict[str, object] = {
            "data_dir": folder,
            "webhook_dispatcher_enabled": False,
            "mail_worker_enabled": False,
        }
        if settings.is_sqlite:
            update["database_url"] = f"sqlite+aiosqlite:///{folder / 'kokoma.db'}"
        else:
            name = f"kokoma_ops_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
            made.append(name)
            update["database_url"] = settings.database_url.rsplit("/", 1)[0] + f"/{name}"
        return settings.model_copy(update=update)

    yield make
    for name in made:
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def cli_env(settings: Settings) -> dict[str, str]:
    """The environment that points the ``kokoma`` command at these settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KOKOMA_")}
    return {
        **clean,
        "KOKOMA_DATA_DIR": str(settings.data_dir),
        "KOKOMA_DATABASE_URL": settings.database_url,
        "KOKOMA_SECRET_KEY": settings.secret_key,
        "KOKOMA_MIGRATIONS_DIR": str(settings.migrations_dir),
    }
