"""User accounts: administrators manage all, coordinators those of their municipality."""

from __future__ import annotations

import uuid

from sqlalchemy import select

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
        count = len(
            (await session.scalars(select(User).where(User.municipality_id == other.id))).all()
        )
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
        "/api/v1/users",
        json=_new_user("coordinator", municipality_id=str(target.id)),
        headers=admin,
    )
    assert response.status_code == 201
    assert response.json()["municipality_id"] == str(target.id)
    duplicate = await client.post(
        "/api/v1/users",
        json={**_new_user("coordinator"), "email": response.json()["email"].upper()},
        headers=admin,
    )
    assert duplicate.status_code == 409
