"""``python -m bench quick``: request overhead in a few minutes, on the demo data.

One ``kokoma serve`` worker and the raw-asyncpg baseline (``bench.baseline``) serve the
demo data on PostgreSQL; ``wrk`` (a load generator in C, so that the client does not eat
the server's CPU) drives them in turns, a few seconds each, at 4 and 32 connections.
For each request it prints the throughput of both, their ratio, and the CPU time the
server process spent per request (from ``/proc/<pid>/stat`` before and after each turn).

Authentication and permission checks cost the CPU of
``GET /cases/escalation-levels`` (signed in, one permission, one query for the session's
state, a constant answer) minus that of ``GET /health`` (no token, one ``SELECT 1``).

``--profile DIR`` records a ``py-spy`` flame graph (SVG) of the application per request
kind while wrk drives it.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import servers
from bench.bulk import recreate_postgres
from bench.config import PG_ADMIN_URL, WORK_DIR, Target

DATABASE = "kokoma_quick"
MANAGER = "konfliktmanagement@wartburgkreis.example"
# Conflict managers read no statistics; the coordination does.
COORDINATOR = "koordination@wartburgkreis.example"
DEMO_PASSWORD = "KoKoMa-Demo-2026"
API = "/api/v1"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Case:
    """One request, to the application and (if it has one) to the baseline."""

    name: str
    app_path: str
    baseline_path: str | None = None
    signed_in: bool = True
    account: str = MANAGER


@dataclass
class Tally:
    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    errors: int = 0

    def add(self, requests: int, seconds: float, cpu: float, errors: int) -> None:
        self.requests += requests
        self.seconds += seconds
        self.cpu += cpu
        self.errors += errors

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.requests if self.requests else 0.0


@dataclass
class Row:
    case: Case
    connections: int
    app: Tally = field(default_factory=Tally)
    before: Tally = field(default_factory=Tally)
    baseline: Tally = field(default_factory=Tally)

    @property
    def errors(self) -> int:
        return self.app.errors + self.before.errors + self.baseline.errors


@dataclass(frozen=True)
class Servers:
    app: servers.Running
    baseline: servers.Running
    before: servers.Running | None = None  # an older checkout, on the same database


def quick_target() -> Target:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return Target("postgres", f"{base}/{DATABASE}", WORK_DIR / "quick")


def prepare(target: Target) -> None:
    """A fresh database with the schema and the demo data, as ``make run`` makes it."""
    asyncio.run(recreate_postgres(DATABASE))
    kokoma = str(servers.BIN / "kokoma")
    for command in (["db", "upgrade"], ["demo-data"]):
        subprocess.run(
            [kokoma, *command], env=target.environment(), check=True, stdout=subprocess.DEVNULL
        )


async def _facts(target: Target) -> dict[str, str]:
    """The conflict manager's municipality and id, and the visible case with most parties."""
    connection = await asyncpg.connect(target.dsn)
    try:
        row = await connection.fetchrow(
            "SELECT id, municipality_id FROM users WHERE email = $1", MANAGER
        )
        case_id = await connection.fetchval(
            """SELECT c.id FROM cases c JOIN case_assignees a ON a.case_id = c.id
            WHERE a.user_id = $1 AND NOT c.archived
            ORDER BY (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id) DESC,
                     (SELECT count(*) FROM referrals r WHERE r.case_id = c.id) DESC, c.id
            LIMIT 1""",
            row["id"],
        )
    finally:
        await connection.close()
    return {
        "user_id": str(row["id"]),
        "municipality_id": str(row["municipality_id"]),
        "case_id": str(case_id),
    }


def cases(case_id: str) -> list[Case]:
    return [
        Case("health (one SELECT 1, no token)", f"{API}/health", "/health", signed_in=False),
        Case("escalation levels (token, permission)", f"{API}/cases/escalation-levels"),
        Case("auth/me", f"{API}/auth/me"),
        Case("case list, 50", f"{API}/cases?limit=50", "/cases"),
        Case("case detail", f"{API}/cases/{case_id}", f"/cases/{case_id}"),
        Case(
            "statistics overview",
            f"{API}/statistics/overview",
            "/statistics/overview",
            account=COORDINATOR,
        ),
        Case("consultation list", f"{API}/consultations?limit=50", "/consultations"),
        Case("contact list", f"{API}/contacts?limit=50", "/contacts"),
    ]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


_REQUESTS = re.compile(r"(\d+) requests in ([\d.]+)(\w+)")
_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*")


