"""A server killed (SIGKILL) in the middle of a burst of writes leaves no half-written record.

A real ``kokoma serve`` process on the test database takes case and consultation
writes from several clients; it is killed while requests are in flight. Whatever
it confirmed is stored; whatever it stored is complete — every case with its topics,
assignee, opening timeline entries, audit event and domain event, numbered without
gaps up to its municipality's counter; no audit or domain event of a record that
does not exist. A new server then goes on numbering where the old one stopped.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import time
import uuid
from collections import Counter
from typing import Any

import httpx
from sqlalchemy import func, select

from bench.api import case_body, consultation_body
from bench.servers import Running, free_port, kokoma_command, serving
from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.cases.models import (
    Case,
    CaseAssignment,
    CaseReferenceCounter,
    CaseTimelineEntry,
    CaseTopicRow,
)
from kokoma.consultations.models import Consultation
from kokoma.events.models import DomainEvent

API = "/api/v1"
WRITERS = 6
CONFIRMED_BEFORE_KILL = 25
KILL_AFTER_SECONDS = 20


class Burst:
    """Clients writing back to back; records what was confirmed and what was cut off."""

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.base = base
        self.headers = headers
        self.cases: list[str] = []
        self.consultations: list[str] = []
        self.cut_off = 0

    async def _write(self, http: httpx.AsyncClient, rng: random.Random) -> None:
        if not self.cases or rng.random() < 0.5:
            response = await http.post(f"{API}/cases", json=case_body(rng))
            if response.status_code == 201:
                self.cases.append(response.json()["id"])
        else:
            case_id = rng.choice(self.cases)
            response = await http.post(
                f"{API}/cases/{case_id}/consultations", json=consultation_body(rng)
            )
            if response.status_code == 201:
                self.consultations.append(response.json()["id"])
        assert response.status_code == 201, response.text

    async def writer(self, seed: int) -> None:
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=self.base, headers=self.headers, timeout=30) as http:
            while True:
                try:
                    await self._write(http, rng)
                except httpx.TransportError:
                    self.cut_off += 1
                    return

    async def kill_when_busy(self, server: Running, writers: list[asyncio.Task[None]]) -> None:
        """SIGKILL once enough writes were confirmed (or time is up), writers still sending."""
        deadline = time.monotonic() + KILL_AFTER_SECONDS
        while len(self.cases) + len(self.consultations) < CONFIRMED_BEFORE_KILL:
            if time.monotonic() > deadline or any(w.done() for w in writers):
                break
            await asyncio.sleep(0.02)
        server.process.send_signal(signal.SIGKILL)


def _case_ids(ids: list[str]) -> list[uuid.UUID]:
    return [uuid.UUID(i) for i in ids]


async def _counts(session: Any, column: Any, where: Any) -> Counter[Any]:
    rows = await session.execute(select(column, func.count()).where(where).group_by(column))
    return Counter(dict(rows.all()))


async def _check_complete(session: Any, municipality_id: uuid.UUID) -> list[Case]:
    cases = list(
        await session.scalars(select(Case).where(Case.municipality_id == municipality_id))
    )
    ids = [case.id for case in cases]
    topics = await _counts(session, CaseTopicRow.case_id, CaseTopicRow.case_id.in_(ids))
    assignees = await _counts(session, CaseAssignment.case_id, CaseAssignment.case_id.in_(ids))
    openings = await _counts(
        session,
        CaseTimelineEntry.case_id,
        CaseTimelineEntry.case_id.in_(ids) & CaseTimelineEntry.from_value.is_(None),
    )
    for case in cases:
        assert topics[case.id] >= 1 and assignees[case.id] == 1, case.reference
        assert openings[case.id] == 2, case.reference  # status "new" and the first Glasl stage

    numbers = sorted(case.number for case in cases)
    assert numbers == list(range(1, len(cases) + 1))
    counter = await session.scalar(
        select(CaseReferenceCounter.value).where(
            CaseReferenceCounter.municipality_id == municipality_id
        )
    )
    assert counter == len(cases)
    return cases


async def _check_traces(session: Any, municipality_id: uuid.UUID, cases: list[Case]) -> None:
    consultations = set(
        await session.scalars(
            select(Consultation.id).where(Consultation.municipality_id == municipality_id)
        )
    )
    records = {str(case.id) for case in cases} | {str(c) for c in consultations}
    audited = Counter(
        await session.scalars(
            select(AuditEvent.resource_id).where(
                AuditEvent.municipality_id == municipality_id,
                AuditEvent.action.in_(["case.create", "consultation.create"]),
            )
        )
    )
    published = Counter(
        str(resource_id)
        for resource_id in await session.scalars(
            select(DomainEvent.resource_id).where(
                DomainEvent.municipality_id == municipality_id,
                DomainEvent.event_type.in_(["case.created", "consultation.created"]),
            )
        )
    )
    assert audited == Counter(records)
    assert published == Counter(records)


async def test_killed_server_leaves_no_half_written_record(
    settings, tenants, db, tmp_path
) -> None:
    t = await tenants.make((Role.CONFLICT_MANAGER,))
    headers = t.headers("conflict_manager")
    command = kokoma_command(free_port())
    with serving(command, dict(os.environ), f"{API}/health", tmp_path / "server.log") as server:
        burst = Burst(server.base, headers)
        writers = [asyncio.create_task(burst.writer(seed)) for seed in range(WRITERS)]
        await burst.kill_when_busy(server, writers)
        await asyncio.wait_for(asyncio.gather(*writers), timeout=60)  # a refused write fails here
    assert burst.cases  # it confirmed writes …
    assert burst.cut_off > 0  # … and requests were in flight when it died

    async with db() as session:
        cases = await _check_complete(session, t.id)
        await _check_traces(session, t.id, cases)
        stored_consultations = set(
            await session.scalars(
                select(Consultation.id).where(Consultation.municipality_id == t.id)
            )
        )
    assert set(_case_ids(burst.cases)) <= {case.id for case in cases}
    assert set(_case_ids(burst.consultations)) <= stored_consultations

    command = kokoma_command(free_port())
    with serving(command, dict(os.environ), f"{API}/health", tmp_path / "again.log") as server:
        async with httpx.AsyncClient(base_url=server.base, headers=headers) as http:
            response = await http.post(f"{API}/cases", json=case_body(random.Random(1)))
    assert response.status_code == 201
    assert response.json()["reference"].endswith(f"-{len(cases) + 1:04d}")
