"""Tasks and follow-ups: one's own tasks grouped by due date, done in one request; a
case's follow-up date creates and moves its follow-up task; coordinators see every
task, hand tasks to others and list the cases nothing has happened on."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from kokoma.audit.models import AuditEvent
from kokoma.cases.models import Case, CaseTimelineEntry
from kokoma.core.calendar import local_today
from kokoma.db import utcnow
from kokoma.events.models import DomainEvent
from kokoma.tasks.service import week_end
from tests.support import CASES, Tenant, client_headers, etag, make_case

TASKS = "/api/v1/tasks"


async def make_task(
    client: Any, tenant: Tenant, role: str = "conflict_manager", **fields: Any
) -> dict[str, Any]:
    body = {"title": "Protokoll verschicken", "due_on": local_today().isoformat(), **fields}
    response = await client.post(TASKS, json=body, headers=tenant.headers(role))
    assert response.status_code == 201, response.text
    return response.json()


def day(offset: int) -> str:
    return (local_today() + timedelta(days=offset)).isoformat()


async def test_my_tasks_are_grouped_by_due_date_and_done_in_one_request(
    client, tenants, db
) -> None:
    t = await tenants.make()
    today = local_today()
    overdue = await make_task(client, t, title="Rückruf Bürgermeister", due_on=day(-3))
    due_today = await make_task(client, t, title="Termin bestätigen")
    later = await make_task(client, t, title="Bericht", due_on=day(30))
    this_week = None
    if week_end(today) > today:
        this_week = await make_task(client, t, title="Raum buchen", due_on=day(1))
    assert overdue["due_group"] == "overdue"  # a past due date is allowed
    assert due_today["due_group"] == "today"
    assert later["due_group"] == "later"
    if this_week:
        assert this_week["due_group"] == "this_week"

    mine = await client.get(TASKS, headers=t.headers("conflict_manager"))
    assert [x["title"] for x in mine.json()["items"]][0] == "Rückruf Bürgermeister"
    summary = (await client.get(f"{TASKS}/summary", headers=t.headers("conflict_manager"))).json()
    assert summary["mine"]["overdue"] == 1 and summary["mine"]["today"] == 1
    assert summary["municipality_overdue"] is None

    no_etag = await client.patch(
        f"{TASKS}/{overdue['id']}", json={"status": "done"}, headers=t.headers("conflict_manager")
    )
    assert no_etag.status_code == 428
    done = await client.patch(
        f"{TASKS}/{overdue['id']}",
        json={"status": "done"},
        headers={**t.headers("conflict_manager"), **etag(overdue)},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["done_at"]
    assert done.json()["due_group"] is None
    stale = await client.patch(
        f"{TASKS}/{overdue['id']}",
        json={"title": "x"},
        headers={**t.headers("conflict_manager"), **etag(overdue)},
    )
    assert stale.status_code == 412
    open_titles = [
        x["title"]
        for x in (await client.get(TASKS, headers=t.headers("conflict_manager"))).json()["items"]
    ]
    assert "Rückruf Bürgermeister" not in open_titles
    finished = await client.get(
        TASKS, params={"status": "done"}, headers=t.headers("conflict_manager")
    )
    assert [x["id"] for x in finished.json()["items"]] == [overdue["id"]]

    async with db() as session:
        actions = list(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == overdue["id"])
            )
        )
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(overdue["id"])
                )
            )
        )
    assert sorted(actions) == ["task.create", "task.update"]
    assert sorted(events) == ["task.created", "task.updated"]


async def test_others_tasks_are_theirs_and_coordinators_see_and_reassign_all(
    client, tenants
) -> None:
    t, other = await tenants.make(), await tenants.make()
    manager = t.user("conflict_manager")
    task = await make_task(client, t, role="trainer", title="Modul 3 vorbereiten", due_on=day(-1))

    hidden = await client.get(f"{TASKS}/{task['id']}", headers=t.headers("conflict_manager"))
    assert hidden.status_code == 404
    elsewhere = await client.get(f"{TASKS}/{task['id']}", headers=other.headers("coordinator"))
    assert elsewhere.status_code == 404
    refused = await client.get(
        TASKS, params={"owner": "all"}, headers=t.headers("conflict_manager")
    )
    assert refused.status_code == 403
    not_for_others = await client.post(
        TASKS,
        json={"title": "x", "due_on": day(0), "owner_id": str(manager.id)},
        headers=t.headers("trainer"),
    )
    assert not_for_others.status_code == 403
    refused_reassign = await client.patch(
        f"{TASKS}/{task['id']}",
        json={"owner_id": str(manager.id)},
        headers={**t.headers("trainer"), **etag(task)},
    )
    assert refused_reassign.status_code == 403
    admin = await client.get(TASKS, headers=t.headers("admin"))
    assert admin.status_code == 403

    everything = await client.get(TASKS, params={"owner": "all"}, headers=t.headers("coordinator"))
    assert task["id"] in [x["id"] for x in everything.json()["items"]]
    summary = (await client.get(f"{TASKS}/summary", headers=t.headers("coordinator"))).json()
    assert summary["municipality_overdue"] >= 1

    moved = await client.patch(
        f"{TASKS}/{task['id']}",
        json={"owner_id": str(manager.id)},
        headers={**t.headers("coordinator"), **etag(task)},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["owner_name"] == manager.full_name
    now_theirs = await client.get(f"{TASKS}/{task['id']}", headers=t.headers("conflict_manager"))
    assert now_theirs.status_code == 200

    foreign_owner = await client.post(
        TASKS,
        json={"title": "x", "due_on": day(0), "owner_id": str(other.user("coordinator").id)},
        headers=t.headers("coordinator"),
    )
    assert foreign_owner.status_code == 422
    assert foreign_owner.json()["errors"][0]["field"] == "body.owner_id"


async def test_the_follow_up_date_of_a_case_creates_and_moves_its_task(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t, follow_up_date=day(5))
    tasks = (
        await client.get(
            TASKS, params={"case_id": case["id"]}, headers=t.headers("conflict_manager")
        )
    ).json()["items"]
    assert len(tasks) == 1
    [follow_up] = tasks
    assert follow_up["kind"] == "case_follow_up"
    assert follow_up["due_on"] == day(5)
    assert follow_up["title"] == f"Wiedervorlage {case['reference']}"
    assert follow_up["case_reference"] == case["reference"]
    # Neither summary nor party names end up in the task.
    assert "Windpark" not in follow_up["title"]

    moved = await client.patch(
        f"{CASES}/{case['id']}",
        json={"follow_up_date": day(9)},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert moved.status_code == 200, moved.text
    after = (
        await client.get(
            TASKS, params={"case_id": case["id"]}, headers=t.headers("conflict_manager")
        )
    ).json()["items"]
    assert [(x["id"], x["due_on"]) for x in after] == [(follow_up["id"], day(9))]

    cleared = await client.patch(
        f"{CASES}/{case['id']}",
        json={"follow_up_date": None},
        headers={**t.headers("conflict_manager"), **etag(moved.json())},
    )
    assert cleared.status_code == 200, cleared.text
    cancelled = await client.get(
        TASKS,
        params={"case_id": case["id"], "status": "cancelled"},
        headers=t.headers("conflict_manager"),
    )
    assert [x["id"] for x in cancelled.json()["items"]] == [follow_up["id"]]

    task = await make_task(client, t, case_id=case["id"])
    assert task["case_reference"] == case["reference"]
    unknown = await client.post(
        TASKS,
        json={"title": "x", "due_on": day(0), "case_id": "00000000-0000-4000-8000-000000000000"},
        headers=t.headers("conflict_manager"),
    )
    assert unknown.status_code == 422


async def test_stalled_cases_for_coordinators(client, tenants, db) -> None:
    t = await tenants.make()
    quiet = await make_case(client, t, title="Ruhiger Fall")
    busy = await make_case(client, t, title="Aktiver Fall")
    closed = await make_case(client, t, title="Abgeschlossener Fall")
    long_ago = utcnow() - timedelta(days=45)
    ids = [uuid.UUID(c["id"]) for c in (quiet, closed, busy)]
    async with db() as session:
        await session.execute(update(Case).where(Case.id == ids[1]).values(status="closed"))
        await session.execute(update(Case).where(Case.id.in_(ids)).values(updated_at=long_ago))
        await session.execute(
            update(CaseTimelineEntry)
            .where(CaseTimelineEntry.case_id.in_(ids))
            .values(occurred_at=long_ago)
        )
        await session.commit()
    await make_task(client, t, case_id=busy["id"])  # a task is activity

    stalled = await client.get(f"{TASKS}/stalled-cases", headers=t.headers("coordinator"))
    assert stalled.status_code == 200, stalled.text
    rows = stalled.json()["items"]
    assert [r["reference"] for r in rows] == [quiet["reference"]]
    assert rows[0]["inactive_days"] >= 44
    longer = await client.get(
        f"{TASKS}/stalled-cases", params={"inactive_days": 60}, headers=t.headers("coordinator")
    )
    assert longer.json()["items"] == []
    refused = await client.get(f"{TASKS}/stalled-cases", headers=t.headers("conflict_manager"))
    assert refused.status_code == 403


async def test_a_case_opened_by_an_api_client_gets_no_follow_up_task(client, tenants) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["cases:read", "cases:write"])
    case = await client.post(
        CASES, json={"title": "Über die Schnittstelle", "topics": []}, headers=headers
    )
    assert case.status_code == 201, case.text
    moved = await client.patch(
        f"{CASES}/{case.json()['id']}",
        json={"follow_up_date": day(3)},
        headers={**headers, **etag(case.json())},
    )
    assert moved.status_code == 200, moved.text
    listed = await client.get(
        TASKS,
        params={"owner": "all", "case_id": case.json()["id"]},
        headers=t.headers("coordinator"),
    )
    assert listed.json()["items"] == []