def wrk(
    url: str, headers: dict[str, str], connections: int, seconds: float
) -> tuple[int, float, int]:
    """Requests, seconds and failed answers of one wrk run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    found = _REQUESTS.search(output)
    if found is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    unit = {"ms": 0.001, "s": 1.0, "m": 60.0}[found.group(3)]
    errors = sum(int(m.group(1) or 1) for m in _ERRORS.finditer(output))
    return int(found.group(1)), float(found.group(2)) * unit, errors


def _turn(
    tally: Tally, pid: int, url: str, headers: dict[str, str], connections: int, seconds: float
) -> None:
    before = _cpu_seconds(pid)
    requests, elapsed, errors = wrk(url, headers, connections, seconds)
    tally.add(requests, elapsed, _cpu_seconds(pid) - before, errors)


@contextmanager
def _profiling(pid: int, svg: Path | None, seconds: float) -> Iterator[None]:
    if svg is None:
        yield
        return
    svg.parent.mkdir(parents=True, exist_ok=True)
    # Called by name from the virtualenv's bin: the graph's title is the command line,
    # and it should not carry this machine's paths.
    path = f"{servers.BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "--pid",
            str(pid),
            "--duration",
            f"{seconds:.0f}",
            "--rate",
            "250",
            "--nonblocking",
            "--output",
            str(svg),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PATH": path},
    )
    try:
        yield
    finally:
        spy.wait()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.split(" (")[0].lower()).strip("-")


def _one_round(row: Row, running: Servers, headers: dict[str, str], seconds: float) -> None:
    """One turn each: this checkout, the older one (if any), the baseline (if any)."""
    case, n = row.case, row.connections
    turns = [(row.app, running.app, case.app_path, headers)]
    if running.before is not None:
        turns.append((row.before, running.before, case.app_path, headers))
    if case.baseline_path:
        turns.append((row.baseline, running.baseline, case.baseline_path, {}))
    for tally, server, path, sent in turns:
        _turn(tally, server.process.pid, server.base + path, sent, n, seconds)


def measure(
    running: Servers,
    tokens: dict[str, str],
    requests: list[Case],
    connections: list[int],
    seconds: float,
    rounds: int,
    profile_dir: Path | None,
) -> list[Row]:
    rows = []
    app = running.app
    for case in requests:
        headers = {"Authorization": f"Bearer {tokens[case.account]}"} if case.signed_in else {}
        for n in connections:
            row = Row(case, n)
            for server in (app, running.before):
                if server is not None:
                    wrk(server.base + case.app_path, headers, n, 1)  # warm-up
            for _ in range(rounds):
                _one_round(row, running, headers, seconds)
            rows.append(row)
            print(render([row]).splitlines()[-1], flush=True)
        if profile_dir is not None:
            svg = profile_dir / f"{_slug(case.name)}.svg"
            with _profiling(app.process.pid, svg, seconds * 2):
                wrk(app.base + case.app_path, headers, connections[0], seconds * 2)
    return rows


def _rate(tally: Tally) -> str:
    return f"{tally.rate:.0f}" if tally.requests else "–"


def _cpu(tally: Tally) -> str:
    return f"{tally.cpu_ms:.2f}" if tally.requests else "–"


def _ratio(tally: Tally, baseline: Tally) -> str:
    return f"{tally.rate / baseline.rate:.2f}×" if tally.requests and baseline.requests else "–"


def render(rows: list[Row]) -> str:
    """The table; the older checkout's columns only when one was measured."""
    with_before = any(row.before.requests for row in rows)
    header = (
        "| request | conns | app req/s | baseline req/s | ratio | app CPU ms/req "
        "| baseline CPU ms/req |"
    )
    if with_before:
        header += " before req/s | before ratio | before CPU ms/req |"
    header += " failed |"
    lines = [header, "|---" * header.count(" |") + "|"]
    for row in rows:
        app, base, before = row.app, row.baseline, row.before
        line = (
            f"| {row.case.name} | {row.connections} | {_rate(app)} | {_rate(base)} | "
            f"{_ratio(app, base)} | {_cpu(app)} | {_cpu(base)} |"
        )
        if with_before:
            line += f" {_rate(before)} | {_ratio(before, base)} | {_cpu(before)} |"
        lines.append(f"{line} {row.errors} |")
    return "\n".join(lines)


def auth_cost(rows: list[Row]) -> str:
    """CPU per request of the signed-in constant route minus the public health check."""
    by_name = {(r.case.name.split(" (")[0], r.connections): r for r in rows}
    parts = []
    for n in sorted({r.connections for r in rows}):
        signed = by_name.get(("escalation levels", n))
        public = by_name.get(("health", n))
        if signed and public:
            part = f"{n} conns: {signed.app.cpu_ms - public.app.cpu_ms:.2f} ms"
            if signed.before.requests and public.before.requests:
                part += f" (before: {signed.before.cpu_ms - public.before.cpu_ms:.2f} ms)"
            parts.append(part)
    if not parts:
        return "(authentication cost: needs the health and escalation-levels rows)"
    return "authentication + permission, CPU per request: " + ", ".join(parts)


