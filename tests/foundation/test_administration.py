"""Municipalities (administrators) and user accounts (administrators, coordinators)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.access.permissions import Role
from kokoma.users.models import User


def _new_user(role: str, **extra: object) -> dict[str, object]:
    return {
        "email": f"person.{uuid.uuid4().hex[:8]}@example.org",
        "full_name": "Erika Beispiel",
        "role": role,
        "password": "Werra-Ufer-bei-Nacht-7",
        **extra,
    }


async def test_admin_creates_and_updates_municipality_with_etag(client, tenants, db):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    slug = f"m{uuid.uuid4().hex[:8]}"
    created = await client.post(
        "/api/v1/municipalities",
        json={"name": "Stadt Ruhla", "slug": slug, "official_key": "16063068", "state": "Thüringen"},
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
    updated = await client.patch(url, json={"name": "Stadt Ruhla (Thür.)"}, headers={**admin, "If-Match": etag})
    assert updated.status_code == 200
    assert updated.headers["etag"] != etag
    stale = await client.patch(url, json={"name": "Überschrieben"}, headers={**admin, "If-Match": etag})
    assert stale.status_code == 412
    assert (await client.get(url, headers=admin)).json()["name"] == "Stadt Ruhla (Thür.)"

    async with db() as session:
        actions = (
            await session.scalars(select(AuditEvent.action).where(AuditEvent.resource_id == municipality_id))
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
    assert (await client.post("/api/v1/municipalities", json=body, headers=admin)).status_code == 422


async def test_non_admins_see_only_their_own_municipality(client, tenants):
    own = await tenants.make((Role.COORDINATOR,))
    other = await tenants.make((Role.COORDINATOR,))
    headers = own.headers("coordinator")
    listed = (await client.get("/api/v1/municipalities", headers=headers)).json()["items"]
    assert [m["id"] for m in listed] == [str(own.id)]
    assert (await client.get(f"/api/v1/municipalities/{other.id}", headers=headers)).status_code == 404


async def test_coordinator_manages_users_of_own_municipality_only(client, tenants, db):
    own = await tenants.make((Role.COORDINATOR, Role.CONFLICT_MANAGER))
    other = await tenants.make((Role.CONFLICT_MANAGER,))
    headers = own.headers("coordinator")

    created = await client.post(
        "/api/v1/users", json=_new_user("trainer", municipality_id=str(other.id)), headers=headers
    )
    assert created.status_code == 201
    assert created.json()["municipality_id"] == str(own.id)  # never another tenant

    for role in ("admin", "coordinator"):
        refused = await client.post("/api/v1/users", json=_new_user(role), headers=headers)
        assert refused.status_code == 403

    foreign = other.user("conflict_manager").id
    assert (await client.get(f"/api/v1/users/{foreign}", headers=headers)).status_code == 404
    listed = (await client.get("/api/v1/users?limit=100", headers=headers)).json()["items"]
    assert {u["municipality_id"] for u in listed} == {str(own.id)}

    async with db() as session:
        count = len((await session.scalars(select(User).where(User.municipality_id == other.id))).all())
    assert count == 1


async def test_nobody_raises_their_own_role(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR, Role.ADMIN))
    for role in ("coordinator", "admin"):
        me = tenant.user(role)
        current = await client.get(f"/api/v1/users/{me.id}", headers=tenant.headers(role))
        response = await client.patch(
            f"/api/v1/users/{me.id}",
            json={"role": "admin"},
            headers={**tenant.headers(role), "If-Match": current.headers["etag"]},
        )
        assert response.status_code == 403, role


async def test_coordinator_cannot_promote_or_touch_coordinators(client, tenants):
    tenant = await tenants.make((Role.COORDINATOR, Role.CONFLICT_MANAGER))
    second = await tenants.add_user(tenant, Role.COORDINATOR)
    headers = tenant.headers("coordinator")
    manager = tenant.user("conflict_manager")
    current = await client.get(f"/api/v1/users/{manager.id}", headers=headers)
    promote = await client.patch(
        f"/api/v1/users/{manager.id}",
        json={"role": "coordinator"},
        headers={**headers, "If-Match": current.headers["etag"]},
    )
    assert promote.status_code == 403
    peer = await client.get(f"/api/v1/users/{second.user.id}", headers=headers)
    demote = await client.patch(
        f"/api/v1/users/{second.user.id}",
        json={"is_active": False},
        headers={**headers, "If-Match": peer.headers["etag"]},
    )
    assert demote.status_code == 403


async def test_admin_creates_users_in_any_municipality(client, tenants):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    target = await tenants.make(())
    response = await client.post(
        "/api/v1/users", json=_new_user("coordinator", municipality_id=str(target.id)), headers=admin
    )
    assert response.status_code == 201
    assert response.json()["municipality_id"] == str(target.id)
    duplicate = await client.post(
        "/api/v1/users",
        json={**_new_user("coordinator"), "email": response.json()["email"].upper()},
        headers=admin,
    )
    assert duplicate.status_code == 409


async def test_audit_log_is_admin_only_and_read_only(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.COORDINATOR))
    log = await client.get("/api/v1/audit-log?action=auth.", headers=tenant.headers("admin"))
    assert log.status_code == 200
    assert (await client.get("/api/v1/audit-log", headers=tenant.headers("coordinator"))).status_code == 403
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert (await client.request(method, "/api/v1/audit-log", headers=tenant.headers("admin"))).status_code == 405


async def test_audit_log_period_needs_a_time_zone_and_a_sane_year(client, tenants):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    since = await client.get("/api/v1/audit-log?since=2026-01-01T00:00:00%2B01:00", headers=admin)
    assert since.status_code == 200
    for query in ("since=2026-01-01T00:00:00", "since=0001-01-01T00:00:00Z", "until=9999-12-31T23:59:59-05:00"):
        response = await client.get(f"/api/v1/audit-log?{query}", headers=admin)
        assert response.status_code == 422, query
