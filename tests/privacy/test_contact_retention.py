"""Contacts nothing links to are deleted after the municipality's period unless their
consent still holds; consent can carry an expiry date; deleted contacts leave the actors
of case analyses as labels; the audit log keeps each municipality's own period."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from kokoma.audit.models import AuditEvent
from kokoma.cases.analysis.models import CaseAnalysis
from kokoma.contacts.models import Contact
from kokoma.privacy import retention
from tests.case_analysis.helpers import put_analysis
from tests.contacts.test_contacts_linked_delete import open_case_with_party
from tests.privacy.helpers import PRIVACY
from tests.support import etag, make_case, make_contact

CONTACTS = "/api/v1/contacts"


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


async def _age(db, contact: dict, days: int) -> None:
    async with db() as session:
        await session.execute(
            update(Contact)
            .where(Contact.id == uuid.UUID(contact["id"]))
            .values(updated_at=_ago(days))
            .execution_options(synchronize_session=False)
        )
        await session.commit()


async def _left(db, *contacts: dict) -> set[str]:
    async with db() as session:
        ids = [uuid.UUID(c["id"]) for c in contacts]
        return {
            str(i) for i in await session.scalars(select(Contact.id).where(Contact.id.in_(ids)))
        }


async def test_consent_expiry_is_checked_and_shown(client, tenants) -> None:
    t = await tenants.make()
    headers = {**t.headers("conflict_manager"), "Accept-Language": "de"}
    body = {
        "kind": "person",
        "given_name": "Jana",
        "family_name": "Ablauf",
        "actor_group": "civil_society",
        "legal_basis": "consent",
        "consent_date": "2026-01-10",
    }
    before = await client.post(
        CONTACTS, json={**body, "consent_expires_on": "2026-01-10"}, headers=headers
    )
    assert before.status_code == 422
    [error] = before.json()["errors"]
    assert error["field"] == "body.consent_expires_on"
    assert error["message"].startswith("Die Einwilligung muss")
    wrong_basis = await client.post(
        CONTACTS,
        json={
            **body,
            "legal_basis": "public_task",
            "consent_date": None,
            "consent_expires_on": "2027-01-10",
        },
        headers=headers,
    )
    assert wrong_basis.status_code == 422
    created = await client.post(
        CONTACTS, json={**body, "consent_expires_on": "2027-01-10"}, headers=headers
    )
    assert created.status_code == 201, created.text
    assert created.json()["consent_expires_on"] == "2027-01-10"
    # Leaving consent for another basis drops the expiry date with it.
    changed = await client.patch(
        f"{CONTACTS}/{created.json()['id']}",
        json={"legal_basis": "public_task"},
        headers={**headers, **etag(created.json())},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["consent_expires_on"] is None


async def test_unlinked_contacts_go_unless_their_consent_holds(
    client, db, tenants, settings
) -> None:
    t = await tenants.make()
    today = datetime.now(UTC).date()
    old = 3 * 365 + 10
    plain = await make_contact(client, t, family_name="Ohneband")
    expired = await make_contact(
        client,
        t,
        family_name="Abgelaufen",
        legal_basis="consent",
        consent_date=str(today - timedelta(days=400)),
        consent_expires_on=str(today - timedelta(days=1)),
    )
    holding = await make_contact(
        client,
        t,
        family_name="Gueltig",
        legal_basis="consent",
        consent_date=str(today - timedelta(days=old)),
        consent_expires_on=str(today + timedelta(days=200)),
    )
    expiring = await make_contact(
        client,
        t,
        family_name="Baldweg",
        legal_basis="consent",
        consent_date=str(today - timedelta(days=old)),
        consent_expires_on=str(today + timedelta(days=10)),
    )
    recent = await make_contact(client, t, family_name="Frisch")
    linked = await make_contact(client, t, family_name="Verknuepft")
    case = await open_case_with_party(client, t, linked)
    analysis = await put_analysis(
        client,
        t,
        case,
        {
            "actors": [
                {"key": "p", "label": "Sprecherin", "contact_id": plain["id"]},
                {"key": "q", "label": "Vorstand", "contact_id": linked["id"]},
            ]
        },
    )
    assert analysis.status_code == 200, analysis.text
    for contact in (plain, expired, holding, expiring, linked):
        await _age(db, contact, old)

    upcoming = await client.get(f"{PRIVACY}/upcoming", headers=t.headers("coordinator"))
    listed = {c["id"]: c["due_on"] for c in upcoming.json()["contacts"]}
    assert set(listed) == {plain["id"], expired["id"], expiring["id"]}
    assert listed[expiring["id"]] == str(today + timedelta(days=11))

    async with db() as session:
        counted = await retention.due_counts(session, settings)
    assert counted["unlinked_contacts"] >= 2
    everyone = (plain, expired, holding, expiring, recent, linked)
    assert len(await _left(db, *everyone)) == 6

    async with db() as session:
        await retention.apply(session, settings)
    assert await _left(db, *everyone) == {
        holding["id"],
        expiring["id"],
        recent["id"],
        linked["id"],
    }
    # The actor of the deleted contact stays as a label; the linked one keeps its link.
    async with db() as session:
        row = await session.scalar(
            select(CaseAnalysis)
            .where(CaseAnalysis.case_id == uuid.UUID(case["id"]))
            .execution_options(populate_existing=True)
        )
    assert row is not None
    actors = {a["key"]: a for a in row.content["actors"]}
    assert actors["p"]["contact_id"] is None and actors["p"]["label"] == "Sprecherin"
    assert actors["q"]["contact_id"] == linked["id"]


async def test_deleting_a_contact_unlinks_it_from_case_analyses(client, db, tenants) -> None:
    t = await tenants.make()
    contact = await make_contact(client, t, family_name="Analysiert")
    case = await make_case(client, t)
    body = {"actors": [{"key": "p", "label": "Sprecherin", "contact_id": contact["id"]}]}
    written = await put_analysis(client, t, case, body)
    assert written.status_code == 200, written.text
    saved = await client.post(
        f"/api/v1/cases/{case['id']}/analysis/versions",
        json={"note": "Stand Dezember"},
        headers={**t.headers("conflict_manager"), **etag(written.json())},
    )
    assert saved.status_code == 201, saved.text
    deleted = await client.delete(
        f"{CONTACTS}/{contact['id']}", headers={**t.headers("coordinator"), **etag(contact)}
    )
    assert deleted.status_code == 204, deleted.text
    shown = await client.get(
        f"/api/v1/cases/{case['id']}/analysis", headers=t.headers("conflict_manager")
    )
    assert shown.json()["content"]["actors"][0]["contact_id"] is None
    version = await client.get(
        f"/api/v1/cases/{case['id']}/analysis/versions/1", headers=t.headers("conflict_manager")
    )
    assert version.json()["content"]["actors"][0]["contact_id"] is None


async def test_the_audit_log_keeps_each_municipalitys_period(
    client, db, tenants, settings
) -> None:
    short, default = await tenants.make(), await tenants.make()
    headers = short.headers("coordinator")
    current = (await client.get(f"{PRIVACY}/retention-policy", headers=headers)).json()
    assert current["audit_log_years"] == 2
    changed = await client.put(
        f"{PRIVACY}/retention-policy",
        json={"closed_case_years": 3, "unlinked_contact_years": 3, "audit_log_years": 1},
        headers={**headers, **etag(current)},
    )
    assert changed.status_code == 200, changed.text
    marker = uuid.uuid4().hex
    async with db() as session:
        for tenant in (short, default):
            for days in (400, 800):
                session.add(
                    AuditEvent(
                        action="case.update",
                        municipality_id=tenant.id,
                        occurred_at=_ago(days),
                        details={"marker": marker, "days": days},
                    )
                )
        await session.commit()
    async with db() as session:
        await retention.apply(session, settings)
        rows = await session.execute(
            select(AuditEvent.municipality_id, AuditEvent.details).where(
                AuditEvent.action == "case.update"
            )
        )
        left = {
            (mid, d["days"])
            for mid, d in rows
            if isinstance(d, dict) and d.get("marker") == marker
        }
    assert left == {(default.id, 400)}
    async with db() as session:
        proof = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "privacy.retention_policy",
                AuditEvent.municipality_id == short.id,
            )
        )
    assert proof is not None and proof.details["audit_log_years"] == 1
