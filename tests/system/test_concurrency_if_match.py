"""Many people saving the same case at once: one wins per version, nothing is mixed.

Twelve clients send a PATCH with the same ``If-Match`` at the same moment, three
rounds in a row. Each round exactly one gets 200; the others get 412 and leave no
trace (no audit entry, no timeline entry); the stored case is the winner's.
"""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import func, select

from kokoma.audit.models import AuditEvent
from kokoma.cases.models import CaseTimelineEntry
from tests.support import CASES, etag, make_case

CLIENTS = 12
ROUNDS = 3


async def test_one_concurrent_edit_wins_per_version(client, tenants, db) -> None:
    t = await tenants.make()
    headers = t.headers("conflict_manager")
    case = await make_case(client, t, escalation_level=1)
    for round_number in range(1, ROUNDS + 1):
        responses = await asyncio.gather(
            *(
                client.patch(
                    f"{CASES}/{case['id']}",
                    json={
                        "title": f"Fassung {round_number}.{i}",
                        "escalation_level": round_number + 1,
                    },
                    headers={**headers, **etag(case)},
                )
                for i in range(CLIENTS)
            )
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] + [412] * (CLIENTS - 1)
        assert all(
            r.headers["content-type"].startswith("application/problem+json")
            for r in responses
            if r.status_code == 412
        )
        winner = next(r for r in responses if r.status_code == 200).json()
        assert winner["version"] == case["version"] + 1

        stored = await client.get(f"{CASES}/{case['id']}", headers=headers)
        assert stored.json()["title"] == winner["title"]
        assert stored.json()["version"] == winner["version"]
        assert stored.headers["etag"] == f'"{winner["version"]}"'
        case = winner

    async with db() as session:
        updates = await session.scalar(
            select(func.count()).where(
                AuditEvent.action == "case.update", AuditEvent.resource_id == case["id"]
            )
        )
        escalations = await session.scalar(
            select(func.count()).where(
                CaseTimelineEntry.case_id == uuid.UUID(case["id"]),
                CaseTimelineEntry.change == "escalation_level",
                CaseTimelineEntry.from_value.is_not(None),
            )
        )
    assert updates == ROUNDS
    assert escalations == ROUNDS
