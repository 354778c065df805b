"""Closed-loop load: N clients, each with its own connection, send requests back to back
for a fixed time; latencies of the expected answers are kept, everything else counted."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

# (method, path, JSON body or None)
Call = tuple[str, str, Any]


@dataclass(frozen=True)
class Scenario:
    name: str
    login: str  # e-mail of the account the clients use
    call: Callable[[random.Random], Call]
    expect: int = 200


@dataclass
class Measurement:
    scenario: str
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: Counter[str] = field(default_factory=Counter)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
        return ordered[index] * 1000

    def add(self, other: Measurement) -> None:
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.failures += other.failures

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "clients": self.clients,
            "requests": len(self.latencies),
            "failures": dict(self.failures),
            "seconds": round(self.seconds, 2),
            "throughput": round(self.throughput, 1),
            **{f"p{p}": round(self.percentile(p), 1) for p in (50, 95, 99)},
        }


async def _client(
    base: str,
    headers: dict[str, str],
    scenario: Scenario,
    deadline: float,
    seed: int,
    result: Measurement | None,
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as http:
        while time.monotonic() < deadline:
            method, path, body = scenario.call(rng)
            started = time.perf_counter()
            try:
                response = await http.request(method, path, json=body)
                outcome = str(response.status_code)
                ok = response.status_code == scenario.expect
            except httpx.TransportError as exc:
                outcome, ok = exc.__class__.__name__, False
            elapsed = time.perf_counter() - started
            if result is None:
                continue
            if ok:
                result.latencies.append(elapsed)
            else:
                result.failures[outcome] += 1


async def measure(
    base: str,
    headers: dict[str, str],
    scenario: Scenario,
    clients: int,
    seconds: float,
    warmup: float,
) -> Measurement:
    """Warm up (not counted), then run ``clients`` clients for ``seconds``."""
    if warmup:
        end = time.monotonic() + warmup
        await asyncio.gather(
            *(_client(base, headers, scenario, end, i, None) for i in range(clients))
        )
    result = Measurement(scenario.name, clients, 0.0)
    started = time.monotonic()
    end = started + seconds
    await asyncio.gather(
        *(_client(base, headers, scenario, end, 1000 + i, result) for i in range(clients))
    )
    result.seconds = time.monotonic() - started
    return result
