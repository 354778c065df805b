"""Administrators manage API clients: secrets shown once, rotation, revocation, audit."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select

from kokoma.api_clients.models import ApiClient
from kokoma.audit.models import AuditEvent
from tests.support import CLIENTS, client_headers, etag, register_client, request_token


async def test_the_secret_is_shown_once_and_stored_only_as_a_hash(client, tenants, db) -> None:
    t = await tenants.make()
    created = await register_client(client, t, ["cases:read", "statistics:read", "cases:read"])

    secret = created["client_secret"]
    assert len(secret) >= 43  # 32 random bytes, base64url
    assert created["scopes"] == ["cases:read", "statistics:read"]
    assert created["municipality_id"] == str(t.id)
    assert created["is_active"] is True and created["last_used_at"] is None
    admin = t.headers("admin")
    shown = await client.get(f"{CLIENTS}/{created['id']}", headers=admin)
    listed = await client.get(CLIENTS, params={"municipality_id": str(t.id)}, headers=admin)
    assert shown.status_code == 200 and listed.status_code == 200
    assert "client_secret" not in shown.json()
    assert [c["id"] for c in listed.json()["items"]] == [created["id"]]
    assert secret not in listed.text + shown.text
    async with db() as session:
        stored = await session.get(ApiClient, uuid.UUID(created["id"]))
        assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()


async def test_two_clients_get_different_secrets(client, tenants) -> None:
    t = await tenants.make()
    first = await register_client(client, t, [])
    second = await register_client(client, t, [])
    assert first["client_secret"] != second["client_secret"]


async def test_only_client_scopes_can_be_granted(client, tenants) -> None:
    t = await tenants.make()
    for scopes in (["users:manage"], ["api_clients:manage"], ["cases:read", "nonsense"]):
        response = await client.post(
            CLIENTS,
            json={"name": "Zu viel", "municipality_id": str(t.id), "scopes": scopes},
            headers=t.headers("admin"),
        )
        assert response.status_code == 422, scopes
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_unknown_municipality_is_404(client, tenants) -> None:
    t = await tenants.make()
    response = await client.post(
        CLIENTS,
        json={"name": "Niemand", "municipality_id": str(uuid.uuid4()), "scopes": []},
        headers=t.headers("admin"),
    )
    assert response.status_code == 404


async def test_administrators_manage_clients_of_any_municipality(client, tenants) -> None:
    home, partner = await tenants.make(), await tenants.make()
    response = await client.post(
        CLIENTS,
        json={"name": "Partner", "municipality_id": str(partner.id), "scopes": ["cases:read"]},
        headers=home.headers("admin"),
    )
    assert response.status_code == 201
    assert response.json()["municipality_id"] == str(partner.id)
    coordinator = await client.get(CLIENTS, headers=partner.headers("coordinator"))
    assert coordinator.status_code == 403


async def test_update_needs_the_current_etag(client, tenants) -> None:
    t = await tenants.make()
    created = await register_client(client, t, ["cases:read"])
    url, admin = f"{CLIENTS}/{created['id']}", t.headers("admin")
    body = {"name": "Fachverfahren Wartburgkreis", "scopes": ["statistics:read"]}

    assert (await client.patch(url, json=body, headers=admin)).status_code == 428
    updated = await client.patch(url, json=body, headers={**admin, **etag(created)})
    assert updated.status_code == 200
    assert updated.json()["name"] == "Fachverfahren Wartburgkreis"
    assert updated.json()["scopes"] == ["statistics:read"]
    assert updated.headers["ETag"] == '"2"'
    stale = await client.patch(url, json={"name": "Alt"}, headers={**admin, **etag(created)})
    assert stale.status_code == 412


async def test_rotation_replaces_the_secret(client, tenants) -> None:
    t = await tenants.make()
    created = await register_client(client, t, ["cases:read"])
    url, admin = f"{CLIENTS}/{created['id']}/rotate-secret", t.headers("admin")

    assert (await client.post(url, headers=admin)).status_code == 428
    rotated = await client.post(url, headers={**admin, **etag(created)})
    assert rotated.status_code == 200
    new_secret = rotated.json()["client_secret"]
    assert new_secret != created["client_secret"]
    assert rotated.headers["Cache-Control"] == "no-store"
    old = await request_token(client, created["id"], created["client_secret"])
    assert old.status_code == 401
    assert (await request_token(client, created["id"], new_secret)).status_code == 200


async def test_revocation_stops_tokens_at_once(client, tenants) -> None:
    t = await tenants.make()
    created, headers = await client_headers(client, t, ["cases:read"])
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    admin = t.headers("admin")

    revoked = await client.post(
        f"{CLIENTS}/{created['id']}/revoke", headers={**admin, **etag(created)}
    )
    assert revoked.status_code == 200
    assert revoked.json()["is_active"] is False and revoked.json()["revoked_at"]
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 401
    token = await request_token(client, created["id"], created["client_secret"])
    assert token.status_code == 401
    again = await client.post(
        f"{CLIENTS}/{created['id']}/revoke", headers={**admin, **etag(revoked.json())}
    )
    assert again.status_code == 409
    active = await client.get(CLIENTS, params={"municipality_id": str(t.id)}, headers=admin)
    everything = await client.get(
        CLIENTS, params={"municipality_id": str(t.id), "include_revoked": True}, headers=admin
    )
    assert active.json()["items"] == []
    assert [c["id"] for c in everything.json()["items"]] == [created["id"]]


async def test_last_use_is_shown(client, tenants) -> None:
    t = await tenants.make()
    created = await register_client(client, t, [])
    await request_token(client, created["id"], created["client_secret"])
    shown = await client.get(f"{CLIENTS}/{created['id']}", headers=t.headers("admin"))
    assert shown.json()["last_used_at"] is not None


async def test_every_change_is_audited_without_the_secret(client, tenants, db) -> None:
    t = await tenants.make()
    admin = t.headers("admin")
    created = await register_client(client, t, ["cases:read"])
    url = f"{CLIENTS}/{created['id']}"
    updated = (
        await client.patch(url, json={"scopes": []}, headers={**admin, **etag(created)})
    ).json()
    rotated = (
        await client.post(f"{url}/rotate-secret", headers={**admin, **etag(updated)})
    ).json()
    await client.post(f"{url}/revoke", headers={**admin, **etag(rotated)})

    async with db() as session:
        events = list(
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.resource_id == created["id"])
                .order_by(AuditEvent.id)
            )
        )
    assert [e.action for e in events] == [
        "api_client.create",
        "api_client.update",
        "api_client.rotate_secret",
        "api_client.revoke",
    ]
    assert all(e.actor_id == t.user("admin").id for e in events)
    recorded = repr([e.details for e in events])
    assert created["client_secret"] not in recorded
    assert rotated["client_secret"] not in recorded
