"""The results table, the target checks, and a copy of both under build/bench/."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.config import WORK_DIR

BASELINE = "baseline: raw asyncpg, first page"
SIDE_BY_SIDE = "case list, first page, in turns with baseline"
FIRST = "case list, first page"
COLUMNS = (
    "db",
    "scenario",
    "clients",
    "requests",
    "failures",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
)


def _cells(row: dict[str, Any]) -> list[str]:
    failures = sum(row["failures"].values())
    return [
        row["db"],
        row["scenario"],
        str(row["clients"]),
        str(row["requests"]),
        str(failures),
        f"{row['throughput']:.1f}",
        f"{row['p50']:.1f}",
        f"{row['p95']:.1f}",
        f"{row['p99']:.1f}",
    ]


def table(rows: list[dict[str, Any]]) -> str:
    """A Markdown table (readable as plain text too)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def _find(
    rows: list[dict[str, Any]], db: str, scenario: str, clients: int
) -> dict[str, Any] | None:
    return next(
        (r for r in rows if (r["db"], r["scenario"], r["clients"]) == (db, scenario, clients)),
        None,
    )


def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    if not a or not b or not b["throughput"]:
        return None
    return a["throughput"] / b["throughput"]


def checks(rows: list[dict[str, Any]]) -> list[tuple[str, str, bool]]:
    """(what, figure, met) for every target of the issue that the rows allow to judge."""
    found: list[tuple[str, str, bool]] = []
    dbs = dict.fromkeys(r["db"] for r in rows)
    clients = sorted({r["clients"] for r in rows})
    for n in clients:
        ratio = _ratio(
            _find(rows, "postgres", SIDE_BY_SIDE, n), _find(rows, "postgres", BASELINE, n)
        )
        if ratio is not None:
            found.append(
                (
                    f"case list / baseline throughput, {n} clients (≥ 0.35)",
                    f"{ratio:.2f}×",
                    ratio >= 0.35,
                )
            )
    for db in dbs:
        for n in clients:
            for label, deep, first in (
                ("", "case list, deep page", FIRST),
                (" + filter", "case list + filter, deep page", "case list + filter, first page"),
            ):
                # Cost of a page is the inverse of the throughput at the same load.
                cost = _ratio(_find(rows, db, first, n), _find(rows, db, deep, n))
                if cost is not None:
                    found.append(
                        (
                            f"{db}: deep page{label} / first page cost, {n} clients (≤ 1.5)",
                            f"{cost:.2f}×",
                            cost <= 1.5,
                        )
                    )
        overview = _find(rows, db, "statistics overview", 4)
        if overview:
            found.append(
                (
                    f"{db}: statistics overview p95, 4 clients (< 250 ms)",
                    f"{overview['p95']:.0f} ms",
                    overview["p95"] < 250,
                )
            )
    failures = sum(sum(r["failures"].values()) for r in rows)
    found.append(("failed or unexpected answers", str(failures), failures == 0))
    return found


def render_checks(found: list[tuple[str, str, bool]]) -> str:
    return "\n".join(
        f"- {'met' if ok else 'MISSED'}: {what}: {figure}" for what, figure, ok in found
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )


def save(name: str, rows: list[dict[str, Any]], extra: dict[str, Any]) -> Path:
    """Write the rows as JSON and Markdown under build/bench/; returns the Markdown path."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = {"when": stamp, "machine": machine(), **extra, "rows": rows}
    (WORK_DIR / f"{name}.json").write_text(json.dumps(document, indent=2, ensure_ascii=False))
    markdown = WORK_DIR / f"{name}.md"
    markdown.write_text(
        f"{stamp} on {document['machine']}\n\n{table(rows)}\n\n{render_checks(checks(rows))}\n"
    )
    return markdown
