"""Concurrent writers: nothing refused for a locked database, nothing lost.

Each writer signs in as its own conflict manager and, until time is up, opens
cases, documents consultations on them and edits them with ``If-Match``. It keeps
what the server confirmed; afterwards the database must hold exactly that: every
confirmed case and consultation once, no row nobody was told about, every case at
the version its confirmed edits make, with the title of the last one.

``python -m bench writers`` runs this against ``kokoma serve`` on SQLite for 60
seconds; ``tests/system/test_concurrency_writers.py`` runs a few seconds of it in the suite.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from bench import servers
from bench.api import API, case_body, consultation_body, sign_in
from bench.config import Target
from bench.dataset import DISTRICTS, staff_email
from kokoma.access.permissions import Role
from kokoma.cases.models import Case
from kokoma.consultations.models import Consultation
from kokoma.users.models import User


@dataclass
class CaseSeen:
    version: int
    title: str


@dataclass
class WriteLog:
    """What the server confirmed, per author, and what it refused."""

    cases: dict[uuid.UUID, CaseSeen] = field(default_factory=dict)
    consultations: set[uuid.UUID] = field(default_factory=set)
    failures: Counter[str] = field(default_factory=Counter)
    writes: int = 0

    def refuse(self, response: httpx.Response | None, error: str = "") -> None:
        if response is None:
            self.failures[error] += 1
            return
        text = response.text
        self.failures[
            f"{response.status_code} {'database is locked' if 'locked' in text else ''}".strip()
        ] += 1


async def _open_case(
    http: httpx.AsyncClient, rng: random.Random, log: WriteLog, mine: list[uuid.UUID]
) -> None:
    response = await http.post(f"{API}/cases", json=case_body(rng))
    if response.status_code != 201:
        return log.refuse(response)
    body = response.json()
    log.cases[uuid.UUID(body["id"])] = CaseSeen(body["version"], body["title"])
    mine.append(uuid.UUID(body["id"]))


async def _consult(
    http: httpx.AsyncClient, rng: random.Random, log: WriteLog, mine: list[uuid.UUID]
) -> None:
    case_id = rng.choice(mine)
    response = await http.post(f"{API}/cases/{case_id}/consultations", json=consultation_body(rng))
    if response.status_code != 201:
        return log.refuse(response)
    log.consultations.add(uuid.UUID(response.json()["id"]))


async def _edit(
    http: httpx.AsyncClient, rng: random.Random, log: WriteLog, mine: list[uuid.UUID]
) -> None:
    case_id = rng.choice(mine)
    seen = log.cases[case_id]
    title = f"{seen.title.split(' · ')[0]} · Stand {rng.randint(1, 10**6)}"
    response = await http.patch(
        f"{API}/cases/{case_id}", json={"title": title}, headers={"If-Match": f'"{seen.version}"'}
    )
    if response.status_code != 200:
        return log.refuse(response)
    log.cases[case_id] = CaseSeen(response.json()["version"], title)


async def write_until(http: httpx.AsyncClient, deadline: float, seed: int, log: WriteLog) -> None:
    """One writer's loop: a mix of new cases, consultations and edits of its own cases."""
    rng = random.Random(seed)
    mine: list[uuid.UUID] = []
    while time.monotonic() < deadline:
        choice = rng.random()
        try:
            if not mine or choice < 0.25:
                await _open_case(http, rng, log, mine)
            elif choice < 0.7:
                await _consult(http, rng, log, mine)
            else:
                await _edit(http, rng, log, mine)
        except httpx.TransportError as exc:
            log.refuse(None, exc.__class__.__name__)
        log.writes += 1


async def run_writers(clients: list[httpx.AsyncClient], seconds: float) -> WriteLog:
    """Every client (each signed in as a different author) writes for ``seconds``."""
    log = WriteLog()
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(write_until(http, deadline, index, log) for index, http in enumerate(clients))
    )
    return log


async def check_nothing_lost(
    session: AsyncSession, log: WriteLog, authors: list[uuid.UUID], since: datetime
) -> list[str]:
    """Differences between what the server confirmed and what the database holds."""
    problems = []
    stored = {
        row.id: row
        for row in await session.execute(
            select(Case.id, Case.version, Case.title).where(
                Case.created_by_id.in_(authors), Case.created_at >= since
            )
        )
    }
    if set(stored) != set(log.cases):
        problems.append(
            f"cases: {len(log.cases)} confirmed, {len(stored)} stored, "
            f"{len(set(stored) ^ set(log.cases))} differ"
        )
    for case_id, seen in log.cases.items():
        row = stored.get(case_id)
        if row is not None and (row.version, row.title) != (seen.version, seen.title):
            problems.append(
                f"case {case_id}: stored v{row.version} {row.title!r}, "
                f"confirmed v{seen.version} {seen.title!r}"
            )
    consultations: set[uuid.UUID] = set()
    if log.cases:
        consultations = set(
            await session.scalars(
                select(Consultation.id).where(Consultation.case_id.in_(list(log.cases)))
            )
        )
    if consultations != log.consultations:
        problems.append(
            f"consultations: {len(log.consultations)} confirmed, {len(consultations)} stored"
        )
    return problems


def run_writers_on(target: Target, writers: int, seconds: float, workers: int) -> int:
    """The bench scenario: ``writers`` authors against ``kokoma serve --workers`` on SQLite."""
    emails = [staff_email(DISTRICTS[0], Role.CONFLICT_MANAGER, i + 1) for i in range(writers)]

    async def session() -> tuple[WriteLog, list[str]]:
        since = datetime.now(UTC)
        clients = [httpx.AsyncClient(base_url=base, timeout=60) for _ in emails]
        try:
            for http, email in zip(clients, emails, strict=False):
                http.headers.update(await sign_in(http, email))
            log = await run_writers(clients, seconds)
        finally:
            await asyncio.gather(*(http.aclose() for http in clients))
        engine = create_async_engine(target.database_url)
        try:
            async with async_sessionmaker(engine)() as db:
                authors = list(await db.scalars(select(User.id).where(User.email.in_(emails))))
                return log, await check_nothing_lost(db, log, authors, since)
        finally:
            await engine.dispose()

    with servers.kokoma(target, workers=workers) as base:
        log, problems = asyncio.run(session())
    server_log = servers.kokoma_log(target, workers).read_text()
    locked = server_log.count("database is locked")
    print(
        f"{writers} writers, {seconds:.0f} s, kokoma serve --workers {workers} on {target.name}: "
        f"{log.writes} writes, {len(log.cases)} cases, {len(log.consultations)} consultations, "
        f"{sum(s.version - 1 for s in log.cases.values())} edits confirmed; "
        f"refused: {dict(log.failures) or 'none'}; 'database is locked' in the server log: "
        f"{locked}; lost or extra: {problems or 'none'}"
    )
    return 1 if log.failures or problems or locked else 0
