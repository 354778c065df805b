"""The client-credentials flow: scoped tokens that act only within their scopes and municipality."""

from __future__ import annotations

from tests.support import (
    CASES,
    CLIENTS,
    client_headers,
    etag,
    make_case,
    register_client,
    request_token,
)

ME = "/api/v1/auth/me"


def bearer(token_response) -> dict[str, str]:
    assert token_response.status_code == 200, token_response.text
    return {"Authorization": f"Bearer {token_response.json()['access_token']}"}


async def test_a_token_can_be_narrowed_to_some_of_the_scopes(client, tenants) -> None:
    t = await tenants.make()
    registered = await register_client(client, t, ["cases:read", "statistics:read"])

    full = await request_token(client, registered["id"], registered["client_secret"])
    narrow = await request_token(
        client, registered["id"], registered["client_secret"], scope="statistics:read"
    )
    assert full.json()["scope"] == "cases:read statistics:read"
    assert narrow.json()["scope"] == "statistics:read"
    assert full.json()["refresh_token"] is None
    me = await client.get(ME, headers=bearer(narrow))
    assert me.status_code == 200
    assert me.json()["kind"] == "client"
    assert me.json()["municipality"]["id"] == str(t.id)
    assert me.json()["permissions"] == ["profile:read", "statistics:read"]
    assert (await client.get(CASES, headers=bearer(narrow))).status_code == 403
    assert (await client.get(CASES, headers=bearer(full))).status_code == 200


async def test_unknown_or_ungranted_scopes_are_400(client, tenants) -> None:
    t = await tenants.make()
    registered = await register_client(client, t, ["cases:read"])
    for scope in ("cases:write", "users:manage", "cases:read nonsense"):
        response = await request_token(
            client, registered["id"], registered["client_secret"], scope=scope
        )
        assert response.status_code == 400, scope
        assert response.json()["error"] == "invalid_scope"
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_wrong_credentials_are_401(client, tenants) -> None:
    t = await tenants.make()
    registered = await register_client(client, t, ["cases:read"])
    wrong_secret = await request_token(client, registered["id"], "kks_" + "x" * 43)
    unknown_client = await request_token(
        client, "00000000-0000-4000-8000-000000000000", registered["client_secret"]
    )
    not_an_id = await request_token(client, "fachverfahren", registered["client_secret"])
    for response in (wrong_secret, unknown_client, not_an_id):
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_client"


async def test_a_revoked_client_gets_no_token(client, tenants) -> None:
    t = await tenants.make()
    registered = await register_client(client, t, ["cases:read"])
    await client.post(
        f"{CLIENTS}/{registered['id']}/revoke",
        headers={**t.headers("admin"), **etag(registered)},
    )
    response = await request_token(client, registered["id"], registered["client_secret"])
    assert response.status_code == 401


async def test_a_client_reaches_only_the_routes_of_its_scopes(client, tenants) -> None:
    t = await tenants.make()
    _, reader = await client_headers(client, t, ["cases:read"])

    assert (await client.get(CASES, headers=reader)).status_code == 200
    writes = await client.post(CASES, json={"title": "Neuer Fall"}, headers=reader)
    assert writes.status_code == 403
    assert writes.headers["content-type"].startswith("application/problem+json")
    for path in ("/api/v1/users", "/api/v1/contacts", CLIENTS, "/api/v1/audit-log"):
        assert (await client.get(path, headers=reader)).status_code == 403, path


async def test_a_client_with_write_scope_acts_in_its_own_municipality(client, tenants) -> None:
    t = await tenants.make()
    _, writer = await client_headers(client, t, ["cases:read", "cases:write"])
    created = await client.post(
        CASES,
        json={"title": "Lärmstreit am Marktplatz Creuzburg", "topics": ["neighbourhood"]},
        headers=writer,
    )
    assert created.status_code == 201, created.text
    seen = await client.get(f"{CASES}/{created.json()['id']}", headers=t.headers("coordinator"))
    assert seen.status_code == 200


async def test_a_client_never_sees_another_municipalitys_data(client, tenants) -> None:
    home, other = await tenants.make(), await tenants.make()
    own_case = await make_case(client, home)
    foreign_case = await make_case(client, other)
    _, reader = await client_headers(client, home, ["cases:read"])

    assert (await client.get(f"{CASES}/{foreign_case['id']}", headers=reader)).status_code == 404
    assert (await client.get(f"{CASES}/{own_case['id']}", headers=reader)).status_code == 200
    listed = await client.get(CASES, params={"limit": 100}, headers=reader)
    assert [c["id"] for c in listed.json()["items"]] == [own_case["id"]]


async def test_fewer_scopes_apply_to_tokens_already_issued(client, tenants) -> None:
    t = await tenants.make()
    registered, headers = await client_headers(client, t, ["cases:read", "statistics:read"])
    assert (await client.get(CASES, headers=headers)).status_code == 200

    narrowed = await client.patch(
        f"{CLIENTS}/{registered['id']}",
        json={"scopes": ["statistics:read"]},
        headers={**t.headers("admin"), **etag(registered)},
    )
    assert narrowed.status_code == 200
    assert (await client.get(CASES, headers=headers)).status_code == 403
