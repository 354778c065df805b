"""A token that worked a moment ago stops working on the very next request once its
session ends, its account is locked, its role changes or its API client is revoked.

Verified tokens are kept in process (``kokoma.access.tokens``); these tests use each
token once before the change, so that it is known to the process, and once right after.
"""

from __future__ import annotations

from kokoma.access.permissions import Role
from tests.support import CLIENTS, PASSWORD, client_headers

CASES = "/api/v1/cases"
USERS = "/api/v1/users"


async def _change_user(client, tenant, user_id, changes: dict) -> None:
    admin = tenant.headers("admin")
    current = await client.get(f"{USERS}/{user_id}", headers=admin)
    response = await client.patch(
        f"{USERS}/{user_id}", json=changes, headers={**admin, "If-Match": current.headers["etag"]}
    )
    assert response.status_code == 200, response.text


async def _sign_in(client, email: str, tokens: dict | None = None) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    if tokens is not None:
        tokens.update(response.json())
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_logout_ends_the_access_token_on_the_next_request(client, tenants):
    tenant = await tenants.make((Role.CONFLICT_MANAGER,))
    pair: dict = {}
    headers = await _sign_in(client, tenant.user("conflict_manager").email, pair)
    assert (await client.get(CASES, headers=headers)).status_code == 200

    out = await client.post("/api/v1/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert out.status_code == 204
    refused = await client.get(CASES, headers=headers)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")


async def test_locked_account_is_refused_on_the_next_request(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.CONFLICT_MANAGER))
    manager = tenant.accounts[Role.CONFLICT_MANAGER]
    assert (await client.get(CASES, headers=manager.headers)).status_code == 200

    await _change_user(client, tenant, manager.user.id, {"is_active": False})
    assert (await client.get(CASES, headers=manager.headers)).status_code == 401


async def test_changed_role_applies_to_the_next_request(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.CONFLICT_MANAGER))
    manager = tenant.accounts[Role.CONFLICT_MANAGER]
    assert (await client.get(CASES, headers=manager.headers)).status_code == 200

    await _change_user(client, tenant, manager.user.id, {"role": "trainer"})
    # The sessions opened under the old role end with it ...
    assert (await client.get(CASES, headers=manager.headers)).status_code == 401
    # ... and a new one carries the new role's rights only.
    headers = await _sign_in(client, manager.user.email)
    assert (await client.get(CASES, headers=headers)).status_code == 403
    me = await client.get("/api/v1/auth/me", headers=headers)
    assert me.json()["role"] == "trainer"


async def test_revoked_api_client_is_refused_on_the_next_request(client, tenants):
    tenant = await tenants.make((Role.ADMIN,))
    registered, headers = await client_headers(client, tenant, ["cases:read"])
    assert (await client.get(CASES, headers=headers)).status_code == 200

    admin = tenant.headers("admin")
    current = await client.get(f"{CLIENTS}/{registered['id']}", headers=admin)
    revoked = await client.post(
        f"{CLIENTS}/{registered['id']}/revoke",
        headers={**admin, "If-Match": current.headers["etag"]},
    )
    assert revoked.status_code == 200, revoked.text
    assert (await client.get(CASES, headers=headers)).status_code == 401
