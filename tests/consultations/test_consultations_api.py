"""Consultations: documenting, changing, finding and deleting them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.cases.models import Case
from kokoma.events.models import DomainEvent
from tests.consultations.helpers import WRITER, consultation_body, make_consultation
from tests.contacts.helpers import make_organisation
from tests.support import etag, insert_case, make_contact

BASE = "/api/v1/consultations"


async def audit_actions(db, resource_id: str) -> list[str]:
    async with db() as session:
        return list(
            await session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.resource_id == resource_id)
                .order_by(AuditEvent.id)
            )
        )


async def test_end_time_sets_the_duration_and_detail_shows_notes(client, tenants, db) -> None:
    t = await tenants.make()
    created = await client.post(
        BASE,
        json=consultation_body(
            started_at="2026-04-02T09:00:00+02:00",
            duration_minutes=None,
            ended_at="2026-04-02T10:15:00+02:00",
            confidential_notes="Frau K. fürchtet um ihre Stelle.",
        ),
        headers=t.headers(WRITER),
    )
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    body = created.json()
    assert body["duration_minutes"] == 75
    assert body["started_at"] == "2026-04-02T07:00:00Z"
    assert body["ended_at"] == "2026-04-02T08:15:00Z"
    assert body["case_id"] is None

    detail = await client.get(f"{BASE}/{body['id']}", headers=t.headers("coordinator"))
    assert detail.json()["confidential_notes"] == "Frau K. fürchtet um ihre Stelle."
    listed = (await client.get(BASE, headers=t.headers("coordinator"))).json()["items"]
    assert "confidential_notes" not in listed[0]
    assert listed[0]["has_confidential_notes"] is True
    assert "fürchtet" not in str(listed)
    assert await audit_actions(db, body["id"]) == [
        "consultation.create",
        "consultation.read_confidential",
    ]


async def test_reading_without_notes_is_not_a_confidential_read(client, tenants, db) -> None:
    t = await tenants.make()
    consultation = await make_consultation(client, t)
    await client.get(f"{BASE}/{consultation['id']}", headers=t.headers(WRITER))
    assert await audit_actions(db, consultation["id"]) == ["consultation.create"]


async def test_detail_without_notes_is_not_audited(client, tenants, db) -> None:
    t = await tenants.make()
    consultation = await make_consultation(client, t, confidential_notes="Nur intern")
    url = f"{BASE}/{consultation['id']}"

    shown = await client.get(url, params={"notes": "false"}, headers=t.headers(WRITER))
    assert shown.status_code == 200
    assert shown.json()["confidential_notes"] is None
    assert shown.json()["has_confidential_notes"] is True
    assert shown.headers["ETag"] == '"1"'
    assert await audit_actions(db, consultation["id"]) == ["consultation.create"]

    revealed = await client.get(url, headers=t.headers(WRITER))
    assert revealed.json()["confidential_notes"] == "Nur intern"
    assert await audit_actions(db, consultation["id"]) == [
        "consultation.create",
        "consultation.read_confidential",
    ]


async def test_time_rules(client, tenants) -> None:
    t = await tenants.make()
    bad = [
        ({"ended_at": "2026-03-12T14:00:00+01:00", "duration_minutes": None}, "body.ended_at"),
        ({"ended_at": "2026-03-12T15:00:00+01:00", "duration_minutes": None}, "body.ended_at"),
        ({"ended_at": "2026-03-12T16:00:00+01:00"}, "body.ended_at"),
        ({"duration_minutes": None}, "body.duration_minutes"),
        ({"ended_at": "2026-03-14T16:00:00+01:00", "duration_minutes": None}, "body.ended_at"),
        ({"duration_minutes": 0}, "body.duration_minutes"),
        ({"duration_minutes": 1441}, "body.duration_minutes"),
        ({"duration_minutes": 10**20}, "body.duration_minutes"),
        ({"started_at": "2031-01-01T10:00:00+01:00"}, "body.started_at"),
        ({"started_at": "1990-01-01T10:00:00+01:00"}, "body.started_at"),
        ({"started_at": "2026-03-12T15:00:00"}, "body.started_at"),
    ]
    for fields, field in bad:
        response = await client.post(
            BASE, json=consultation_body(**fields), headers=t.headers(WRITER)
        )
        assert response.status_code == 422, fields
        assert field in [e["field"] for e in response.json()["errors"]], (fields, response.text)
    assert (await client.get(BASE, headers=t.headers(WRITER))).json()["items"] == []


async def test_changing_start_keeps_duration_and_end_cannot_precede_start(client, tenants) -> None:
    t = await tenants.make()
    consultation = await make_consultation(client, t, duration_minutes=60)
    url = f"{BASE}/{consultation['id']}"
    moved = await client.patch(
        url,
        json={"started_at": "2026-03-13T10:00:00+01:00"},
        headers={**t.headers(WRITER), **etag(consultation)},
    )
    assert moved.json()["ended_at"] == "2026-03-13T10:00:00Z"
    backwards = await client.patch(
        url,
        json={"ended_at": "2026-03-13T08:00:00+01:00"},
        headers={**t.headers(WRITER), **etag(moved.json())},
    )
    assert backwards.status_code == 422
    assert (await client.get(url, headers=t.headers(WRITER))).json()["duration_minutes"] == 60


async def test_lists_name_the_case_and_mark_planned_consultations(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    held = await make_consultation(client, t, case_id=str(case.id))
    ahead = (datetime.now(UTC) + timedelta(days=14)).isoformat()
    planned = await make_consultation(client, t, started_at=ahead)
    listed = await client.get(BASE, headers=t.headers(WRITER))
    items = {item["id"]: item for item in listed.json()["items"]}
    assert items[held["id"]]["case"] == {
        "id": str(case.id),
        "reference": case.reference,
        "title": "Streit um den Jugendclub",
    }
    assert items[held["id"]]["planned"] is False
    assert (items[planned["id"]]["case"], items[planned["id"]]["planned"]) == (None, True)
    # The referral itself is a record of the case: a consultation carries none.
    refused = await client.post(
        BASE,
        json=consultation_body(kind="referral", referral={"target_service": "ezra"}),
        headers=t.headers(WRITER),
    )
    assert refused.status_code == 422


async def test_participants_and_head_count(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    person = await make_contact(client, t, given_name="Jonas", family_name="Albrecht")
    org = await make_organisation(client, t, "Ortsteilrat Neuenhof")
    foreign = await make_contact(client, other)

    made = await make_consultation(
        client, t, participant_ids=[org["id"], person["id"], person["id"]], head_count=7
    )
    assert [p["name"] for p in made["participants"]] == ["Jonas Albrecht", "Ortsteilrat Neuenhof"]
    listed = (await client.get(BASE, headers=t.headers(WRITER))).json()["items"]
    assert [[p["name"] for p in c["participants"]] for c in listed if c["id"] == made["id"]] == [
        ["Jonas Albrecht", "Ortsteilrat Neuenhof"]
    ]
    too_few = await client.post(
        BASE,
        json=consultation_body(participant_ids=[person["id"], org["id"]], head_count=1),
        headers=t.headers(WRITER),
    )
    assert too_few.status_code == 422
    with_foreign = await client.post(
        BASE, json=consultation_body(participant_ids=[foreign["id"]]), headers=t.headers(WRITER)
    )
    assert with_foreign.status_code == 404

    fewer = await client.patch(
        f"{BASE}/{made['id']}",
        json={"participant_ids": [org["id"]]},
        headers={**t.headers(WRITER), **etag(made)},
    )
    assert [p["id"] for p in fewer.json()["participants"]] == [org["id"]]
    assert fewer.json()["version"] == 2


async def test_update_and_delete_need_the_current_etag(client, tenants) -> None:
    t = await tenants.make()
    consultation = await make_consultation(client, t)
    url = f"{BASE}/{consultation['id']}"
    assert (
        await client.patch(url, json={"summary": "neu"}, headers=t.headers(WRITER))
    ).status_code == 428
    first = await client.patch(
        url,
        json={"summary": "Nachbesprechung"},
        headers={**t.headers(WRITER), **etag(consultation)},
    )
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    stale = await client.patch(
        url, json={"summary": "überschrieben"}, headers={**t.headers(WRITER), **etag(consultation)}
    )
    assert stale.status_code == 412
    assert (await client.delete(url, headers=t.headers(WRITER))).status_code == 428
    assert (
        await client.delete(url, headers={**t.headers(WRITER), **etag(consultation)})
    ).status_code == 412
    assert (
        await client.delete(url, headers={**t.headers(WRITER), **etag(first.json())})
    ).status_code == 204
    assert (await client.get(url, headers=t.headers(WRITER))).status_code == 404
    for required in ("kind", "started_at", "summary"):
        response = await client.patch(
            f"{BASE}/{(await make_consultation(client, t))['id']}",
            json={required: None},
            headers={**t.headers(WRITER), "If-Match": '"1"'},
        )
        assert response.status_code == 422, required


async def test_consultations_of_a_case(client, tenants, db) -> None:
    t, other = await tenants.make(), await tenants.make()
    case = await insert_case(db, t)
    foreign_case = await insert_case(db, other)
    archived = await insert_case(db, t, archived=True)
    case_url = f"/api/v1/cases/{case.id}/consultations"

    made = await client.post(case_url, json=consultation_body(), headers=t.headers(WRITER))
    assert made.status_code == 201 and made.json()["case_id"] == str(case.id)
    await make_consultation(client, t)  # general advice, without a case
    listed = (await client.get(case_url, headers=t.headers(WRITER))).json()["items"]
    assert [c["id"] for c in listed] == [made.json()["id"]]

    for url in (
        f"/api/v1/cases/{foreign_case.id}/consultations",
        f"/api/v1/cases/{uuid.uuid4()}/consultations",
    ):
        assert (await client.get(url, headers=t.headers(WRITER))).status_code == 404
        assert (
            await client.post(url, json=consultation_body(), headers=t.headers(WRITER))
        ).status_code == 404
    to_archived = await client.post(
        f"/api/v1/cases/{archived.id}/consultations",
        json=consultation_body(),
        headers=t.headers(WRITER),
    )
    assert to_archived.status_code == 409
    case_in_body = await client.post(
        case_url, json=consultation_body(case_id=str(case.id)), headers=t.headers(WRITER)
    )
    assert case_in_body.status_code == 422  # the path names the case
    moved_abroad = await client.patch(
        f"{BASE}/{made.json()['id']}",
        json={"case_id": str(foreign_case.id)},
        headers={**t.headers(WRITER), "If-Match": '"1"'},
    )
    assert moved_abroad.status_code == 404


async def test_list_filters_and_paging(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    person = await make_contact(client, t)
    # Half past midnight on 1 April in Germany is still 31 March in UTC: days are local.
    late = await make_consultation(
        client,
        t,
        started_at="2026-04-01T00:30:00+02:00",
        format="phone",
        kind="follow_up",
        summary="Nachfrage zum Runden Tisch",
        case_id=str(case.id),
    )
    april = await make_consultation(
        client,
        t,
        started_at="2026-04-01T10:00:00+02:00",
        format="online",
        kind="mediation",
        summary="Mediation Sportplatz",
        participant_ids=[person["id"]],
    )
    may = await make_consultation(
        client,
        t,
        started_at="2026-05-04T10:00:00+02:00",
        summary="Erstgespräch mit dem RUNDEN Tisch",
        kind="initial_talk",
    )

    async def ids(query: str) -> list[str]:
        response = await client.get(f"{BASE}?{query}", headers=t.headers(WRITER))
        assert response.status_code == 200, response.text
        return [c["id"] for c in response.json()["items"]]

    assert await ids("") == [may["id"], april["id"], late["id"]]
    assert await ids("sort=started_at") == [late["id"], april["id"], may["id"]]
    assert await ids(f"case_id={case.id}") == [late["id"]]
    assert await ids("with_case=false") == [may["id"], april["id"]]
    assert await ids("kind=mediation&kind=follow_up") == [april["id"], late["id"]]
    assert await ids("format=phone") == [late["id"]]
    assert await ids(f"participant_id={person['id']}") == [april["id"]]
    assert await ids("date_from=2026-04-01&date_to=2026-04-30") == [april["id"], late["id"]]
    assert await ids("date_to=2026-03-31") == []
    assert await ids("date_from=2026-04-02") == [may["id"]]
    assert await ids("q=runden tisch") == [may["id"], late["id"]]
    assert await ids("q=50%25") == []
    bad_range = await client.get(
        f"{BASE}?date_from=2026-05-01&date_to=2026-04-01", headers=t.headers(WRITER)
    )
    assert bad_range.status_code == 422
    for far in ("date_from=0001-01-01", "date_to=9999-12-31"):
        assert (await client.get(f"{BASE}?{far}", headers=t.headers(WRITER))).status_code == 422, (
            far
        )

    seen, cursor = [], None
    while True:
        page = (
            await client.get(
                f"{BASE}?limit=2" + (f"&cursor={cursor}" if cursor else ""),
                headers=t.headers(WRITER),
            )
        ).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [may["id"], april["id"], late["id"]]


async def test_webhook_events_and_audit_carry_ids_and_field_names_only(
    client, tenants, db
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t, assignees=(t.user(WRITER).id,))
    made = await make_consultation(
        client,
        t,
        case_id=str(case.id),
        summary="Geheimes Thema",
        confidential_notes="Streng vertraulich",
    )
    changed = await client.patch(
        f"{BASE}/{made['id']}",
        json={"agreements": "Treffen im Mai", "head_count": 4},
        headers={**t.headers(WRITER), **etag(made)},
    )
    await client.delete(
        f"{BASE}/{made['id']}", headers={**t.headers(WRITER), **etag(changed.json())}
    )

    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent)
                .where(DomainEvent.resource_id == uuid.UUID(made["id"]))
                .order_by(DomainEvent.occurred_at)
            )
        )
        audits = list(
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.resource_id == made["id"])
                .order_by(AuditEvent.id)
            )
        )
    assert [e.event_type for e in events] == [
        "consultation.created",
        "consultation.updated",
        "consultation.deleted",
    ]
    assert events[1].data == {
        "consultation_id": made["id"],
        "case_id": str(case.id),
        "fields": ["agreements", "head_count"],
    }
    # The update response carried the notes it did not change: that read is on record too.
    assert [a.action for a in audits] == [
        "consultation.create",
        "consultation.update",
        "consultation.read_confidential",
        "consultation.delete",
    ]
    stored = str([e.data for e in events]) + str([a.details for a in audits])
    assert "Geheim" not in stored and "vertraulich" not in stored and "Treffen" not in stored


async def test_consultations_of_an_archived_case_are_frozen(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    consultation = await make_consultation(client, t, case_id=str(case.id))
    async with db() as session:
        (await session.get(Case, case.id)).archived = True
        await session.commit()
    url = f"{BASE}/{consultation['id']}"
    headers = {**t.headers(WRITER), **etag(consultation)}
    assert (
        await client.patch(url, json={"summary": "später"}, headers=headers)
    ).status_code == 409
    assert (await client.delete(url, headers=headers)).status_code == 409
    kept = (await client.get(url, headers=t.headers(WRITER))).json()
    assert kept["summary"] == consultation["summary"] and kept["version"] == 1
