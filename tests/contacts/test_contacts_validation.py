"""Contact input is bounded: bad input is a 422 problem on both databases, never a 500."""

from __future__ import annotations

import pytest

from tests.contacts.helpers import WRITER
from tests.support import make_contact

VALID = {
    "kind": "organisation",
    "name": "Tafel Eisenach e.V.",
    "actor_group": "counselling_services",
    "legal_basis": "publicly_available",
}

BAD_CONTACTS = {
    "unknown field": {**VALID, "is_admin": True},
    "NUL byte": {**VALID, "name": "Tafel\x00Eisenach"},
    "control character": {**VALID, "notes": "a\x07b"},
    "name too long": {**VALID, "name": "x" * 201},
    "notes too long": {**VALID, "notes": "x" * 5001},
    "too many topics": {**VALID, "topics": [f"Thema {i}" for i in range(21)]},
    "topic too long": {**VALID, "topics": ["x" * 81]},
    "empty topic": {**VALID, "topics": [""]},
    "bad e-mail": {**VALID, "email": "kein-at-zeichen"},
    "bad phone": {**VALID, "phone": "call me"},
    "unknown actor group": {**VALID, "actor_group": "aliens"},
    "unknown legal basis": {**VALID, "legal_basis": "gut feeling"},
    "not a uuid": {**VALID, "organisation_id": "123"},
    "huge number as uuid": {**VALID, "organisation_id": 10**30},
    "bad date": {**VALID, "legal_basis": "consent", "consent_date": "2026-02-30"},
    "kind missing": {k: v for k, v in VALID.items() if k != "kind"},
}


@pytest.mark.parametrize("body", BAD_CONTACTS.values(), ids=BAD_CONTACTS.keys())
async def test_bad_contact_is_refused(client, tenants, body) -> None:
    t = await tenants.make()
    response = await client.post("/api/v1/contacts", json=body, headers=t.headers(WRITER))
    assert response.status_code == 422
    assert response.json()["errors"]
    assert (await client.get("/api/v1/contacts", headers=t.headers(WRITER))).json()["items"] == []


async def test_bad_updates_and_queries_are_refused(client, tenants) -> None:
    t = await tenants.make()
    contact = await make_contact(client, t)
    url = f"/api/v1/contacts/{contact['id']}"
    headers = {**t.headers(WRITER), "If-Match": '"1"'}
    for body in (
        {"kind": "organisation"},
        {"family_name": "x" * 101},
        {"notes": "\x00"},
        {"actor_group": None},
        {"legal_basis": None},
        {"steering_group_member": None},
    ):
        assert (await client.patch(url, json=body, headers=headers)).status_code == 422, body
    for query in (
        "limit=0",
        "limit=101",
        "limit=99999999999999999999",
        "q=" + "x" * 101,
        "actor_group=aliens",
        "sort=salary",
        "steering_group=vielleicht",
    ):
        response = await client.get(f"/api/v1/contacts?{query}", headers=t.headers(WRITER))
        assert response.status_code == 422, query
    unchanged = (await client.get(url, headers=t.headers(WRITER))).json()
    assert unchanged["version"] == 1


async def test_bad_relations_are_refused(client, tenants) -> None:
    t = await tenants.make()
    a = await make_contact(client, t)
    url = f"/api/v1/contacts/{a['id']}/relations"
    for body in (
        {"target_id": a["id"], "relation_type": "friendship"},
        {"target_id": a["id"], "relation_type": "other", "note": "x" * 1001},
        {"target_id": a["id"], "relation_type": "other", "weight": 3},
    ):
        assert (await client.post(url, json=body, headers=t.headers(WRITER))).status_code == 422
