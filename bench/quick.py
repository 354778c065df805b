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
kind while wrk drives it. ``--data scale`` runs the same requests on the bench-scale
database of ``python -m bench generate`` instead of the demo data, as one of its conflict
managers (and its coordination); ``--workers-compare`` (``bench.workers``) serves the
case list with one worker and with two, in turns.
"""

from __future__ import annotations

import asyncio
import os
import re
import resource
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import servers
from bench.api import API, sign_in
from bench.baseline import CASES
from bench.bulk import recreate_postgres
from bench.config import PASSWORD, PG_ADMIN_URL, PG_DATABASE, WORK_DIR, Target, postgres_target
from bench.dataset import DISTRICTS, staff_email
from kokoma.access.permissions import Role

DATABASE = "kokoma_quick"
# Whom a request is made as. Conflict managers read no statistics; the coordination does.
MANAGER = "manager"
COORDINATOR = "coordinator"
DEMO_PASSWORD = "KoKoMa-Demo-2026"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Case:
    """One request, to the application and (if it has one) to the baseline."""

    name: str
    app_path: str
    baseline_path: str | None = None
    signed_in: bool = True
    account: str = MANAGER


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds spent so far, read before and after a turn."""

    server: float  # the server process and its children (workers)
    wrk: float  # the finished load generator runs of this process
    machine_busy: int  # clock ticks of all cores, busy and in all
    machine_ticks: int


@dataclass
class Tally:
    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # of the server's processes
    errors: int = 0
    database_cpu: float = 0.0
    wrk_cpu: float = 0.0
    machine_busy: int = 0
    machine_ticks: int = 0

    def add(self, requests: int, seconds: float, cpu: float, errors: int) -> None:
        self.requests += requests
        self.seconds += seconds
        self.cpu += cpu
        self.errors += errors

    def add_cpu(self, before: CpuSample, after: CpuSample) -> None:
        """What a turn cost, beyond the server's own CPU (see ``CpuSample``)."""
        self.wrk_cpu += after.wrk - before.wrk
        self.machine_busy += after.machine_busy - before.machine_busy
        self.machine_ticks += after.machine_ticks - before.machine_ticks

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.requests if self.requests else 0.0

    def per_request_ms(self, cpu: float) -> float:
        return 1000 * cpu / self.requests if self.requests else 0.0

    @property
    def cores(self) -> float:
        """How many cores the server kept busy on average."""
        return self.cpu / self.seconds if self.seconds else 0.0

    @property
    def machine_share(self) -> float:
        """How busy the machine's cores were, by whatever ran on them."""
        return self.machine_busy / self.machine_ticks if self.machine_ticks else 0.0


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


@dataclass(frozen=True)
class QuickData:
    """The database the requests go to, and whom they are made as."""

    name: str  # as chosen with --data
    target: Target
    accounts: dict[str, str]  # MANAGER and COORDINATOR: their logins
    password: str
    missing: str  # what to do when the database or the accounts are not there

    def log(self, server: str) -> str:
        """The log file's name of a server run on this data."""
        return f"quick-{server}.log" if self.name == "demo" else f"quick-{server}-{self.name}.log"


def quick_target() -> Target:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return Target("postgres", f"{base}/{DATABASE}", WORK_DIR / "quick")


def quick_data(name: str) -> QuickData:
    """``demo``: the demo data, loaded afresh for each run unless kept. ``scale``: the
    bench database of ``python -m bench generate``, as it is (never regenerated here);
    the conflict manager is the one the bench scenarios use, with the long working list."""
    if name == "demo":
        accounts = {
            MANAGER: "konfliktmanagement@wartburgkreis.example",
            COORDINATOR: "koordination@wartburgkreis.example",
        }
        hint = "run without --keep-data to load the demo data"
        return QuickData(name, quick_target(), accounts, DEMO_PASSWORD, hint)
    district = DISTRICTS[0]
    accounts = {
        MANAGER: staff_email(district, Role.CONFLICT_MANAGER, 1),
        COORDINATOR: staff_email(district, Role.COORDINATOR, 1),
    }
    hint = (
        f"generate the bench data first: `make bench-generate` "
        f"(PostgreSQL only: `python -m bench generate --db postgres`) makes {PG_DATABASE}"
    )
    return QuickData(name, postgres_target(), accounts, PASSWORD, hint)


class NotReady(RuntimeError):
    """Something the run needs is missing; the message says what to do."""


def prepare(target: Target) -> None:
    """A fresh database with the schema and the demo data, as ``make run`` makes it."""
    asyncio.run(recreate_postgres(DATABASE))
    kokoma = str(servers.BIN / "kokoma")
    for command in (["db", "upgrade"], ["demo-data"]):
        subprocess.run(
            [kokoma, *command], env=target.environment(), check=True, stdout=subprocess.DEVNULL
        )


async def _connect(data: QuickData) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(data.target.dsn)
    except asyncpg.InvalidCatalogNameError as error:
        raise NotReady(
            f"no database {data.target.dsn.rsplit('/', 1)[1]}: {data.missing}"
        ) from error


