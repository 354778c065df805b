"""``python -m bench quick --workers-compare``: what a second ``kokoma serve`` worker buys.

``kokoma serve --workers 1`` and ``--workers 2`` serve the same data side by side; ``wrk``
drives them in turns (the case list unless ``--only`` picks other requests), at each
connection count. For each it prints req/s, the ratio two workers / one worker, the CPU
time per request of all the server's processes (the supervisor and its workers), of the
PostgreSQL backends serving the measured database and of wrk, how many cores the server
kept busy on average, and how busy the machine's cores were in all (including whatever
else runs on the machine). From those CPU costs it derives what an otherwise idle
machine would allow at most: one worker can use one core, and server, PostgreSQL and
wrk together have all the cores.

``--wrk-cpus LIST`` runs wrk on those cores only (``taskset -c``). On a machine with
more cores than the server needs, that keeps the load generator away from the server;
with two cores it can only keep wrk from spreading over both.
"""

from __future__ import annotations

import os
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench import servers
from bench.quick import (
    Case,
    NotReady,
    QuickOptions,
    Tally,
    cases,
    children,
    ready,
    serve_kokoma,
    sign_in_all,
    turn,
    wrk,
)

WORKERS = (1, 2)
DEFAULT_REQUEST = "case list"
WARM_UP_SECONDS = 3
STARTUP_SECONDS = 60


@dataclass
class Pair:
    """One request at one connection count, against each number of workers."""

    case: Case
    connections: int
    tallies: dict[int, Tally] = field(default_factory=lambda: {w: Tally() for w in WORKERS})

    @property
    def errors(self) -> int:
        return sum(tally.errors for tally in self.tallies.values())


def _worker_processes(pid: int) -> int:
    # uvicorn starts its workers with multiprocessing's "spawn"; the supervisor's other
    # child is multiprocessing's resource tracker.
    found = 0
    for child in children(pid):
        try:
            found += "spawn_main" in Path(f"/proc/{child}/cmdline").read_text()
        except OSError:
            continue
    return found


def _wait_for_workers(server: servers.Running, workers: int) -> None:
    """The health check answers once one worker listens; wait for the others' processes
    (the warm-up then gives them time to start serving)."""
    if workers == 1:
        return
    deadline = time.monotonic() + STARTUP_SECONDS
    while _worker_processes(server.process.pid) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"kokoma serve did not start {workers} workers")
        time.sleep(0.2)


def _measure_pair(
    pair: Pair,
    running: dict[int, servers.Running],
    headers: dict[str, str],
    options: QuickOptions,
    database: str,
) -> None:
    path = pair.case.app_path
    for server in running.values():
        wrk(server.base + path, headers, pair.connections, WARM_UP_SECONDS, options.wrk_cpus)
    for _ in range(options.rounds):
        for workers, server in running.items():
            turn(
                pair.tallies[workers],
                server.process.pid,
                server.base + path,
                headers,
                pair.connections,
                options.seconds,
                options.wrk_cpus,
                database,
            )


def _both(a: float, b: float, digits: int = 2) -> str:
    return f"{a:.{digits}f} / {b:.{digits}f}"


def render(pairs: list[Pair]) -> str:
    """Per number of workers: req/s, CPU ms per request of the server, PostgreSQL and wrk,
    cores the server kept busy, how busy the machine was."""
    one, two = WORKERS
    header = (
        f"| request | conns | {one} worker req/s | {two} workers req/s | ratio {two}/{one} "
        f"| server CPU ms/req {one} / {two} | PostgreSQL ms/req | wrk ms/req "
        f"| server cores | machine busy | failed |"
    )
    lines = [header, "|---" * header.count(" |") + "|"]
    for pair in pairs:
        a, b = pair.tallies[one], pair.tallies[two]
        ratio = f"{b.rate / a.rate:.2f}×" if a.rate else "–"
        lines.append(
            f"| {pair.case.name} | {pair.connections} | {a.rate:.0f} | {b.rate:.0f} | {ratio} "
            f"| {_both(a.cpu_ms, b.cpu_ms)} "
            f"| {_both(a.per_request_ms(a.database_cpu), b.per_request_ms(b.database_cpu))} "
            f"| {_both(a.per_request_ms(a.wrk_cpu), b.per_request_ms(b.wrk_cpu))} "
            f"| {_both(a.cores, b.cores)} "
            f"| {a.machine_share:.0%} / {b.machine_share:.0%} | {pair.errors} |"
        )
    return "\n".join(lines)


def _all_ms(tally: Tally) -> float:
    return tally.per_request_ms(tally.cpu + tally.database_cpu + tally.wrk_cpu)


def ceilings(pairs: list[Pair]) -> str:
    """The most an otherwise idle machine allows at the measured CPU costs: one worker
    uses at most one core; server, PostgreSQL and wrk share all cores."""
    one, two = WORKERS
    cores = os.cpu_count() or 1
    lines = [
        f"| request | conns | {one} worker at most req/s | {two} workers at most req/s "
        f"| ratio at most |",
        "|---|---|---|---|---|",
    ]
    for pair in pairs:
        a, b = pair.tallies[one], pair.tallies[two]
        if not (a.requests and b.requests):
            continue
        single = min(1000 / a.cpu_ms, 1000 * cores / _all_ms(a))
        double = min(1000 * two / b.cpu_ms, 1000 * cores / _all_ms(b))
        lines.append(
            f"| {pair.case.name} | {pair.connections} | {single:.0f} | {double:.0f} "
            f"| {double / single:.2f}× |"
        )
    return "\n".join(lines)


def _pinning(options: QuickOptions) -> str:
    where = f"cores {options.wrk_cpus} (taskset -c)" if options.wrk_cpus else "any core"
    return f"wrk on {where}; servers and PostgreSQL on any of the {os.cpu_count()} cores"


def run_workers_compare(options: QuickOptions) -> int:
    """Serve the data with one worker and with two, measure them in turns, print the table."""
    try:
        data, found = ready(options)
    except NotReady as error:
        print(error)
        return 1
    only = options.only or DEFAULT_REQUEST
    requests = [c for c in cases(found["case_id"]) if only in c.name]
    print(_pinning(options), flush=True)
    pairs = []
    database = data.target.dsn.rsplit("/", 1)[1]
    with ExitStack() as stack:
        running = {
            w: serve_kokoma(stack, data, data.log(f"kokoma-{w}w"), workers=w) for w in WORKERS
        }
        for workers, server in running.items():
            _wait_for_workers(server, workers)
        auth = sign_in_all(running[WORKERS[0]].base, data)
        started = time.monotonic()
        for case in requests:
            headers = auth[case.account] if case.signed_in else {}
            for n in options.connections:
                pairs.append(Pair(case, n))
                _measure_pair(pairs[-1], running, headers, options, database)
                print(render(pairs[-1:]).splitlines()[-1], flush=True)
    print(f"\n{render(pairs)}\n\n{_pinning(options)}\n")
    print(f"On an otherwise idle machine of {os.cpu_count()} cores, at these CPU costs:\n")
    print(ceilings(pairs))
    print(f"({time.monotonic() - started:.0f} s, rounds of {options.seconds:.0f} s, in turns)")
    return 0 if all(p.errors == 0 for p in pairs) else 1
