"""The load test: locust, headless and time-bound, against ``kokoma serve --workers N`` on
PostgreSQL; afterwards every write that was answered 201 must be stored exactly once."""

from __future__ import annotations

import asyncio
import json
import subprocess
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg

from bench import servers
from bench.config import WORK_DIR, Target

TABLES = {"cases": "cases", "consultations": "consultations", "contacts": "contacts"}


async def _stored(target: Target, since: datetime, created: dict[str, list[str]]) -> list[str]:
    """Differences between the 201 answers and the rows written since ``since``."""
    problems = []
    connection = await asyncpg.connect(target.dsn)
    try:
        for kind, table in TABLES.items():
            confirmed = [uuid.UUID(i) for i in created[kind]]
            # Rows of this run: created since it began (the data set's history ends earlier).
            rows = await connection.fetch(f"SELECT id FROM {table} WHERE created_at >= $1", since)
            stored = [row["id"] for row in rows]
            if len(set(confirmed)) != len(confirmed):
                problems.append(f"{kind}: the same id was answered twice")
            if sorted(stored) != sorted(confirmed):
                missing = len(set(confirmed) - set(stored))
                extra = len(set(stored) - set(confirmed))
                problems.append(
                    f"{kind}: {len(confirmed)} answered 201, {len(stored)} stored "
                    f"({missing} missing, {extra} not answered)"
                )
    finally:
        await connection.close()
    return problems


def run_load_test(target: Target, users: int, seconds: float, workers: int) -> int:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    writes_file = WORK_DIR / "load-writes.json"
    writes_file.unlink(missing_ok=True)
    since = datetime.now(UTC)
    with servers.kokoma(target, workers=workers) as base:
        command = [
            str(servers.BIN / "locust"),
            "-f",
            str(servers.REPO / "bench" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 10)),
            "--run-time",
            f"{int(seconds)}s",
            "--stop-timeout",
            "10",
            "--host",
            base,
            "--csv",
            str(WORK_DIR / "load"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        env = {**target.environment(), "BENCH_WRITES_FILE": str(writes_file)}
        subprocess.run(command, env=env, cwd=servers.REPO, timeout=seconds + 180, check=False)
    log: dict[str, Any] = json.loads(writes_file.read_text())
    problems = asyncio.run(_stored(target, since, log["created"]))
    counts = {kind: len(ids) for kind, ids in log["created"].items()}
    print(
        f"load test: {users} users, {seconds:.0f} s, kokoma serve --workers {workers} on "
        f"{target.name}; 5xx: {log['trouble']['5xx']}, transport errors: "
        f"{log['trouble']['transport']}; 201 answers: {counts}; "
        f"stored exactly once: {'yes' if not problems else problems}"
    )
    (WORK_DIR / "load-summary.json").write_text(
        json.dumps(
            {
                "users": users,
                "seconds": seconds,
                "workers": workers,
                "trouble": log["trouble"],
                "created": counts,
                "problems": problems,
            },
            indent=2,
        )
    )
    return 1 if problems or any(log["trouble"].values()) else 0