async def facts(data: QuickData) -> dict[str, str]:
    """The conflict manager's municipality and id, the visible case with most parties,
    and how many cases the working list holds."""
    connection = await _connect(data)
    try:
        login = data.accounts[MANAGER]
        row = await connection.fetchrow(
            "SELECT id, municipality_id FROM users WHERE email = $1", login
        )
        if row is None:
            raise NotReady(f"no account {login}: {data.missing}")
        # The baseline's list statement without its limit: the working list's length.
        listed = await connection.fetchval(
            f"SELECT count(*) FROM ({CASES}) AS listed", row["municipality_id"], row["id"], None
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
        "list_length": str(listed),
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


@dataclass(frozen=True)
class Process:
    pid: int
    name: str  # the command's name, as in /proc/<pid>/stat
    parent: int
    cpu: float  # user and system seconds


def _process(pid: int) -> Process:
    name, fields = Path(f"/proc/{pid}/stat").read_text().split(" (", 1)[1].rsplit(")", 1)
    values = fields.split()  # from the state on
    return Process(pid, name, int(values[1]), (int(values[11]) + int(values[12])) / TICKS)


def processes() -> list[Process]:
    """All processes of the machine, but those that ended while they were read."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.append(_process(int(entry.name)))
            except (OSError, IndexError, ValueError):
                continue
    return found


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid``."""
    return [p.pid for p in processes() if p.parent == pid]


def _serves_database(process: Process, database: str) -> bool:
    # A backend's title: "postgres: 15/main: <user> <database> <client> <state>".
    if process.name != "postgres":
        return False
    try:
        title = Path(f"/proc/{process.pid}/cmdline").read_text()
    except OSError:
        return False
    return f" {database} " in title


def _machine_ticks() -> tuple[int, int]:
    """Busy and all clock ticks of all cores since boot (``/proc/stat``)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def cpu_sample(pid: int) -> CpuSample:
    """The CPU spent so far by the server ``pid`` with its children (``kokoma serve
    --workers 2`` is a supervisor with a process per worker), by finished wrk runs and by
    the machine."""
    server = [p.cpu for p in processes() if pid in (p.pid, p.parent)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy, ticks = _machine_ticks()
    return CpuSample(sum(server), usage.ru_utime + usage.ru_stime, busy, ticks)


class BackendCpu:
    """CPU seconds of the local PostgreSQL's backends of ``database`` while the block
    runs (nothing if ``database`` is empty). Read every half second, so that a backend
    that ends meanwhile (the pool closes its overflow connections) counts up to its last
    reading rather than vanishing from the sum."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _read(self) -> dict[int, float]:
        return {p.pid: p.cpu for p in processes() if _serves_database(p, self.database)}

    def _watch(self) -> None:
        while not self._stop.wait(0.5):
            self.last.update(self._read())

    def __enter__(self) -> BackendCpu:
        if self.database:
            self.first = self._read()
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.database:
            self._stop.set()
            self._thread.join()
            self.last.update(self._read())

    @property
    def seconds(self) -> float:
        return sum(cpu - self.first.get(pid, 0.0) for pid, cpu in self.last.items())


_REQUESTS = re.compile(r"(\d+) requests in ([\d.]+)(\w+)")
_ERRORS = re.compile(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*")


def wrk(
    url: str, headers: dict[str, str], connections: int, seconds: float, cpus: str = ""
) -> tuple[int, float, int]:
    """Requests, seconds and failed answers of one wrk run; ``cpus``: run it on these
    cores only (``taskset -c``)."""
    command = ["taskset", "-c", cpus] if cpus else []
    command += ["wrk", "-t2", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    found = _REQUESTS.search(output)
    if found is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    unit = {"ms": 0.001, "s": 1.0, "m": 60.0}[found.group(3)]
    errors = sum(int(m.group(1) or 1) for m in _ERRORS.finditer(output))
    return int(found.group(1)), float(found.group(2)) * unit, errors


def turn(
    tally: Tally,
    pid: int,
    url: str,
    headers: dict[str, str],
    connections: int,
    seconds: float,
    cpus: str = "",
    database: str = "",
) -> None:
    """One wrk run against the server ``pid``, added to ``tally`` with the CPU it took
    (``cpus``: where wrk runs; ``database``: whose PostgreSQL backends to count)."""
    before = cpu_sample(pid)
    with BackendCpu(database) as backends:
        requests, elapsed, errors = wrk(url, headers, connections, seconds, cpus)
    after = cpu_sample(pid)
    tally.add(requests, elapsed, after.server - before.server, errors)
    tally.add_cpu(before, after)
    tally.database_cpu += backends.seconds


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
        turn(tally, server.process.pid, server.base + path, sent, n, seconds)


def measure(
    running: Servers,
    auth: dict[str, dict[str, str]],
    requests: list[Case],
    connections: list[int],
    seconds: float,
    rounds: int,
    profile_dir: Path | None,
) -> list[Row]:
    rows = []
    app = running.app
    for case in requests:
        headers = auth[case.account] if case.signed_in else {}
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


async def _sign_in_all(base: str, data: QuickData) -> dict[str, dict[str, str]]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        return {
            account: await sign_in(http, login, data.password)
            for account, login in data.accounts.items()
        }


def sign_in_all(base: str, data: QuickData) -> dict[str, dict[str, str]]:
    """The Authorization header of each account (MANAGER, COORDINATOR)."""
    return asyncio.run(_sign_in_all(base, data))


async def _threshold(base: str, auth: dict[str, dict[str, str]]) -> str:
    """The statistics caller's suppression threshold, as configured ("" for exact figures)."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        response = await http.get(f"{API}/statistics/overview", headers=auth[COORDINATOR])
        response.raise_for_status()
        threshold = response.json()["suppression_threshold"]
    return "" if threshold is None else str(threshold)


def _comparable(body: Any) -> Any:
    # A cursor is sealed with the application's key: only whether there is one compares.
    if isinstance(body, dict) and "next_cursor" in body:
        return {**body, "next_cursor": body["next_cursor"] is not None}
    return body


async def compare(running: Servers, auth: dict[str, dict[str, str]], requests: list[Case]) -> str:
    """Where the baseline answers other JSON than the application (empty: nowhere)."""
    differences = []
    async with httpx.AsyncClient(timeout=60) as http:
        for case in requests:
            if not case.baseline_path or not case.signed_in:
                continue  # the health check's version differs by design
            app = await http.get(running.app.base + case.app_path, headers=auth[case.account])
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


@dataclass(frozen=True)
class QuickOptions:
    """What ``python -m bench quick`` was asked for."""

    connections: list[int]
    seconds: float
    rounds: int
    only: str | None = None
    profile_dir: Path | None = None
    fresh: bool = True  # load the demo data afresh (never the bench-scale data)
    before: Path | None = None  # another checkout, served next to this one
    data: str = "demo"  # or "scale"
    wrk_cpus: str = ""  # taskset -c for wrk in the workers comparison; "" for anywhere


def ready(options: QuickOptions) -> tuple[QuickData, dict[str, str]]:
    """The data to measure, loaded or found, and its facts (see ``facts``)."""
    if shutil.which("wrk") is None:
        raise NotReady("wrk is not installed (Debian package wrk; `make bench-quick` installs it)")
    data = quick_data(options.data)
    if data.name == "demo" and options.fresh:
        print("loading the demo data …", flush=True)
        prepare(data.target)
    found = asyncio.run(facts(data))
    print(
        f"{data.name}: {data.accounts[MANAGER]} has {found['list_length']} cases in the list",
        flush=True,
    )
    return data, found


def serve_kokoma(
    stack: ExitStack, data: QuickData, log: str, workers: int = 1, code: Path | None = None
) -> servers.Running:
    """``kokoma serve`` on the data's database until ``stack`` closes; ``code``: another
    checkout whose backend to serve."""
    env = data.target.environment(**({"PYTHONPATH": str(code / "backend")} if code else {}))
    command = servers.kokoma_command(servers.free_port(), workers)
    return stack.enter_context(servers.serving(command, env, f"{API}/health", WORK_DIR / log))


def _serve_baseline(
    stack: ExitStack, data: QuickData, found: dict[str, str], threshold: str
) -> servers.Running:
    env = data.target.environment(
        BENCH_DSN=data.target.dsn,
        BENCH_MUNICIPALITY_ID=found["municipality_id"],
        BENCH_USER_ID=found["user_id"],
        BENCH_STATISTICS_THRESHOLD=threshold,
    )
    return stack.enter_context(
        servers.serving(
            servers.baseline_command(), env, "/health", WORK_DIR / data.log("baseline")
        )
    )


def run_quick(options: QuickOptions) -> int:
    """Prepare or find the data, serve, check the baselines' JSON, measure in turns,
    print the table.

    ``options.before``: another checkout of the repository whose backend is served next
    to this one (same database and key) and measured in the same turns.
    """
    try:
        data, found = ready(options)
    except NotReady as error:
        print(error)
        return 1
    requests = [c for c in cases(found["case_id"]) if not options.only or options.only in c.name]
    with ExitStack() as stack:
        app = serve_kokoma(stack, data, data.log("kokoma"))
        before = options.before
        older = (
            serve_kokoma(stack, data, data.log("kokoma-before"), code=before) if before else None
        )
        auth = sign_in_all(app.base, data)
        threshold = asyncio.run(_threshold(app.base, auth))
        running = Servers(app, _serve_baseline(stack, data, found, threshold), older)
        different = asyncio.run(compare(running, auth, requests))
        if different:
            print("the baseline's JSON differs from the application's:\n" + different)
            return 1
        started = time.monotonic()
        rows = measure(
            running,
            auth,
            requests,
            options.connections,
            options.seconds,
            options.rounds,
            options.profile_dir,
        )
    print(f"\n{render(rows)}\n\n{auth_cost(rows)}")
    print(f"({time.monotonic() - started:.0f} s, rounds of {options.seconds:.0f} s, in turns)")
    return 0 if all(r.errors == 0 for r in rows) else 1
