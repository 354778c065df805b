"""The right to erasure (Art. 17): four eyes, legal holds, open cases confirmed, and
afterwards no table holds the person's name, e-mail or phone while statistics stay equal."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.attachments.models import Attachment
from kokoma.audit.models import AuditEvent
from tests.attachments.helpers import PDF, stored_files, upload
from tests.case_analysis.helpers import analysis_url, put_analysis
from tests.contacts.test_contacts_linked_delete import open_case_with_party
from tests.privacy.helpers import PRIVACY, Person, spread_person, text_containing
from tests.support import Tenant, etag, make_contact


def _unique() -> str:
    letters = "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:8])
    return "Quandt" + letters


async def _request(client: Any, tenant: Tenant, person: Person, role: str = "conflict_manager"):
    return await client.post(
        f"{PRIVACY}/erasures",
        json={
            "contact_id": person.contact["id"],
            "reason": f"Antrag von {person.name} vom 1. Dezember",
            "confirm_open_cases": True,
        },
        headers=tenant.headers(role),
    )


async def _statistics(client: Any, tenant: Tenant) -> dict[str, Any]:
    response = await client.get(
        "/api/v1/statistics/overview",
        params={"from": "2020-01-01", "to": "2029-12-31"},
        headers=tenant.headers("coordinator"),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_erasure_leaves_no_trace_and_keeps_the_statistics(client, db, tenants) -> None:
    t = await tenants.make()
    second = await tenants.add_user(t, Role.COORDINATOR)
    person = await spread_person(client, db, t, "Henrike", _unique())
    before = await _statistics(client, t)
    assert "consultations.summary" in await text_containing(db, person.name)

    requested = await _request(client, t, person)
    assert requested.status_code == 201, requested.text
    pending = (
        await client.get(
            f"{PRIVACY}/erasures/{requested.json()['id']}", headers=t.headers("coordinator")
        )
    ).json()
    assert pending["status"] == "requested"
    assert pending["needs_second_person"] is True
    assert [c["id"] for c in pending["cases"]] == [person.case["id"]]
    redact = [{k: m[k] for k in ("table", "record_id", "field")} for m in pending["mentions"]]
    assert {("consultations", "summary"), ("consultations", "next_steps")} <= {
        (m["table"], m["field"]) for m in redact
    }

    url = f"{PRIVACY}/erasures/{pending['id']}/approve"
    unguarded = await client.post(url, json={"redact": redact}, headers=t.headers("coordinator"))
    assert unguarded.status_code == 428
    done = await client.post(
        url, json={"redact": redact}, headers={**t.headers("coordinator"), **etag(pending)}
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert done.json()["label"] == "Person A"

    assert await text_containing(db, person.name, person.email, person.phone) == []
    assert await _statistics(client, t) == before

    contact = await client.get(
        f"/api/v1/contacts/{person.contact['id']}", headers=t.headers("conflict_manager")
    )
    assert contact.json()["name"] == "Person A"
    for path in ("/api/v1/contacts", "/api/v1/cases"):
        listed = await client.get(
            path, params={"q": person.name.split()[1]}, headers=t.headers("coordinator")
        )
        assert listed.json()["items"] == [], path
    case = await client.get(f"/api/v1/cases/{person.case['id']}", headers=t.headers("coordinator"))
    assert [p["name"] for p in case.json()["parties"]] == ["Person A"]
    assert second.user.id  # a second coordinator existed: four eyes were needed

    async with db() as session:
        entry = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "privacy.erasure",
                AuditEvent.resource_id == person.contact["id"],
            )
        )
    assert entry is not None
    assert entry.details["records"]["certificates"] == [str(person.certificate_id)]


async def test_requester_cannot_confirm_their_own_erasure(client, db, tenants) -> None:
    t = await tenants.make()
    second = await tenants.add_user(t, Role.COORDINATOR)
    person = await spread_person(client, db, t, "Henrike", _unique())
    requested = (await _request(client, t, person, "coordinator")).json()
    url = f"{PRIVACY}/erasures/{requested['id']}/approve"
    own = await client.post(url, json={}, headers={**t.headers("coordinator"), **etag(requested)})
    assert own.status_code == 403
    confirmed = await client.post(url, json={}, headers={**second.headers, **etag(requested)})
    assert confirmed.status_code == 200, confirmed.text


async def test_single_coordinator_may_confirm_alone(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    requested = (await _request(client, t, person, "coordinator")).json()
    assert requested["needs_second_person"] is False
    done = await client.post(
        f"{PRIVACY}/erasures/{requested['id']}/approve",
        json={},
        headers={**t.headers("coordinator"), **etag(requested)},
    )
    assert done.status_code == 200, done.text


async def test_conflict_manager_asks_but_does_not_confirm(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    requested = (await _request(client, t, person)).json()
    refused = await client.post(
        f"{PRIVACY}/erasures/{requested['id']}/approve",
        json={},
        headers={**t.headers("conflict_manager"), **etag(requested)},
    )
    assert refused.status_code == 403
    for role in ("steering_group", "trainer", "admin"):
        assert (await _request(client, t, person, role)).status_code == 403, role


async def test_open_cases_need_confirmation(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    response = await client.post(
        f"{PRIVACY}/erasures",
        json={"contact_id": person.contact["id"], "reason": "Antrag"},
        headers=t.headers("conflict_manager"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.confirm_open_cases"


async def test_legal_hold_blocks_erasure(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    coordinator = t.headers("coordinator")
    no_reason = await client.post(
        f"{PRIVACY}/legal-holds", json={"case_id": person.case["id"]}, headers=coordinator
    )
    assert no_reason.status_code == 422
    blank = await client.post(
        f"{PRIVACY}/legal-holds",
        json={"case_id": person.case["id"], "reason": "   "},
        headers=coordinator,
    )
    assert blank.status_code == 422
    hold = await client.post(
        f"{PRIVACY}/legal-holds",
        json={"case_id": person.case["id"], "reason": "Verfahren am Verwaltungsgericht"},
        headers=coordinator,
    )
    assert hold.status_code == 201, hold.text
    blocked = await _request(client, t, person)
    assert blocked.status_code == 409
    assert blocked.json()["cases"] == [person.case["reference"]]

    released = await client.post(
        f"{PRIVACY}/legal-holds/{hold.json()['id']}/release",
        headers={**coordinator, **etag(hold.json())},
    )
    assert released.status_code == 200, released.text
    assert (await _request(client, t, person)).status_code == 201


async def test_hold_placed_after_the_request_blocks_the_confirmation(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    requested = (await _request(client, t, person)).json()
    await client.post(
        f"{PRIVACY}/legal-holds",
        json={"case_id": person.case["id"], "reason": "Anfrage der Staatsanwaltschaft"},
        headers=t.headers("coordinator"),
    )
    blocked = await client.post(
        f"{PRIVACY}/erasures/{requested['id']}/approve",
        json={},
        headers={**t.headers("coordinator"), **etag(requested)},
    )
    assert blocked.status_code == 409


async def test_rejected_request_changes_nothing(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    requested = (await _request(client, t, person)).json()
    rejected = await client.post(
        f"{PRIVACY}/erasures/{requested['id']}/reject",
        json={"reason": "Aufbewahrungspflicht"},
        headers={**t.headers("coordinator"), **etag(requested)},
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "rejected"
    contact = await client.get(
        f"/api/v1/contacts/{person.contact['id']}", headers=t.headers("coordinator")
    )
    assert contact.json()["email"] == person.email


async def test_files_on_the_persons_records_are_offered_and_deleted_with_the_erasure(
    client, db, tenants, settings
) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t, "Henrike", _unique())
    other = await open_case_with_party(
        client, t, await make_contact(client, t, kind="organisation")
    )
    before = stored_files(settings)
    sent = {}
    for kind, record in (("cases", person.case), ("consultations", person.consultation)):
        response = await client.post(
            f"/api/v1/{kind}/{record['id']}/attachments",
            headers=t.headers("coordinator"),
            files=upload(f"Brief {person.name}.pdf", PDF),
        )
        assert response.status_code == 201, response.text
        sent[kind] = response.json()["id"]
    unrelated = await client.post(
        f"/api/v1/cases/{other['id']}/attachments",
        headers=t.headers("coordinator"),
        files=upload("Protokoll.pdf", PDF),
    )
    assert unrelated.status_code == 201, unrelated.text
    # An actor of the case analysis, linked to the person and named after them.
    analysis = await put_analysis(
        client,
        t,
        person.case,
        {"actors": [{"key": "p", "label": person.name, "contact_id": person.contact["id"]}]},
    )
    assert analysis.status_code == 200, analysis.text

    requested = await _request(client, t, person)
    pending = (
        await client.get(
            f"{PRIVACY}/erasures/{requested.json()['id']}", headers=t.headers("coordinator")
        )
    ).json()
    assert {f["id"] for f in pending["files"]} == set(sent.values())
    assert {f["owner_type"] for f in pending["files"]} == {"case", "consultation"}
    redact = [{k: m[k] for k in ("table", "record_id", "field")} for m in pending["mentions"]]
    assert ("case_analyses", "content") in {(m["table"], m["field"]) for m in redact}

    url = f"{PRIVACY}/erasures/{pending['id']}/approve"
    headers = {**t.headers("coordinator"), **etag(pending), "Accept-Language": "de"}
    foreign = await client.post(
        url,
        json={"redact": redact, "delete_files": [unrelated.json()["id"]]},
        headers=headers,
    )
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["message"].startswith("Nur Dateien")
    done = await client.post(
        url, json={"redact": redact, "delete_files": list(sent.values())}, headers=headers
    )
    assert done.status_code == 200, done.text
    assert sorted(done.json()["changed"]["attachments"]) == sorted(sent.values())

    assert await text_containing(db, person.name, person.email, person.phone) == []
    # The person's files are gone from the disk too; the unrelated one stays.
    assert len(stored_files(settings) - before) == 1
    async with db() as session:
        left = set(await session.scalars(select(Attachment.id)))
    assert uuid.UUID(unrelated.json()["id"]) in left
    assert not {uuid.UUID(i) for i in sent.values()} & left
    # The actor still points to the contact, which now carries the neutral label only.
    shown = await client.get(analysis_url(person.case), headers=t.headers("coordinator"))
    [actor] = shown.json()["content"]["actors"]
    assert actor["contact_id"] == person.contact["id"]
    assert actor["label"] == "Person A"
