"""Municipalities: created and changed by administrators, seen by their own members."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent


async def test_admin_creates_and_updates_municipality_with_etag(client, tenants, db):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    slug = f"m{uuid.uuid4().hex[:8]}"
    created = await client.post(
        "/api/v1/municipalities",
        json={
            "name": "Stadt Ruhla",
            "slug": slug,
            "official_key": "16063068",
            "state": "Thüringen",
        },
        headers=admin,
    )
    assert created.status_code == 201
    etag = created.headers["etag"]
    municipality_id = created.json()["id"]

    duplicate = await client.post(
        "/api/v1/municipalities", json={"name": "Doppelt", "slug": slug}, headers=admin
    )
    assert duplicate.status_code == 409

    url = f"/api/v1/municipalities/{municipality_id}"
    assert (await client.patch(url, json={"state": "Hessen"}, headers=admin)).status_code == 428
    updated = await client.patch(
        url, json={"name": "Stadt Ruhla (Thür.)"}, headers={**admin, "If-Match": etag}
    )
    assert updated.status_code == 200
    assert updated.headers["etag"] != etag
    stale = await client.patch(
        url, json={"name": "Überschrieben"}, headers={**admin, "If-Match": etag}
    )
    assert stale.status_code == 412
    assert (await client.get(url, headers=admin)).json()["name"] == "Stadt Ruhla (Thür.)"

    async with db() as session:
        actions = (
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == municipality_id)
            )
        ).all()
    assert sorted(actions) == ["municipality.create", "municipality.update"]


async def test_required_municipality_fields_cannot_be_cleared(client, tenants):
    tenant = await tenants.make((Role.ADMIN,))
    admin = tenant.headers("admin")
    url = f"/api/v1/municipalities/{tenant.id}"
    etag = (await client.get(url, headers=admin)).headers["etag"]
    for field in ("name", "is_active"):
        cleared = await client.patch(url, json={field: None}, headers={**admin, "If-Match": etag})
        assert cleared.status_code == 422, cleared.text
        assert cleared.json()["errors"][0]["field"] == f"body.{field}"
    assert (await client.get(url, headers=admin)).json()["name"] == tenant.municipality.name


async def test_overlong_state_is_refused_on_both_databases(client, tenants):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    body = {"name": "Stadt Ruhla", "slug": f"m{uuid.uuid4().hex[:8]}", "state": "T" * 101}
    assert (
        await client.post("/api/v1/municipalities", json=body, headers=admin)
    ).status_code == 422


async def test_non_admins_see_only_their_own_municipality(client, tenants):
    own = await tenants.make((Role.COORDINATOR,))
    other = await tenants.make((Role.COORDINATOR,))
    headers = own.headers("coordinator")
    listed = (await client.get("/api/v1/municipalities", headers=headers)).json()["items"]
    assert [m["id"] for m in listed] == [str(own.id)]
    assert (
        await client.get(f"/api/v1/municipalities/{other.id}", headers=headers)
    ).status_code == 404
