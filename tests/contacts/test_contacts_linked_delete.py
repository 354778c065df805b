"""A contact still named in a case or consultation is not deleted: 409 names the links."""

from __future__ import annotations

from typing import Any

from tests.consultations.helpers import make_consultation
from tests.contacts.helpers import WRITER
from tests.support import Tenant, etag, make_contact


async def open_case_with_party(
    client: Any, tenant: Tenant, contact: dict[str, Any], *, visibility: str = "team"
) -> dict[str, Any]:
    coordinator = tenant.headers("coordinator")
    created = await client.post(
        "/api/v1/cases",
        json={
            "title": "Konflikt um das Dorfgemeinschaftshaus",
            "visibility": visibility,
            # The coordinator handles it alone: the conflict manager is not assigned.
            "assignee_ids": [str(tenant.user("coordinator").id)],
        },
        headers=coordinator,
    )
    assert created.status_code == 201, created.text
    case = created.json()
    parties = await client.put(
        f"/api/v1/cases/{case['id']}/parties",
        json={"parties": [{"contact_id": contact["id"], "role_in_conflict": "conflict_party"}]},
        headers={**coordinator, **etag(case)},
    )
    assert parties.status_code == 200, parties.text
    return case


async def test_contact_named_in_a_case_and_a_consultation_is_kept(client, tenants) -> None:
    t = await tenants.make()
    contact = await make_contact(client, t)
    case = await open_case_with_party(client, t, contact)
    consultation = await make_consultation(client, t, participant_ids=[contact["id"]])

    refused = await client.delete(
        f"/api/v1/contacts/{contact['id']}", headers={**t.headers(WRITER), **etag(contact)}
    )
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["links"] == [
        {"type": "case", "id": case["id"], "reference": case["reference"], "visible": True},
        {
            "type": "consultation",
            "id": consultation["id"],
            "started_at": "2026-03-12T14:00:00Z",
            "visible": True,
        },
    ]
    still_there = await client.get(f"/api/v1/contacts/{contact['id']}", headers=t.headers(WRITER))
    assert still_there.status_code == 200

    await client.delete(
        f"/api/v1/consultations/{consultation['id']}",
        headers={**t.headers(WRITER), **etag(consultation)},
    )
    current = (
        await client.get(f"/api/v1/cases/{case['id']}", headers=t.headers("coordinator"))
    ).json()
    await client.put(
        f"/api/v1/cases/{case['id']}/parties",
        json={"parties": []},
        headers={**t.headers("coordinator"), **etag(current)},
    )
    deleted = await client.delete(
        f"/api/v1/contacts/{contact['id']}", headers={**t.headers(WRITER), **etag(contact)}
    )
    assert deleted.status_code == 204


async def test_links_the_caller_cannot_see_are_named_without_details(client, tenants) -> None:
    t = await tenants.make()
    contact = await make_contact(client, t)
    case = await open_case_with_party(client, t, contact, visibility="restricted")

    as_manager = await client.delete(
        f"/api/v1/contacts/{contact['id']}", headers={**t.headers(WRITER), **etag(contact)}
    )
    assert as_manager.status_code == 409
    assert as_manager.json()["links"] == [{"type": "case", "visible": False}]
    assert case["reference"] not in as_manager.text

    as_coordinator = await client.delete(
        f"/api/v1/contacts/{contact['id']}", headers={**t.headers("coordinator"), **etag(contact)}
    )
    assert as_coordinator.json()["links"][0]["reference"] == case["reference"]
