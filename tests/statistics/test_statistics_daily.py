"""The daily totals behind the key figures follow every write through the API.

After any mix of opening, closing, reopening cases and recording, moving and
deleting consultations, recording and moving referrals, the maintained day rows must equal a recount from scratch,
and the overview read from them must give the figures the records give.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sqlalchemy import select

from kokoma.statistics import daily
from kokoma.statistics.models import DailyFigures
from tests.cases.helpers import change, make_referral
from tests.consultations.helpers import consultation_body
from tests.support import etag, make_case

CONSULTATIONS = "/api/v1/consultations"
WRITER = "conflict_manager"


async def _days(session: Any, municipality_id: uuid.UUID) -> dict[str, tuple[int, ...]]:
    rows = await session.scalars(
        select(DailyFigures).where(DailyFigures.municipality_id == municipality_id)
    )
    return {
        row.day.isoformat(): tuple(getattr(row, m) for m in daily.MEASURES)
        for row in rows
        if any(getattr(row, m) for m in daily.MEASURES)
    }


async def _maintained_and_recounted(db: Any, municipality_id: uuid.UUID) -> tuple[Any, Any]:
    async with db() as session:
        maintained = await _days(session, municipality_id)
        await daily.rebuild(session)
        recounted = await _days(session, municipality_id)
        await session.rollback()
    return maintained, recounted


async def _consultation(client: Any, tenant: Any, **fields: Any) -> dict[str, Any]:
    response = await client.post(
        CONSULTATIONS, json=consultation_body(**fields), headers=tenant.headers(WRITER)
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_day_totals_follow_every_write_and_equal_a_recount(client, db, tenants) -> None:
    t = await tenants.make()
    kept, withdrawn, reopened = [await make_case(client, t) for _ in range(3)]
    await change(client, t, withdrawn, "closed", outcome="withdrawn")
    closed = await change(client, t, reopened, "closed", outcome="withdrawn")
    await change(client, t, closed, "in_progress", role="coordinator", note="Neue Drohungen")

    # 23:30 UTC on 31 January is half past midnight on 1 February in Germany.
    late = await _consultation(client, t, started_at="2026-01-31T23:30:00Z", duration_minutes=60)
    moved = await _consultation(client, t, started_at="2026-03-12T15:00:00+01:00")
    gone = await _consultation(client, t, started_at="2026-03-12T09:00:00+01:00")
    response = await client.patch(
        f"{CONSULTATIONS}/{moved['id']}",
        json={"started_at": "2026-04-02T10:00:00+02:00", "duration_minutes": 45},
        headers={**t.headers(WRITER), **etag(moved)},
    )
    assert response.status_code == 200, response.text
    response = await client.delete(
        f"{CONSULTATIONS}/{gone['id']}", headers={**t.headers(WRITER), **etag(gone)}
    )
    assert response.status_code == 204

    referral = await make_referral(client, t, kept, referred_on="2026-04-03")
    response = await client.patch(
        f"/api/v1/referrals/{referral['id']}",
        json={"referred_on": "2026-04-05"},
        headers={**t.headers(WRITER), **etag(referral)},
    )
    assert response.status_code == 200, response.text

    maintained, recounted = await _maintained_and_recounted(db, t.id)
    assert maintained == recounted
    # (opened, closed, consultations, minutes, referrals)
    assert maintained["2026-02-01"] == (0, 0, 1, 60, 0)
    assert maintained["2026-04-02"] == (0, 0, 1, 45, 0)
    assert maintained["2026-04-05"] == (0, 0, 0, 0, 1)
    assert "2026-04-03" not in maintained
    assert "2026-03-12" not in maintained
    assert sum(day[0] for day in maintained.values()) == 3
    assert sum(day[1] for day in maintained.values()) == 1  # the reopened case is open again
    assert late["id"] and kept["id"]


async def test_overview_from_the_day_totals(client, tenants) -> None:
    t = await tenants.make()
    for _ in range(3):
        await make_case(client, t)
    for day in ("2026-02-03", "2026-02-04", "2026-02-05"):
        await _consultation(client, t, started_at=f"{day}T10:00:00+01:00", duration_minutes=90)
    await _consultation(
        client,
        t,
        started_at="2026-03-02T10:00:00+01:00",
        duration_minutes=30,
        kind="referral",
    )
    await make_referral(client, t, await make_case(client, t), referred_on="2026-03-02")

    february = await client.get(
        "/api/v1/statistics/overview",
        params={"from": "2026-02-01", "to": "2026-02-28"},
        headers=t.headers("coordinator"),
    )
    assert february.status_code == 200, february.text
    figures = february.json()
    assert figures["consultations"]["value"] == 3
    assert figures["consultation_hours"]["value"] == 4.5
    assert figures["referrals"]["value"] == 0

    spring = await client.get(
        "/api/v1/statistics/overview",
        params={"from": "2026-02-01", "to": "2026-03-31"},
        headers=t.headers("coordinator"),
    )
    assert spring.json()["consultations"]["value"] == 4
    assert spring.json()["referrals"]["value"] == 1


async def test_a_recount_while_people_write_loses_nothing(client, db, tenants) -> None:
    t = await tenants.make()
    await _consultation(client, t, started_at="2026-05-04T10:00:00+02:00")
    async with db() as session:
        await daily.rebuild(session)
        # A consultation recorded, on a day the recount has no row for, while the
        # recount's transaction is still open. Had it gone through at once, a writer
        # committing between the recount's reading and its rewriting would be lost.
        writing = asyncio.create_task(
            _consultation(client, t, started_at="2026-05-05T14:00:00+02:00")
        )
        await asyncio.sleep(0.3)
        assert not writing.done()  # it waits for the recount ...
        await session.commit()
    await writing  # ... and is added on top of it.

    maintained, recounted = await _maintained_and_recounted(db, t.id)
    assert maintained == recounted
    assert maintained["2026-05-04"][2] == maintained["2026-05-05"][2] == 1
