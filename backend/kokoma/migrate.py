"""Running Alembic migrations from the application's own settings."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from kokoma.settings import Settings


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(settings.migrations_dir))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    return config


@contextmanager
def _exclusive(settings: Settings) -> Iterator[None]:
    # PostgreSQL serialises concurrent upgrades with an advisory lock (migrations/env.py);
    # an SQLite file needs a lock file beside it for the same guarantee.
    if not settings.is_sqlite:
        yield
        return
    database = make_url(settings.database_url).database or str(settings.data_dir / "kokoma.db")
    lock_path = Path(database).with_suffix(".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def upgrade(settings: Settings, revision: str = "head") -> None:
    with _exclusive(settings):
        command.upgrade(alembic_config(settings), revision)


def downgrade(settings: Settings, revision: str) -> None:
    with _exclusive(settings):
        command.downgrade(alembic_config(settings), revision)
