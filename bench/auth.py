"""``python -m bench auth``: the server's CPU per request for authentication and the
permission check, measured directly.

``bench quick`` estimates it from two different routes served over HTTP (escalation
levels minus health): two small figures from a shared machine, whose difference swings
by more than the cost itself. Here one application runs in-process and answers two probe
routes that differ only in the caller check: both run one ``SELECT 1`` in the request's
database session and return the same constant; the checked one first goes through
``Caller(P.CASES_READ)`` (the bearer token, the session's, account's and municipality's
state read on every request, the permission). The process's CPU time is taken over
blocks of requests, the two routes in turns; the difference per block is the cost of the
check, HTTP client and framework work cancelling out.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI
from sqlalchemy import text

from bench.api import sign_in
from bench.quick import MANAGER, QuickData, prepare, quick_data
from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession
from kokoma.core.routing import mount_flat

OPEN = "/bench-probe/open"
CHECKED = "/bench-probe/checked"


@dataclass(frozen=True)
class AuthOptions:
    """What ``python -m bench auth`` was asked for."""

    requests: int  # per block
    blocks: int  # per route
    fresh: bool = True
    data: str = "demo"


def _probes() -> APIRouter:
    router = APIRouter()

    @router.get(OPEN)
    async def open_probe(session: DbSession) -> dict[str, bool]:
        await session.execute(text("SELECT 1"))
        return {"ok": True}

    @router.get(CHECKED)
    async def checked_probe(
        session: DbSession, principal: Caller(P.CASES_READ)
    ) -> dict[str, bool]:
        await session.execute(text("SELECT 1"))
        return {"ok": True}

    return router


def _app(data: QuickData) -> FastAPI:
    os.environ.update(data.target.environment())
    from kokoma.app import create_app  # settings are read from the environment just set

    app = create_app()
    mount_flat(app, "", [_probes()])
    # First in line, before the web app's catch-all, and equally far from the start.
    probes = app.router.routes[-2:]
    del app.router.routes[-2:]
    app.router.routes[:0] = probes
    return app


async def _cpu_ms(http: httpx.AsyncClient, path: str, headers: dict[str, str], n: int) -> float:
    started = time.process_time()
    for _ in range(n):
        response = await http.get(path, headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
    return (time.process_time() - started) / n * 1e3


async def _measure(app: FastAPI, data: QuickData, options: AuthOptions) -> dict[str, Any]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            headers = await sign_in(http, data.accounts[MANAGER], data.password)
            for path in (OPEN, CHECKED):  # warm: statement caches, pool
                await _cpu_ms(http, path, headers, 50)
            open_ms, checked_ms = [], []
            for _ in range(options.blocks):
                open_ms.append(await _cpu_ms(http, OPEN, headers, options.requests))
                checked_ms.append(await _cpu_ms(http, CHECKED, headers, options.requests))
    return {"open": open_ms, "checked": checked_ms}


def run_auth(options: AuthOptions) -> int:
    """Measure and print the CPU per request of the caller check."""
    data = quick_data(options.data)
    if data.name == "demo" and options.fresh:
        print("loading the demo data …", flush=True)
        prepare(data.target)
    found = asyncio.run(_measure(_app(data), data, options))
    difference = [c - o for o, c in zip(found["open"], found["checked"], strict=True)]
    quartiles = statistics.quantiles(difference, n=4)
    print(
        f"{data.name}, {options.blocks} blocks of {options.requests} requests per route, "
        f"in turns, CPU of this process per request:\n"
        f"  open probe (SELECT 1):            {statistics.median(found['open']):.3f} ms\n"
        f"  checked probe (caller + SELECT 1): {statistics.median(found['checked']):.3f} ms\n"
        f"  authentication + permission:       {statistics.median(difference):.3f} ms "
        f"(quartiles {quartiles[0]:.3f}–{quartiles[2]:.3f})"
    )
    return 0