async def _tokens(base: str) -> dict[str, str]:
    tokens = {}
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for email in (MANAGER, COORDINATOR):
            response = await http.post(
                f"{API}/auth/token",
                data={"grant_type": "password", "username": email, "password": DEMO_PASSWORD},
            )
            response.raise_for_status()
            tokens[email] = str(response.json()["access_token"])
    return tokens


async def _threshold(base: str, tokens: dict[str, str]) -> str:
    """The statistics caller's suppression threshold, as configured ("" for exact figures)."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        response = await http.get(
            f"{API}/statistics/overview",
            headers={"Authorization": f"Bearer {tokens[COORDINATOR]}"},
        )
        response.raise_for_status()
        threshold = response.json()["suppression_threshold"]
    return "" if threshold is None else str(threshold)


def _comparable(body: Any) -> Any:
    # A cursor is sealed with the application's key: only whether there is one compares.
    if isinstance(body, dict) and "next_cursor" in body:
        return {**body, "next_cursor": body["next_cursor"] is not None}
    return body


async def compare(running: Servers, tokens: dict[str, str], requests: list[Case]) -> str:
    """Where the baseline answers other JSON than the application (empty: nowhere)."""
    differences = []
    async with httpx.AsyncClient(timeout=60) as http:
        for case in requests:
            if not case.baseline_path or not case.signed_in:
                continue  # the health check's version differs by design
            headers = {"Authorization": f"Bearer {tokens[case.account]}"}
            app = await http.get(running.app.base + case.app_path, headers=headers)
            base = await http.get(running.baseline.base + case.baseline_path)
            where = _difference(_comparable(app.json()), _comparable(base.json()), "")
            if where:
                differences.append(f"{case.name}: {where}")
    return "\n".join(differences)


def _difference(app: Any, base: Any, path: str) -> str:
    """The first place where two JSON values differ, or ``""``."""
    if isinstance(app, dict) and isinstance(base, dict):
        for key in sorted(app.keys() | base.keys()):
            found = _difference(
                app.get(key, "<missing>"), base.get(key, "<missing>"), f"{path}.{key}"
            )
            if found:
                return found
        return ""
    if isinstance(app, list) and isinstance(base, list):
        if len(app) != len(base):
            return f"{path}: {len(app)} items in the application, {len(base)} in the baseline"
        for index, (a, b) in enumerate(zip(app, base, strict=True)):
            found = _difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return ""
    return "" if app == base else f"{path}: application {app!r}, baseline {base!r}"


def run_quick(
    connections: list[int],
    seconds: float,
    rounds: int,
    only: str | None,
    profile_dir: Path | None,
    fresh: bool,
    before: Path | None = None,
) -> int:
    """Prepare the demo database (unless kept), serve, measure in turns, print the table.

    ``before``: another checkout of the repository whose backend is served next to this
    one (same database and key) and measured in the same turns.
    """
    if shutil.which("wrk") is None:
        print("wrk is not installed (Debian package wrk; `make bench-quick` installs it)")
        return 1
    target = quick_target()
    if fresh:
        print("loading the demo data …", flush=True)
        prepare(target)
    facts = asyncio.run(_facts(target))
    requests = [c for c in cases(facts["case_id"]) if not only or only in c.name]

    def kokoma(code: Path | None, log: str) -> servers.Running:
        env = target.environment(**({"PYTHONPATH": str(code / "backend")} if code else {}))
        command = servers.kokoma_command(servers.free_port())
        return stack.enter_context(servers.serving(command, env, f"{API}/health", WORK_DIR / log))

    with ExitStack() as stack:
        app = kokoma(None, "quick-kokoma.log")
        older = kokoma(before, "quick-kokoma-before.log") if before else None
        tokens = asyncio.run(_tokens(app.base))
        baseline = stack.enter_context(
            servers.serving(
                servers.baseline_command(),
                target.environment(
                    BENCH_DSN=target.dsn,
                    BENCH_MUNICIPALITY_ID=facts["municipality_id"],
                    BENCH_USER_ID=facts["user_id"],
                    BENCH_STATISTICS_THRESHOLD=asyncio.run(_threshold(app.base, tokens)),
                ),
                "/health",
                WORK_DIR / "quick-baseline.log",
            )
        )
        running = Servers(app, baseline, older)
        different = asyncio.run(compare(running, tokens, requests))
        if different:
            print("the baseline's JSON differs from the application's:\n" + different)
            return 1
        started = time.monotonic()
        rows = measure(running, tokens, requests, connections, seconds, rounds, profile_dir)
    print(f"\n{render(rows)}\n\n{auth_cost(rows)}")
    print(f"({time.monotonic() - started:.0f} s, rounds of {seconds:.0f} s, in turns)")
    return 0 if all(r.errors == 0 for r in rows) else 1
