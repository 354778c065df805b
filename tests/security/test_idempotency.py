"""Idempotency-Key on every POST that creates something (issue 12, point 16)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kokoma.cases.models import Case
from kokoma.core.idempotency import IdempotencyKey
from kokoma.db import utcnow
from tests.support import make_contact, register_client
from tests.trainings.helpers import make_series

API = "/api/v1"
Setup = Callable[[Any, Any], Awaitable[tuple[str, dict[str, Any], str]]]


async def _case(client, t):  # type: ignore[no-untyped-def]
    return (
        "/cases",
        {"title": "Streit um den Jugendclub", "escalation_level": 2},
        "conflict_manager",
    )


async def _consultation(client, t):  # type: ignore[no-untyped-def]
    body = {
        "started_at": "2026-03-12T15:00:00+01:00",
        "duration_minutes": 60,
        "format": "phone",
        "kind": "counselling",
        "summary": "Telefonat mit dem Ortsteilrat",
    }
    return "/consultations", body, "conflict_manager"


async def _contact(client, t):  # type: ignore[no-untyped-def]
    body = {
        "kind": "person",
        "given_name": "Katrin",
        "family_name": "Wagner",
        "actor_group": "civil_society",
        "legal_basis": "public_task",
    }
    return "/contacts", body, "conflict_manager"


async def _relation(client, t):  # type: ignore[no-untyped-def]
    source, target = (
        await make_contact(client, t),
        await make_contact(client, t, family_name="Berg"),
    )
    body = {"target_id": target["id"], "relation_type": "cooperation"}
    return f"/contacts/{source['id']}/relations", body, "conflict_manager"


async def _participant(client, t):  # type: ignore[no-untyped-def]
    series = await make_series(client, t, participants=())
    return f"/trainings/{series.id}/participants", {"full_name": "Jens Müller"}, "trainer"


async def _certificates(client, t):  # type: ignore[no-untyped-def]
    series = await make_series(client, t, days_per_module=(1,), participants=("Anna Schulze",))
    day = series.sessions[0][0]
    register = await client.put(
        f"{series.url}/sessions/{day['id']}/attendance",
        json={"entries": [{"participant_id": series.participants[0]["id"], "status": "present"}]},
        headers={**t.headers("trainer"), "If-Match": f'"{day["version"]}"'},
    )
    assert register.status_code == 200, register.text
    return f"/trainings/{series.id}/certificates", {"issued_on": "2026-03-20"}, "trainer"


async def _api_client(client, t):  # type: ignore[no-untyped-def]
    body = {"name": "Fachverfahren", "municipality_id": str(t.id), "scopes": ["cases:read"]}
    return "/api-clients", body, "admin"


async def _webhook(client, t):  # type: ignore[no-untyped-def]
    owner = await register_client(client, t, ["webhooks:manage", "cases:read"])
    body = {
        "api_client_id": owner["id"],
        "target_url": "https://hooks.example.org/k",
        "event_types": ["case.created"],
    }
    return "/webhooks", body, "admin"


CREATIONS: dict[str, Setup] = {
    "case": _case,
    "consultation": _consultation,
    "contact": _contact,
    "relation": _relation,
    "participant": _participant,
    "certificates": _certificates,
    "api client": _api_client,
    "webhook": _webhook,
}


@pytest.mark.parametrize("what", CREATIONS)
async def test_a_retry_with_the_same_key_returns_the_first_answer(client, tenants, what) -> None:
    t = await tenants.make()
    path, body, role = await CREATIONS[what](client, t)
    headers = {**t.headers(role), "Idempotency-Key": str(uuid.uuid4())}
    first = await client.post(API + path, json=body, headers=headers)
    again = await client.post(API + path, json=body, headers=headers)
    other_body = await client.post(API + path, json={**body, "extra": 1}, headers=headers)

    assert first.status_code == 201, first.text
    assert again.status_code == 201
    assert again.json() == first.json()  # the same record (and a secret shown once, again)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers.get("etag") == first.headers.get("etag")
    assert other_body.status_code == 422
    assert "Idempotency-Key" in other_body.json()["detail"]


async def test_keys_create_once_belong_to_their_caller_and_expire(client, tenants, db) -> None:
    t = await tenants.make()
    body = {"title": "Streit um den Jugendclub", "escalation_level": 2}
    key = {"Idempotency-Key": "bestellung-4711"}
    for _ in range(3):
        assert (
            await client.post(
                f"{API}/cases", json=body, headers={**t.headers("conflict_manager"), **key}
            )
        ).status_code == 201
    # Another caller's key of the same name is its own.
    assert (
        await client.post(f"{API}/cases", json=body, headers={**t.headers("coordinator"), **key})
    ).status_code == 201
    # A key of another route with the same body is refused, not replayed.
    other_route = await client.post(
        f"{API}/contacts", json=body, headers={**t.headers("conflict_manager"), **key}
    )
    assert other_route.status_code == 422
    async with db() as session:
        count = await session.scalar(select(func.count()).where(Case.municipality_id == t.id))
        assert count == 2
        # After 24 hours the key is free again.
        stored = await session.get(
            IdempotencyKey, (t.user("conflict_manager").id, "bestellung-4711")
        )
        stored.expires_at = utcnow() - timedelta(seconds=1)
        await session.commit()
    assert (
        await client.post(
            f"{API}/cases", json=body, headers={**t.headers("conflict_manager"), **key}
        )
    ).status_code == 201
    async with db() as session:
        assert await session.scalar(select(func.count()).where(Case.municipality_id == t.id)) == 3


async def test_failures_free_the_key_and_a_running_first_request_is_409(
    client, tenants, db
) -> None:
    t = await tenants.make()
    headers = {**t.headers("conflict_manager"), "Idempotency-Key": "k-1"}
    invalid = await client.post(f"{API}/cases", json={"title": ""}, headers=headers)
    assert invalid.status_code == 422
    fixed = await client.post(
        f"{API}/cases", json={"title": "Streit", "escalation_level": 1}, headers=headers
    )
    assert fixed.status_code == 201
    raw = b'{"title": "Streit", "escalation_level": 1}'
    async with db() as session:
        session.add(
            IdempotencyKey(  # the first request with this key, still running
                owner_id=t.user("conflict_manager").id,
                key="k-2",
                fingerprint=hashlib.sha256(b"/api/v1/cases\0" + raw).hexdigest(),
                expires_at=utcnow() + timedelta(hours=1),
            )
        )
        await session.commit()
    running = await client.post(
        f"{API}/cases",
        content=raw,
        headers={
            **t.headers("conflict_manager"),
            "Idempotency-Key": "k-2",
            "Content-Type": "application/json",
        },
    )
    assert running.status_code == 409
    assert running.headers["retry-after"] == "1"
    bad = await client.post(
        f"{API}/cases",
        json={},
        headers={**t.headers("conflict_manager"), "Idempotency-Key": "a b"},
    )
    assert bad.status_code == 422


def test_every_creating_post_documents_the_key(app) -> None:
    creating = [
        (path, op)
        for path, ops in app.openapi()["paths"].items()
        if "201" in ops.get("post", {}).get("responses", {}) and (op := ops["post"])
    ]
    assert len(creating) >= 8
    for path, op in creating:
        names = {p["name"] for p in op.get("parameters", [])}
        assert "Idempotency-Key" in names, path
