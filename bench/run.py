"""The benchmark: every scenario at each client count against one ``kokoma serve`` worker,
on PostgreSQL (next to the raw-asyncpg baseline) and on SQLite.

What is compared — the application and the baseline, this checkout and an older one
(``--before``), the first and the deep list pages — is measured in turns, a third of the
time each round, so that whatever else the machine does hits all of them alike.
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import servers
from bench.api import sign_in
from bench.config import Target
from bench.facts import read_facts
from bench.loadgen import Measurement, Scenario, measure
from bench.report import BASELINE, SIDE_BY_SIDE, table
from bench.scenarios import MANAGER, case_list_scenarios, scenarios

ROUNDS = 3


@dataclass(frozen=True)
class Contender:
    label: str  # the "db" column: "postgres", "postgres, before", …
    base: str
    headers: dict[str, str]
    scenario: Scenario


async def _sign_in_all(base: str, emails: set[str]) -> dict[str, dict[str, str]]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        return {email: await sign_in(http, email) for email in emails}


async def _in_turns(
    contenders: list[Contender], clients: list[int], seconds: float
) -> list[dict[str, Any]]:
    rows = []
    for n in clients:
        totals = [Measurement(c.scenario.name, n, 0.0) for c in contenders]
        for round_number in range(ROUNDS):
            for total, c in zip(totals, contenders, strict=False):
                warmup = min(3.0, seconds / 3) if round_number == 0 else 0.0
                total.add(
                    await measure(c.base, c.headers, c.scenario, n, seconds / ROUNDS, warmup)
                )
        for total, c in zip(totals, contenders, strict=False):
            rows.append({"db": c.label, **total.as_dict()})
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    return rows


def _groups(chosen: list[Scenario]) -> list[list[Scenario]]:
    """Scenarios measured in turns with each other: the list pages, whose costs are
    compared (first against deep page); every other scenario on its own."""
    pages = [s for s in chosen if s.name.startswith("case list")]
    return ([pages] if pages else []) + [[s] for s in chosen if s not in pages]


def benchmark(
    target: Target,
    clients: list[int],
    seconds: float,
    only: str | None = None,
    before: Path | None = None,
) -> list[dict[str, Any]]:
    """Measure ``target``; on PostgreSQL the baseline too. ``only`` picks scenarios by name;
    ``before`` is an older checkout measured in turns with this one."""
    facts = asyncio.run(read_facts(target))
    print(
        f"{target.name}: {facts.list_length} cases in the list, "
        f"{facts.filtered_length} with the filter",
        flush=True,
    )
    chosen = [s for s in scenarios(facts) if not only or only in s.name]
    rows: list[dict[str, Any]] = []
    with ExitStack() as stack:
        base = stack.enter_context(servers.kokoma(target))
        bases = {target.name: base}
        if before:
            bases[f"{target.name}, before"] = stack.enter_context(
                servers.kokoma(target, code=before)
            )
        headers = asyncio.run(_sign_in_all(base, {s.login for s in chosen} | {MANAGER}))
        for group in _groups(chosen):
            contenders = [
                Contender(label, url, headers[scenario.login], scenario)
                for scenario in group
                for label, url in bases.items()
            ]
            rows += asyncio.run(_in_turns(contenders, clients, seconds))
        if not target.is_sqlite and (not only or only in BASELINE):
            ids = str(facts.municipality_id), str(facts.manager_id)
            baseline = stack.enter_context(servers.baseline(target, *ids))
            first_page = case_list_scenarios(facts)[0]
            pair = [
                Contender(
                    target.name,
                    base,
                    headers[MANAGER],
                    Scenario(SIDE_BY_SIDE, MANAGER, first_page.call),
                ),
                Contender(
                    target.name,
                    baseline,
                    {},
                    Scenario(BASELINE, "", lambda _rng: ("GET", "/cases", None)),
                ),
            ]
            rows += asyncio.run(_in_turns(pair, clients, seconds))
    return rows
