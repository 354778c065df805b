"""Meetings of the steering group: planned by the coordinator with every member invited,
agenda items linked to a conflict field, a crisis plan or a statistics period,
attendance, minutes per item, decisions with votes and action items that become tasks;
approved minutes are read-only. Members and conflict managers read, others do not."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.core.calendar import local_today
from kokoma.events.models import DomainEvent
from tests.crisis_plans.helpers import make_plan
from tests.district_analysis.helpers import make_field
from tests.steering.helpers import MEETINGS, at, item_titled, make_meeting, write
from tests.support import client_headers, etag, make_contact

TASKS = "/api/v1/tasks"


def day(offset: int) -> str:
    return (local_today() + timedelta(days=offset)).isoformat()


async def test_a_meeting_from_agenda_to_approved_minutes(client, tenants, db) -> None:
    t = await tenants.make()
    police = await make_contact(
        client,
        t,
        given_name="Uwe",
        family_name="Kramer",
        actor_group="police",
        position="Leiter der Polizeiinspektion",
        steering_group_member=True,
        email="u.kramer@polizei.example",
    )
    await make_contact(client, t, given_name="Nicht", family_name="Mitglied")
    field = await make_field(client, t)
    plan = await make_plan(client, t)

    members = await client.get(f"{MEETINGS}/members", headers=t.headers("steering_group"))
    assert members.status_code == 200
    assert [(m["kind"], m["name"]) for m in members.json()] == [
        ("user", t.user("steering_group").full_name),
        ("contact", "Uwe Kramer"),
    ]

    meeting = await make_meeting(client, t, start=-1, video_url="https://video.example/sg")
    assert meeting["minutes_status"] == "draft"
    invited = {(p["kind"], p["name"], p["status"]) for p in meeting["participants"]}
    assert invited == {
        ("user", t.user("steering_group").full_name, "invited"),
        ("contact", "Uwe Kramer", "invited"),
    }
    police_row = next(p for p in meeting["participants"] if p["kind"] == "contact")
    assert police_row["position"] == "Leiter der Polizeiinspektion" and police_row["has_email"]

    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/agenda-items",
        {"title": "Lagebild Energiewende", "presenter": "Jana", "conflict_field_id": field["id"]},
        status=201,
    )
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/agenda-items",
        {"title": "Krisenpräventionsplan", "crisis_plan_id": plan["id"]},
        status=201,
    )
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/agenda-items",
        {
            "title": "Fallzahlen erstes Halbjahr",
            "statistics_from": "2026-01-01",
            "statistics_to": "2026-06-30",
        },
        status=201,
    )
    assert [i["title"] for i in meeting["agenda_items"]] == [
        "Lagebild Energiewende",
        "Krisenpräventionsplan",
        "Fallzahlen erstes Halbjahr",
    ]
    energy = item_titled(meeting, "Lagebild Energiewende")
    assert energy["conflict_field"] == {"id": field["id"], "name": field["name"]}
    assert item_titled(meeting, "Krisenpräventionsplan")["crisis_plan"]["id"] == plan["id"]
    # Moved to the top with its new place.
    figures = item_titled(meeting, "Fallzahlen erstes Halbjahr")
    meeting = await write(
        client, t, meeting, "PATCH", f"/agenda-items/{figures['id']}", {"position": 0}
    )
    assert meeting["agenda_items"][0]["title"] == "Fallzahlen erstes Halbjahr"
    assert [i["position"] for i in meeting["agenda_items"]] == [0, 1, 2]

    meeting = await write(
        client,
        t,
        meeting,
        "PATCH",
        f"/agenda-items/{energy['id']}",
        {"minutes": "Die Lage wurde vorgestellt."},
    )
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/decisions",
        {
            "agenda_item_id": energy["id"],
            "text": "Runder Tisch im Frühjahr",
            "vote": {"yes": 7, "no": 1, "abstain": 0},
        },
        status=201,
    )
    decision = item_titled(meeting, "Lagebild Energiewende")["decisions"][0]
    assert decision["vote"] == {"yes": 7, "no": 1, "abstain": 0}
    manager = t.user("conflict_manager")
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/action-items",
        {
            "agenda_item_id": energy["id"],
            "decision_id": decision["id"],
            "title": "Runden Tisch einladen",
            "owner_id": str(manager.id),
            "due_on": day(-2),  # people record overdue work
        },
        status=201,
    )
    [action] = item_titled(meeting, "Lagebild Energiewende")["action_items"]
    assert action["owner_name"] == manager.full_name and action["status"] == "open"
    assert action["decision_id"] == decision["id"]

    # The action item is the owner's task, linked back to the meeting.
    mine = (await client.get(TASKS, headers=t.headers("conflict_manager"))).json()["items"]
    task = next(x for x in mine if x["id"] == action["task_id"])
    assert task["steering_meeting_id"] == meeting["id"]
    assert task["steering_decision_id"] == decision["id"] and task["due_group"] == "overdue"

    meeting = await write(
        client,
        t,
        meeting,
        "PUT",
        "/participants",
        {
            "participants": [
                {"user_id": str(t.user("steering_group").id), "status": "present"},
                {"user_id": str(manager.id), "status": "present"},
                {"contact_id": police["id"], "status": "excused"},
            ]
        },
    )
    assert sorted(p["status"] for p in meeting["participants"]) == [
        "excused",
        "present",
        "present",
    ]

    approved = await write(client, t, meeting, "POST", "/minutes/approve")
    assert approved["minutes_status"] == "approved" and approved["approved_at"]
    assert approved["approved_by_name"] == t.user("coordinator").full_name

    # Approved minutes are read-only, with a German reason.
    refused = await client.patch(
        f"{MEETINGS}/{meeting['id']}/agenda-items/{energy['id']}",
        json={"minutes": "Nachträglich geändert"},
        headers={**t.headers("coordinator"), **etag(approved)},
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Das Protokoll ist freigegeben; die Sitzung kann nicht mehr geändert werden."
    )
    for method, path in (("PATCH", ""), ("DELETE", ""), ("POST", "/minutes/approve")):
        again = await client.request(
            method,
            f"{MEETINGS}/{meeting['id']}{path}",
            json={"title": "x"} if method == "PATCH" else None,
            headers={**t.headers("coordinator"), **etag(approved)},
        )
        assert again.status_code == 409, (method, path)
    # The action item still goes on as a task.
    done = await client.patch(
        f"{TASKS}/{action['task_id']}",
        json={"status": "done"},
        headers={**t.headers("conflict_manager"), **etag(task)},
    )
    assert done.status_code == 200, done.text

    # Members and conflict managers read it; the trainer and the administration do not.
    for role in ("steering_group", "conflict_manager"):
        seen = await client.get(f"{MEETINGS}/{meeting['id']}", headers=t.headers(role))
        assert seen.status_code == 200
        assert seen.json()["agenda_items"][1]["minutes"] == "Die Lage wurde vorgestellt."
    for role in ("trainer", "admin"):
        assert (
            await client.get(f"{MEETINGS}/{meeting['id']}", headers=t.headers(role))
        ).status_code == 403
    other = await tenants.make()
    assert (
        await client.get(f"{MEETINGS}/{meeting['id']}", headers=other.headers("coordinator"))
    ).status_code == 404

    async with db() as session:
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.municipality_id == t.id)
            )
        )
        events = set(
            await session.scalars(
                select(DomainEvent.event_type).where(DomainEvent.municipality_id == t.id)
            )
        )
    assert {
        "steering_meeting.create",
        "steering_meeting.agenda_item_create",
        "steering_meeting.decision_create",
        "steering_meeting.action_item_create",
        "steering_meeting.attendance",
        "steering_meeting.approve_minutes",
    } <= actions
    assert {
        "steering_meeting.scheduled",
        "steering_meeting.updated",
        "steering_meeting.decision_recorded",
        "steering_meeting.action_item_added",
        "steering_meeting.minutes_approved",
    } <= events


async def test_bad_input_gets_a_clear_422(client, tenants) -> None:
    t = await tenants.make()
    other = await tenants.make()
    backwards = await client.post(
        MEETINGS,
        json={"title": "Sitzung", "starts_at": at(5), "ends_at": at(4)},
        headers=t.headers("coordinator"),
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "body.ends_at"
    assert backwards.json()["detail"] == "Die Sitzung muss nach ihrem Beginn enden."
    stranger = await client.post(
        MEETINGS,
        json={
            "title": "Sitzung",
            "starts_at": at(5),
            "ends_at": at(6),
            "participants": [{"user_id": str(other.user("steering_group").id)}],
        },
        headers=t.headers("coordinator"),
    )
    assert stranger.status_code == 422
    not_https = await client.post(
        MEETINGS,
        json={"title": "S", "starts_at": at(5), "ends_at": at(6), "video_url": "javascript:x"},
        headers=t.headers("coordinator"),
    )
    assert not_https.status_code == 422

    meeting = await make_meeting(client, t)
    moved_back = await client.patch(
        f"{MEETINGS}/{meeting['id']}",
        json={"ends_at": at(1)},
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert moved_back.status_code == 422
    foreign_field = await make_field(client, other)
    bad_link = await client.post(
        f"{MEETINGS}/{meeting['id']}/agenda-items",
        json={"title": "Lage", "conflict_field_id": foreign_field["id"]},
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert bad_link.status_code == 422
    half_period = await client.post(
        f"{MEETINGS}/{meeting['id']}/agenda-items",
        json={"title": "Zahlen", "statistics_from": "2026-01-01"},
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert half_period.status_code == 422

    meeting = await write(client, t, meeting, "POST", "/agenda-items", {"title": "A"}, status=201)
    meeting = await write(client, t, meeting, "POST", "/agenda-items", {"title": "B"}, status=201)
    a, b = item_titled(meeting, "A"), item_titled(meeting, "B")
    foreign_owner = await client.post(
        f"{MEETINGS}/{meeting['id']}/action-items",
        json={
            "agenda_item_id": a["id"],
            "title": "Anrufen",
            "owner_id": str(other.user("conflict_manager").id),
            "due_on": day(7),
        },
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert foreign_owner.status_code == 422
    assert foreign_owner.json()["errors"][0]["field"] == "body.owner_id"

    meeting = await write(client, t, meeting, "DELETE", f"/agenda-items/{b['id']}")
    assert [i["title"] for i in meeting["agenda_items"]] == ["A"]
    on_removed = await client.post(
        f"{MEETINGS}/{meeting['id']}/action-items",
        json={
            "agenda_item_id": b["id"],
            "title": "Anrufen",
            "owner_id": str(t.user("conflict_manager").id),
            "due_on": day(7),
        },
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert on_removed.status_code == 422
    assert on_removed.json()["errors"][0]["field"] == "body.agenda_item_id"
    decision_on_removed = await client.post(
        f"{MEETINGS}/{meeting['id']}/decisions",
        json={"agenda_item_id": b["id"], "text": "Beschluss"},
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert decision_on_removed.status_code == 422

    # An agenda item with an action item cannot be taken off the agenda.
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/action-items",
        {
            "agenda_item_id": a["id"],
            "title": "Anrufen",
            "owner_id": str(t.user("conflict_manager").id),
            "due_on": day(7),
        },
        status=201,
    )
    busy = await client.delete(
        f"{MEETINGS}/{meeting['id']}/agenda-items/{a['id']}",
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert busy.status_code == 409
    # Minutes of a meeting that has not begun are not approved yet.
    early = await client.post(
        f"{MEETINGS}/{meeting['id']}/minutes/approve",
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert early.status_code == 409


async def test_changes_need_the_current_etag(client, tenants) -> None:
    t = await tenants.make()
    meeting = await make_meeting(client, t)
    without = await client.post(
        f"{MEETINGS}/{meeting['id']}/agenda-items",
        json={"title": "A"},
        headers=t.headers("coordinator"),
    )
    assert without.status_code == 428
    changed = await write(client, t, meeting, "PATCH", "", {"title": "Neu"})
    assert changed["version"] > meeting["version"]
    stale = await client.post(
        f"{MEETINGS}/{meeting['id']}/agenda-items",
        json={"title": "A"},
        headers={**t.headers("coordinator"), **etag(meeting)},
    )
    assert stale.status_code == 412
    # Only the coordination writes.
    for role in ("steering_group", "conflict_manager"):
        refused = await client.patch(
            f"{MEETINGS}/{meeting['id']}",
            json={"title": "x"},
            headers={**t.headers(role), **etag(changed)},
        )
        assert refused.status_code == 403
    deleted = await client.delete(
        f"{MEETINGS}/{meeting['id']}", headers={**t.headers("coordinator"), **etag(changed)}
    )
    assert deleted.status_code == 204
    assert (
        await client.get(f"{MEETINGS}/{meeting['id']}", headers=t.headers("coordinator"))
    ).status_code == 404


async def test_list_overview_and_api_clients(client, tenants) -> None:
    t = await tenants.make()
    past = await make_meeting(client, t, start=-48, title="Frühere Sitzung")
    soon = await make_meeting(client, t, start=24, title="Nächste Sitzung")
    await make_meeting(client, t, start=24 * 30, title="Spätere Sitzung")
    past = await write(client, t, past, "POST", "/agenda-items", {"title": "A"}, status=201)
    past = await write(
        client,
        t,
        past,
        "POST",
        "/action-items",
        {
            "agenda_item_id": past["agenda_items"][0]["id"],
            "title": "Bericht schreiben",
            "owner_id": str(t.user("coordinator").id),
            "due_on": day(-1),
        },
        status=201,
    )

    def titles(page: dict[str, Any]) -> list[str]:
        return [m["title"] for m in page["items"]]

    upcoming = await client.get(
        MEETINGS, params={"when": "upcoming"}, headers=t.headers("steering_group")
    )
    assert titles(upcoming.json()) == ["Nächste Sitzung", "Spätere Sitzung"]
    everything = await client.get(MEETINGS, headers=t.headers("steering_group"))
    assert titles(everything.json())[-1] == "Frühere Sitzung"

    overview = (
        await client.get(f"{MEETINGS}/overview", headers=t.headers("steering_group"))
    ).json()
    assert overview["next_meeting"]["id"] == soon["id"]
    assert [a["title"] for a in overview["open_action_items"]] == ["Bericht schreiben"]
    assert overview["open_action_items"][0]["meeting_id"] == past["id"]
    assert overview["open_action_items_total"] == 1 and overview["overdue_action_items"] == 1

    _, reader = await client_headers(client, t, ["steering:read"])
    assert (await client.get(MEETINGS, headers=reader)).status_code == 200
    assert (
        await client.post(
            MEETINGS,
            json={"title": "S", "starts_at": at(5), "ends_at": at(6)},
            headers=reader,
        )
    ).status_code == 403
