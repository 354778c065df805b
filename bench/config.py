"""Where the benchmark keeps its databases and how it reaches them (127.0.0.1 only)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK_DIR = REPO / "build" / "bench"
# Long enough for the PostgreSQL check; only ever used for the throw-away bench databases.
SECRET_KEY = "bench-only-secret-key-not-for-real-data-0123456789"
PASSWORD = "Bench-Passwort-2026!"
PG_ADMIN_URL = os.environ.get(
    "KOKOMA_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PG_DATABASE = "kokoma_bench"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Target:
    """One database the benchmark runs against."""

    name: str  # "postgres" or "sqlite"
    database_url: str  # SQLAlchemy URL, as KOKOMA_DATABASE_URL
    data_dir: Path

    @property
    def is_sqlite(self) -> bool:
        return self.name == "sqlite"

    @property
    def dsn(self) -> str:
        """The plain driver URL (asyncpg) or file path (sqlite3)."""
        if self.is_sqlite:
            return self.database_url.split(":///", 1)[1]
        return self.database_url.replace("postgresql+asyncpg://", "postgresql://", 1)

    def environment(self, **extra: str) -> dict[str, str]:
        """Environment for a ``kokoma`` process serving this database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("KOKOMA_")}
        env.update(
            KOKOMA_DATABASE_URL=self.database_url,
            KOKOMA_DATA_DIR=str(self.data_dir),
            KOKOMA_SECRET_KEY=SECRET_KEY,
            KOKOMA_FRONTEND_DIST=str(self.data_dir / "no-frontend"),
            KOKOMA_LOG_LEVEL="WARNING",
            KOKOMA_ACCESS_TOKEN_MINUTES="15",
        )
        env.update(extra)
        return env


def postgres_target() -> Target:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return Target("postgres", f"{base}/{PG_DATABASE}", WORK_DIR / "postgres")


def sqlite_target() -> Target:
    data_dir = WORK_DIR / "sqlite"
    return Target("sqlite", f"sqlite+aiosqlite:///{data_dir / 'kokoma.db'}", data_dir)


def target(name: str) -> Target:
    return postgres_target() if name == "postgres" else sqlite_target()
