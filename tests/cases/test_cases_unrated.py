"""The first escalation assessment is a choice: a case may be "not yet rated", and is
counted as such until someone rates it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select

from kokoma.core.calendar import LOCAL_TIME
from kokoma.events.models import DomainEvent
from tests.support import CASES, etag, make_case


async def test_unrated_cases_are_kept_sorted_and_counted(client, tenants, db) -> None:
    t = await tenants.make()
    unrated = await make_case(client, t, escalation_level=None)
    rated = await make_case(client, t, escalation_level=2)
    assert unrated["escalation_level"] is None
    headers = t.headers("coordinator")

    by_level = await client.get(CASES, params={"sort": "escalation_level"}, headers=headers)
    assert [c["id"] for c in by_level.json()["items"]] == [unrated["id"], rated["id"]]
    paged = await client.get(
        CASES, params={"sort": "-escalation_level", "limit": 1}, headers=headers
    )
    second = await client.get(
        CASES,
        params={"sort": "-escalation_level", "limit": 1, "cursor": paged.json()["next_cursor"]},
        headers=headers,
    )
    assert [c["id"] for c in second.json()["items"]] == [unrated["id"]]
    at_least_one = await client.get(CASES, params={"escalation_min": 1}, headers=headers)
    assert [c["id"] for c in at_least_one.json()["items"]] == [rated["id"]]

    year = datetime.now(LOCAL_TIME).year
    period = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    stats = await client.get("/api/v1/statistics/cases", params=period, headers=headers)
    levels = {row["key"]: row["count"]["value"] for row in stats.json()["by_escalation_level"]}
    assert (levels["unrated"], levels["2"]) == (1, 1)
    assert stats.json()["by_escalation_level"][-1]["label"] == "Noch nicht eingeschätzt"

    rating = await client.patch(
        f"{CASES}/{unrated['id']}",
        json={"escalation_level": 4, "timeline_note": "Erstgespräch"},
        headers={**t.headers("conflict_manager"), **etag(unrated)},
    )
    assert rating.json()["escalation_level"] == 4
    timeline = await client.get(f"{CASES}/{unrated['id']}/timeline", headers=headers)
    levels_seen = [
        (e["from_value"], e["to_value"])
        for e in timeline.json()["items"]
        if e["change"] == "escalation_level"
    ]
    assert levels_seen == [(None, "unrated"), ("unrated", "4")]
    async with db() as session:
        published = list(
            await session.scalars(
                select(DomainEvent.data).where(
                    DomainEvent.resource_id == uuid.UUID(unrated["id"]),
                    DomainEvent.event_type == "case.escalation_changed",
                )
            )
        )
    assert published == [{"case_id": unrated["id"], "from": None, "to": 4}]
