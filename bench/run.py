"""The benchmark: every scenario at each client count against one ``kokoma serve`` worker,
on PostgreSQL (next to the raw-asyncpg baseline) and on SQLite."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from bench import servers
from bench.api import sign_in
from bench.config import Target
from bench.facts import Facts, read_facts
from bench.loadgen import Measurement, Scenario, measure
from bench.report import BASELINE, SIDE_BY_SIDE, table
from bench.scenarios import MANAGER, case_list_scenarios, scenarios

ROUNDS = 3


async def _sign_in_all(base: str, emails: set[str]) -> dict[str, dict[str, str]]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        return {email: await sign_in(http, email) for email in emails}


async def _run_all(base: str, chosen: list[Scenario], headers: dict[str, dict[str, str]],
                   db: str, clients: list[int], seconds: float) -> list[dict[str, Any]]:
    rows = []
    for scenario in chosen:
        for n in clients:
            result = await measure(base, headers.get(scenario.login, {}), scenario, n, seconds,
                                   warmup=min(3.0, seconds / 3))
            rows.append({"db": db, **result.as_dict()})
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    return rows


async def _side_by_side(app: str, baseline: str, headers: dict[str, str], facts: Facts,
                        clients: list[int], seconds: float) -> list[dict[str, Any]]:
    """The first list page on the application and on the baseline, measured in turns
    (``ROUNDS`` slices each), so that whatever else the machine does hits both alike."""
    first_page = case_list_scenarios(facts)[0]
    pair = [
        (app, headers, Scenario(SIDE_BY_SIDE, MANAGER, first_page.call)),
        (baseline, {}, Scenario(BASELINE, "", lambda _rng: ("GET", "/cases", None))),
    ]
    rows = []
    for n in clients:
        totals = [Measurement(scenario.name, n, 0.0) for _, _, scenario in pair]
        for round_number in range(ROUNDS):
            for total, (base, auth, scenario) in zip(totals, pair):
                warmup = 2.0 if round_number == 0 else 0.0
                total.add(await measure(base, auth, scenario, n, seconds / ROUNDS, warmup))
        for total in totals:
            rows.append({"db": "postgres", **total.as_dict()})
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    return rows


def benchmark(target: Target, clients: list[int], seconds: float,
              only: str | None = None, code: Path | None = None) -> list[dict[str, Any]]:
    """Measure ``target``; on PostgreSQL the baseline too. ``only`` picks scenarios by name;
    ``code`` serves the backend of another checkout."""
    facts: Facts = asyncio.run(read_facts(target))
    print(f"{target.name}: {facts.list_length} cases in the list, "
          f"{facts.filtered_length} with the filter", flush=True)
    chosen = [s for s in scenarios(facts) if not only or only in s.name]
    with servers.kokoma(target, code=code) as base:
        headers = asyncio.run(_sign_in_all(base, {s.login for s in chosen} | {MANAGER}))
        rows = asyncio.run(_run_all(base, chosen, headers, target.name, clients, seconds))
        if not target.is_sqlite and (not only or only in BASELINE):
            ids = str(facts.municipality_id), str(facts.manager_id)
            with servers.baseline(target, *ids) as baseline:
                rows += asyncio.run(
                    _side_by_side(base, baseline, headers[MANAGER], facts, clients, seconds)
                )
    return rows
