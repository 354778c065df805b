"""The right of access (Art. 15): the export holds the person's data from every source,
nothing of another person or municipality, and it is audited."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from tests.privacy.helpers import PRIVACY, spread_person


async def test_export_holds_every_source_and_nothing_else(client, db, tenants) -> None:
    t = await tenants.make()
    other = await tenants.make()
    person = await spread_person(client, db, t)
    neighbour = await spread_person(client, db, t, "Gerlinde", "Ottenbach")
    elsewhere = await spread_person(client, db, other)  # same name, other municipality
    coordinator = t.headers("coordinator")

    found = await client.get(f"{PRIVACY}/people", params={"q": "quandtmeyer"}, headers=coordinator)
    assert found.status_code == 200, found.text
    assert [c["id"] for c in found.json()["contacts"]] == [person.contact["id"]]
    assert [p["id"] for p in found.json()["participants"]] == [str(person.participant_id)]

    response = await client.post(
        f"{PRIVACY}/access-reports",
        json={"name": person.name, "contact_ids": [person.contact["id"]]},
        headers=coordinator,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    report = response.json()
    assert [c["email"] for c in report["contacts"]] == [person.email]
    assert [p["case_id"] for p in report["case_parties"]] == [person.case["id"]]
    assert [c["consultation_id"] for c in report["consultations"]] == [person.consultation["id"]]
    assert [p["id"] for p in report["training_participations"]] == [str(person.participant_id)]
    assert [c["id"] for c in report["certificates"]] == [str(person.certificate_id)]
    fields = {(m["table"], m["record_id"], m["field"]) for m in report["mentions"]}
    assert ("consultations", person.consultation["id"], "summary") in fields
    assert ("consultations", person.consultation["id"], "next_steps") in fields
    assert {p["category"] for p in report["processing"]} >= {"Netzwerkkontakte"}
    assert all(p["legal_basis"] and p["retention"] for p in report["processing"])

    text = response.text
    for foreign in (neighbour.name, neighbour.email, neighbour.consultation["id"]):
        assert foreign not in text
    for foreign in (elsewhere.contact["id"], elsewhere.case["id"], str(elsewhere.participant_id)):
        assert foreign not in text

    async with db() as session:
        entry = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "privacy.access_export",
                AuditEvent.resource_id == person.contact["id"],
            )
        )
    assert entry is not None
    assert entry.details["format"] == "json"
    assert person.name not in str(entry.details)


async def test_pdf_export(client, db, tenants) -> None:
    t = await tenants.make()
    person = await spread_person(client, db, t)
    response = await client.post(
        f"{PRIVACY}/access-reports",
        params={"format": "pdf"},
        json={"name": person.name, "contact_ids": [person.contact["id"]]},
        headers=t.headers("coordinator"),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert "Auskunft über gespeicherte personenbezogene Daten" in pages[0]
    assert f"Betroffene Person: {person.name}" in pages[0]
    assert "Datenschutz-Aufsichtsbehörde" in pages[-1]
    # The running head and the page number every PDF of KoKoMa carries.
    for number, page in enumerate(pages, 1):
        assert "Auskunft nach Art. 15 DSGVO" in page
        assert f"Seite {number}" in page


async def test_only_coordinators_export(client, db, tenants) -> None:
    t = await tenants.make()
    other = await tenants.make()
    person = await spread_person(client, db, t)
    body = {"name": person.name, "contact_ids": [person.contact["id"]]}
    for role in ("conflict_manager", "steering_group", "trainer", "admin"):
        refused = await client.post(
            f"{PRIVACY}/access-reports", json=body, headers=t.headers(role)
        )
        assert refused.status_code == 403, role
    foreign = await client.post(
        f"{PRIVACY}/access-reports", json=body, headers=other.headers("coordinator")
    )
    assert foreign.status_code == 404
