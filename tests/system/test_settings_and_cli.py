"""Configuration defaults and refusals, and the `kokoma` command line."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from kokoma import __version__
from kokoma.db import Database
from kokoma.logging_setup import configure_logging
from kokoma.request_context import set_request_context
from kokoma.settings import DEMO_SECRET, ConfigurationError, Settings

KOKOMA = str(Path(sys.executable).with_name("kokoma"))


def test_defaults_to_sqlite_under_data_dir_with_private_generated_secret(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url="", secret_key="")
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path.resolve() / 'kokoma.db'}"
    first = settings.resolved_secret_key()
    assert len(first) >= 32
    secret_file = tmp_path / "secret_key"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert (
        Settings(data_dir=tmp_path, database_url="", secret_key="").resolved_secret_key() == first
    )


@pytest.mark.parametrize(
    ("secret", "message"),
    [("", "must be set"), (DEMO_SECRET, "demo secret"), ("short-secret", "at least 32")],
)
def test_postgres_refuses_missing_demo_or_short_secret(
    secret: str, message: str, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        database_url="postgresql+asyncpg://kokoma@db/kokoma",
        secret_key=secret,
    )
    with pytest.raises(ConfigurationError, match=message):
        settings.resolved_secret_key()


async def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path: Path) -> None:
    database = Database(Settings(data_dir=tmp_path, database_url="", secret_key=""))
    try:
        async with database.engine.connect() as connection:
            mode = await connection.scalar(text("PRAGMA journal_mode"))
            timeout = await connection.scalar(text("PRAGMA busy_timeout"))
    finally:
        await database.dispose()
    assert mode == "wal"
    assert timeout >= 5000


def _cli(
    tmp_path: Path, *args: str, stdin: str = "", **settings: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KOKOMA_")},
        "KOKOMA_DATA_DIR": str(tmp_path),
        "KOKOMA_ARGON2_TIME_COST": "1",
        "KOKOMA_ARGON2_MEMORY_COST": "1024",
        **settings,
    }
    return subprocess.run(
        [KOKOMA, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120
    )


def test_cli_migrates_creates_accounts_and_reports_errors_in_one_line(tmp_path: Path) -> None:
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    assert (tmp_path / "kokoma.db").exists()

    created = _cli(
        tmp_path,
        "municipality",
        "create",
        "--name",
        "Stadt Treffurt",
        "--slug",
        "treffurt",
        "--ags",
        "16063081",
    )
    assert created.returncode == 0, created.stderr
    again = _cli(tmp_path, "municipality", "create", "--name", "Doppelt", "--slug", "treffurt")
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "already taken" in again.stderr
    assert "Traceback" not in again.stderr

    user_args = (
        "user",
        "create",
        "--email",
        "k.weber@treffurt.example",
        "--name",
        "Karin Weber",
        "--role",
        "coordinator",
        "--municipality",
        "treffurt",
    )
    weak = _cli(tmp_path, *user_args, stdin="password1234\n")
    assert weak.returncode == 1 and "too common" in weak.stderr and "Traceback" not in weak.stderr
    ok = _cli(tmp_path, *user_args, stdin="Werra-Ufer-bei-Nacht-7\n")
    assert ok.returncode == 0, ok.stderr
    assert "Werra-Ufer" not in ok.stdout + ok.stderr

    unknown = _cli(
        tmp_path,
        "user",
        "create",
        "--email",
        "x@y.example",
        "--name",
        "X",
        "--role",
        "coordinator",
        "--municipality",
        "nowhere",
        stdin="Werra-Ufer-bei-Nacht-7\n",
    )
    assert (
        unknown.returncode == 1
        and "nowhere" in unknown.stderr
        and "Traceback" not in unknown.stderr
    )


def test_cli_demo_data_is_idempotent_and_prints_logins(tmp_path: Path) -> None:
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    first = _cli(tmp_path, "demo-data")
    assert first.returncode == 0, first.stderr
    assert "admin@kokoma.example" in first.stdout
    second = _cli(tmp_path, "demo-data")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout


def test_cli_statistics_rebuild_recounts_what_the_writes_kept(tmp_path: Path) -> None:
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    assert _cli(tmp_path, "demo-data").returncode == 0

    def day_totals() -> list[tuple[object, ...]]:
        with closing(sqlite3.connect(tmp_path / "kokoma.db")) as connection:
            return connection.execute(
                "SELECT * FROM statistics_daily_figures ORDER BY municipality_id, day"
            ).fetchall()

    kept = day_totals()
    assert len(kept) > 30  # the demo data's months of casework
    rebuilt = _cli(tmp_path, "statistics", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"{len(kept)} municipality days" in rebuilt.stdout
    assert day_totals() == kept


def test_cli_refuses_unsafe_secret_for_postgres(tmp_path: Path) -> None:
    env_url = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    result = subprocess.run(
        [KOKOMA, "serve"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("KOKOMA_")},
            "KOKOMA_DATABASE_URL": env_url,
            "KOKOMA_SECRET_KEY": DEMO_SECRET,
        },
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "kokoma: KOKOMA_SECRET_KEY is the demo secret; set a real one."


def test_version() -> None:
    result = subprocess.run([KOKOMA, "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"kokoma {__version__}"


def test_each_configuration_problem_is_one_line_and_nothing_starts(tmp_path: Path) -> None:
    result = _cli(
        tmp_path,
        "serve",
        KOKOMA_DATABASE_URL="postgresql+asyncpg://kokoma:pw@db/kokoma",
        KOKOMA_REDIS_URL="redis-host:6379",
        KOKOMA_METRICS_ALLOW="10.0.0.0/8,intranet",
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert "KOKOMA_SECRET_KEY must be set" in lines[0]
    assert "KOKOMA_REDIS_URL" in lines[1]
    assert "'intranet'" in lines[2]
    assert "Traceback" not in result.stderr


def test_a_malformed_value_names_its_variable(tmp_path: Path) -> None:
    result = _cli(tmp_path, "check-config", KOKOMA_LOG_FORMAT="xml")
    assert result.returncode == 1
    assert result.stderr.startswith("kokoma: KOKOMA_LOG_FORMAT:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_config_prints_the_effective_settings_with_secrets_masked(tmp_path: Path) -> None:
    secret = "a-real-secret-key-with-more-than-32-characters"
    result = _cli(
        tmp_path,
        "check-config",
        KOKOMA_DATABASE_URL="postgresql+asyncpg://kokoma:db-password-1@db/kokoma",
        KOKOMA_SECRET_KEY=secret,
        KOKOMA_LOG_FORMAT="json",
        KOKOMA_SMTP_URL="smtps://mailer:smtp-password-2@mail.example:465",
        KOKOMA_SMTP_PASSWORD="smtp-password-3",
    )
    assert result.returncode == 0, result.stderr
    shown = dict(line.split("=", 1) for line in result.stdout.splitlines())
    assert shown["KOKOMA_SMTP_URL"] == "smtps://mailer:***@mail.example:465"
    assert shown["KOKOMA_SMTP_PASSWORD"] == "********"
    assert "smtp-password" not in result.stdout
    assert shown["KOKOMA_LOG_FORMAT"] == "json"
    assert shown["KOKOMA_SECRET_KEY"] == "********"
    assert shown["KOKOMA_DATABASE_URL"] == "postgresql+asyncpg://kokoma:***@db/kokoma"
    assert secret not in result.stdout and "db-password-1" not in result.stdout


def test_json_logs_carry_the_request_id(capsys) -> None:  # type: ignore[no-untyped-def]
    configure_logging("INFO", "json")
    try:
        set_request_context("request-id-0001", None)
        logging.getLogger("kokoma.test").warning("Sicherung fertig")
        entry = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    finally:
        configure_logging("WARNING", "text")
    assert entry["request_id"] == "request-id-0001"
    assert entry["message"] == "Sicherung fertig"
    assert entry["level"] == "WARNING" and entry["logger"] == "kokoma.test"


def test_retention_from_the_command_line_counts_first_and_refuses_too_short_periods(
    tmp_path: Path,
) -> None:
    assert _cli(tmp_path, "db", "upgrade").returncode == 0
    dry = _cli(tmp_path, "privacy", "retention")
    assert dry.returncode == 0, dry.stderr
    assert "nothing was changed" in dry.stdout
    assert "audit_log" in dry.stdout and "older than 730 days" in dry.stdout

    applied = _cli(tmp_path, "privacy", "retention", "--apply", "--batch-size", "50")
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout.startswith("Deleted")

    short = _cli(tmp_path, "privacy", "retention", KOKOMA_RETENTION_AUDIT_DAYS="30")
    assert short.returncode == 1
    assert short.stderr.startswith("kokoma: KOKOMA_RETENTION_AUDIT_DAYS:")
