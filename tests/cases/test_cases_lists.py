"""Case lists: filters, sorting, keyset paging, text search, query count."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event, update

from kokoma.cases.models import Case
from kokoma.db import utcnow
from tests.cases.helpers import change
from tests.support import CASES, etag, insert_contact, make_case


async def _listed(client, tenant, role: str = "conflict_manager", **params: Any) -> list[str]:
    response = await client.get(CASES, params=params, headers=tenant.headers(role))
    assert response.status_code == 200, response.text
    return [c["title"] for c in response.json()["items"]]


async def test_filters(client, tenants) -> None:
    t = await tenants.make()
    await make_case(
        client, t, title="Windpark", topics=["energy_infrastructure"], escalation_level=2
    )
    youth = await make_case(
        client,
        t,
        title="Jugendclub",
        topics=["youth", "neighbourhood"],
        escalation_level=6,
        endangers_democracy=True,
        democracy_indicators=["extremist_actors"],
        follow_up_date="2026-01-15",
    )
    await change(client, t, youth, "clarifying")
    await make_case(
        client,
        t,
        title="Moschee",
        topics=["religion"],
        escalation_level=4,
        follow_up_date="2026-03-01",
    )

    assert await _listed(client, t, topic="youth") == ["Jugendclub"]
    assert sorted(await _listed(client, t, topic=["youth", "religion"])) == [
        "Jugendclub",
        "Moschee",
    ]
    assert await _listed(client, t, status="clarifying") == ["Jugendclub"]
    assert sorted(await _listed(client, t, status=["new", "clarifying"])) == [
        "Jugendclub",
        "Moschee",
        "Windpark",
    ]
    assert await _listed(client, t, escalation_min=3, escalation_max=5) == ["Moschee"]
    assert await _listed(client, t, endangers_democracy="true") == ["Jugendclub"]
    assert await _listed(client, t, follow_up_before="2026-02-01") == ["Jugendclub"]
    assert await _listed(client, t, q="PARK") == ["Windpark"]


async def test_unassigned_cases_for_the_coordinator(client, tenants) -> None:
    t = await tenants.make()
    await make_case(client, t, title="Windpark")  # the conflict manager takes it on
    await make_case(client, t, role="coordinator", title="Moschee", assignee_ids=[])

    assert await _listed(client, t, "coordinator", assigned="false") == ["Moschee"]
    assert await _listed(client, t, "coordinator", assigned="true") == ["Windpark"]


async def test_created_date_range(client, tenants, db) -> None:
    t = await tenants.make()
    old = await make_case(client, t, title="Alt")
    await make_case(client, t, title="Neu")
    async with db() as session:
        await session.execute(
            update(Case)
            .where(Case.id == uuid.UUID(old["id"]))
            .values(created_at=utcnow() - timedelta(days=40))
        )
        await session.commit()
    today = utcnow().date()

    assert await _listed(client, t, created_from=str(today - timedelta(days=1))) == ["Neu"]
    assert await _listed(client, t, created_to=str(today - timedelta(days=30))) == ["Alt"]


async def test_text_search_treats_wildcards_literally(client, tenants) -> None:
    t = await tenants.make()
    await make_case(client, t, title="100% Zustimmung", summary="")
    await make_case(client, t, title="1000 Unterschriften", summary="")
    await make_case(client, t, title="Anderes", summary="Streit im Ortsteilrat_Nord")

    assert await _listed(client, t, q="100%") == ["100% Zustimmung"]
    assert await _listed(client, t, q="rat_n") == ["Anderes"]
    assert await _listed(client, t, q="_") == ["Anderes"]


async def test_sorting_and_paging_walk_every_case_once(client, tenants) -> None:
    t = await tenants.make()
    levels = [5, 2, 7, 2, 9, 1, 5]
    for index, level in enumerate(levels):
        await make_case(client, t, title=f"Fall {index}", escalation_level=level)

    seen: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"sort": "-escalation_level", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get(CASES, params=params, headers=t.headers("coordinator"))).json()
        seen += [c["escalation_level"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(levels, reverse=True)

    by_reference = await client.get(
        CASES, params={"sort": "reference"}, headers=t.headers("coordinator")
    )
    references = [c["reference"] for c in by_reference.json()["items"]]
    assert references == sorted(references) and len(references) == len(levels)
    newest_first = await _listed(client, t)
    assert newest_first[0] == "Fall 6"


async def test_follow_up_sort_lists_dated_cases_in_order(client, tenants) -> None:
    t = await tenants.make()
    await make_case(client, t, title="später", follow_up_date="2026-05-01")
    await make_case(client, t, title="ohne")
    await make_case(client, t, title="bald", follow_up_date="2026-02-01")
    assert await _listed(client, t, sort="follow_up_date") == ["bald", "später"]


async def test_bad_cursor_is_400(client, tenants) -> None:
    t = await tenants.make()
    response = await client.get(
        CASES, params={"cursor": "kaputt"}, headers=t.headers("coordinator")
    )
    assert response.status_code == 400


@contextmanager
def _counting(app):
    statements: list[str] = []
    engine = app.state.db.engine.sync_engine

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def _case_with_party(client, tenant, db, index: int) -> None:
    case = await make_case(client, tenant, topics=["youth", "religion"])
    contact = await insert_contact(db, tenant, f"Kontakt {index}")
    response = await client.put(
        f"{CASES}/{case['id']}/parties",
        json={"parties": [{"contact_id": str(contact), "role_in_conflict": "affected"}]},
        headers={**tenant.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 200


async def test_list_queries_do_not_grow_with_the_page(app, client, tenants, db) -> None:
    t = await tenants.make()
    await _case_with_party(client, t, db, 0)
    with _counting(app) as one:
        await client.get(CASES, headers=t.headers("conflict_manager"))

    for index in range(1, 6):
        await _case_with_party(client, t, db, index)
    with _counting(app) as six:
        response = await client.get(CASES, headers=t.headers("conflict_manager"))
    assert [len(c["parties"]) for c in response.json()["items"]] == [1] * 6
    assert len(six) == len(one)
