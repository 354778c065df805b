"""Problem details speak the reader's language: German by default and for ``de``,
English for ``en``; what machines read (type, code, field, error type) never changes."""

from __future__ import annotations

import uuid

from kokoma.access.permissions import Role

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


async def _new_municipality(client, headers, slug: str):
    return await client.post(
        "/api/v1/municipalities", json={"name": f"Gemeinde {slug}", "slug": slug}, headers=headers
    )


async def test_a_service_message_in_german_and_in_english(client, tenants):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    slug = f"s{uuid.uuid4().hex[:6]}"
    assert (await _new_municipality(client, admin, slug)).status_code == 201

    german = (await _new_municipality(client, {**admin, **GERMAN}, slug)).json()
    english = (await _new_municipality(client, {**admin, **ENGLISH}, slug)).json()
    default = (await _new_municipality(client, admin, slug)).json()

    assert german["detail"] == f"Das Kürzel „{slug}“ ist schon vergeben."
    assert german["title"] == "Konflikt"
    assert english["detail"] == f"The slug '{slug}' is already taken."
    assert english["title"] == "Conflict"
    assert default["detail"] == german["detail"]
    for body in (german, english):
        assert body["type"] == "urn:kokoma:problem:conflict"
        assert body["status"] == 409


async def test_pydantic_and_rule_errors_per_field_in_german(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    body = {
        "email": "nicht-erreichbar",
        "full_name": "   ",
        "role": "chief",
        "password": "x" * 12,
        "unexpected": True,
    }
    response = await client.post(
        "/api/v1/users", json=body, headers={**tenant.headers("coordinator"), **GERMAN}
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["detail"] == "Die Anfrage ist nicht gültig."
    messages = {error["field"]: (error["type"], error["message"]) for error in problem["errors"]}
    assert messages["body.email"] == ("value_error", "Das ist keine gültige E-Mail-Adresse.")
    assert messages["body.full_name"] == ("string_too_short", "Zu kurz: mindestens 1 Zeichen.")
    assert messages["body.role"][0] == "enum"
    assert messages["body.role"][1].startswith("Dieser Wert ist nicht vorgesehen; möglich sind ")
    assert " oder " in messages["body.role"][1]
    assert messages["body.unexpected"] == ("extra_forbidden", "Dieses Feld ist nicht vorgesehen.")

    english = await client.post(
        "/api/v1/users", json=body, headers={**tenant.headers("coordinator"), **ENGLISH}
    )
    english_messages = {error["field"]: error["message"] for error in english.json()["errors"]}
    assert english_messages["body.email"].startswith("value is not a valid email address")
    assert set(english_messages) == set(messages)


async def test_a_rule_of_a_service_in_german(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    body = {
        "email": f"{uuid.uuid4().hex[:8]}@example.org",
        "full_name": "Erika Muster",
        "role": "conflict_manager",
        "password": "aaaaaaaaaaaab",
    }
    response = await client.post("/api/v1/users", json=body, headers=tenant.headers("coordinator"))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error == {
        "field": "body.password",
        "message": "Dieses Passwort ist zu verbreitet; bitte ein anderes wählen.",
        "type": "password_policy",
    }
    assert response.json()["detail"] == error["message"]


async def test_a_validator_message_and_a_framework_answer_in_german(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR,))
    headers = tenant.headers("coordinator")
    listed = await client.get(
        "/api/v1/cases", params={"escalation_min": 5, "escalation_max": 2}, headers=headers
    )
    assert listed.status_code == 422, listed.text
    assert "Eskalationsstufe" in str(listed.json()["errors"])
    unknown = await client.get("/api/v1/nowhere", headers=headers)
    assert unknown.json()["title"] == "Nicht gefunden"
    assert unknown.json()["detail"] == "Die Seite wurde nicht gefunden."
    anonymous = await client.get("/api/v1/cases")
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"] == "Nicht angemeldet."
