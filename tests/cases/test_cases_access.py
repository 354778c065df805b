"""Permission and tenancy matrix: every case route × method × role × own/other municipality."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.access.tokens import issue_access_token
from kokoma.api_clients.models import ApiClient
from kokoma.cases.models import Case, CaseAssignment, CaseParty
from tests.cases.helpers import change
from tests.support import CASES, Tenant, etag, insert_contact, make_case

NO_CASES = (Role.ADMIN, Role.TRAINER, Role.STEERING_GROUP)
CASEWORK = (Role.COORDINATOR, Role.CONFLICT_MANAGER)


def _routes(case_id: str, contact_id: uuid.UUID, user_id: uuid.UUID) -> list[tuple[str, str, Any]]:
    """(method, path, body) of every route that addresses one case."""
    base = f"{CASES}/{case_id}"
    return [
        ("GET", base, None),
        ("GET", f"{base}/timeline", None),
        ("PATCH", base, {"title": "Übernommen"}),
        ("POST", f"{base}/status", {"status": "clarifying"}),
        (
            "PUT",
            f"{base}/parties",
            {"parties": [{"contact_id": str(contact_id), "role_in_conflict": "affected"}]},
        ),
        ("PUT", f"{base}/assignees", {"user_ids": [str(user_id)]}),
        ("POST", f"{base}/archive", None),  # last: an archived case is read-only
    ]


async def _snapshot(db, case_id: str) -> tuple[Any, ...]:
    async with db() as session:
        case = await session.get(Case, uuid.UUID(case_id))
        assignees = set(
            await session.scalars(
                select(CaseAssignment.user_id).where(CaseAssignment.case_id == case.id)
            )
        )
        parties = set(
            await session.scalars(select(CaseParty.contact_id).where(CaseParty.case_id == case.id))
        )
        return (case.version, case.title, case.status, case.archived, assignees, parties)


async def _client_headers(tenants, tenant: Tenant, scopes: list[str]) -> dict[str, str]:
    async with tenants.sessionmaker() as session:
        api_client = ApiClient(
            municipality_id=tenant.id, name="Fachverfahren", scopes=scopes, secret_hash="-"
        )
        session.add(api_client)
        await session.commit()
    token, _ = issue_access_token(
        tenants.settings,
        subject_id=api_client.id,
        municipality_id=tenant.id,
        kind="client",
        scopes=scopes,
    )
    return {"Authorization": f"Bearer {token}"}


def _expected(role: Role, own: bool, visible: bool, method: str, path: str) -> int:
    if role in NO_CASES:
        return 403
    if path.endswith("/assignees") and role is not Role.COORDINATOR:
        return 403
    if not own or not visible:
        return 404
    return 200


async def test_case_routes_by_role_and_municipality(client, tenants, db) -> None:
    home, away = await tenants.make(), await tenants.make()
    team = await make_case(client, home, role="coordinator")
    restricted = await make_case(client, home, role="coordinator", visibility="restricted")
    contact = await insert_contact(db, home)
    manager = home.user("conflict_manager").id

    for case, cm_sees in ((team, True), (restricted, False)):
        before = await _snapshot(db, case["id"])
        for tenant, own in ((home, True), (away, False)):
            for role in Role:
                visible = role is Role.COORDINATOR or cm_sees
                for method, path, body in _routes(case["id"], contact, manager):
                    expected = _expected(role, own, visible, method, path)
                    if expected == 200 and method != "GET":
                        continue  # allowed writes are checked below, one by one
                    response = await client.request(
                        method, path, json=body, headers={**tenant.headers(role), "If-Match": "*"}
                    )
                    assert response.status_code == expected, (role, own, method, path)
        assert await _snapshot(db, case["id"]) == before


async def test_allowed_writes_succeed(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t, role="coordinator")
    contact = await insert_contact(db, t)
    manager = t.user("conflict_manager").id
    for method, path, body in _routes(case["id"], contact, manager):
        if method == "GET":
            continue
        if path.endswith("/archive"):
            case = await change(client, t, case, "closed", role="coordinator", outcome="withdrawn")
        role = "coordinator" if path.endswith(("/assignees", "/archive")) else "conflict_manager"
        response = await client.request(
            method, path, json=body, headers={**t.headers(role), **etag(case)}
        )
        assert response.status_code == 200, (method, path, response.text)
        case = response.json()


async def test_lists_never_show_foreign_or_hidden_cases(client, tenants) -> None:
    home, away = await tenants.make(), await tenants.make()
    team = await make_case(client, home, role="coordinator")
    restricted = await make_case(client, home, role="coordinator", visibility="restricted")
    mine = await make_case(client, home, visibility="restricted")  # the conflict manager's own
    foreign = await make_case(client, away)

    colleague = await tenants.add_user(home, Role.CONFLICT_MANAGER)

    async def ids(headers: dict[str, str], **params: Any) -> set[str]:
        response = await client.get(CASES, params={"limit": 100, **params}, headers=headers)
        assert response.status_code == 200
        return {c["id"] for c in response.json()["items"]}

    # The list statement is built once per shape and shared by every caller: each
    # caller's municipality and assignments still decide what it finds.
    for params in ({}, {"status": "new"}, {"cursor": ""}):
        everything = {team["id"], restricted["id"], mine["id"]}
        assert await ids(home.headers(Role.COORDINATOR), **params) == everything
        assert await ids(home.headers(Role.CONFLICT_MANAGER), **params) == {team["id"], mine["id"]}
        assert await ids(colleague.headers, **params) == {team["id"]}
        assert await ids(away.headers(Role.COORDINATOR), **params) == {foreign["id"]}
        assert await ids(away.headers(Role.CONFLICT_MANAGER), **params) == {foreign["id"]}
    for role in NO_CASES:
        response = await client.get(CASES, headers=home.headers(role))
        assert response.status_code == 403


async def test_assignment_opens_a_restricted_case(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t, role="coordinator", visibility="restricted")
    url = f"{CASES}/{case['id']}"
    manager = t.headers("conflict_manager")
    assert (await client.get(url, headers=manager)).status_code == 404

    response = await client.put(
        f"{url}/assignees",
        json={"user_ids": [str(t.user("conflict_manager").id)]},
        headers={**t.headers("coordinator"), **etag(case)},
    )
    assert response.status_code == 200
    assert (await client.get(url, headers=manager)).status_code == 200
    assert (await client.get(f"{url}/timeline", headers=manager)).status_code == 200


async def test_only_assignees_and_coordinators_restrict_a_case(client, tenants, db) -> None:
    t = await tenants.make()
    colleague = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await make_case(client, t)  # assigned to the first conflict manager
    url = f"{CASES}/{case['id']}"
    body = {"visibility": "restricted"}

    refused = await client.patch(url, json=body, headers={**colleague.headers, **etag(case)})
    assert refused.status_code == 403
    assert (await _snapshot(db, case["id"]))[0] == case["version"]
    allowed = await client.patch(
        url, json=body, headers={**t.headers("conflict_manager"), **etag(case)}
    )
    assert allowed.status_code == 200
    assert (await client.get(url, headers=colleague.headers)).status_code == 404


async def test_api_client_sees_team_cases_only_and_cannot_reopen(client, tenants) -> None:
    t = await tenants.make()
    headers = await _client_headers(tenants, t, ["cases:read", "cases:write"])
    team = await make_case(client, t)
    restricted = await make_case(client, t, visibility="restricted")

    listed = await client.get(CASES, headers=headers)
    assert [c["id"] for c in listed.json()["items"]] == [team["id"]]
    assert (await client.get(f"{CASES}/{restricted['id']}", headers=headers)).status_code == 404

    created = await client.post(CASES, json={"title": "Aus dem Fachverfahren"}, headers=headers)
    assert created.status_code == 201
    assert created.json()["assignees"] == []
    hidden = await client.post(
        CASES, json={"title": "Vertraulich", "visibility": "restricted"}, headers=headers
    )
    assert hidden.status_code == 409

    closed = await change(client, t, team, "closed", outcome="withdrawn")
    reopen = await client.post(
        f"{CASES}/{team['id']}/status",
        json={"status": "in_progress"},
        headers={**headers, **etag(closed)},
    )
    assert reopen.status_code == 403


async def test_read_only_client_cannot_write(client, tenants, db) -> None:
    t = await tenants.make()
    headers = await _client_headers(tenants, t, ["cases:read"])
    case = await make_case(client, t)
    before = await _snapshot(db, case["id"])
    response = await client.patch(
        f"{CASES}/{case['id']}", json={"title": "x"}, headers={**headers, **etag(case)}
    )
    assert response.status_code == 403
    assert (await client.post(CASES, json={"title": "x"}, headers=headers)).status_code == 403
    assert await _snapshot(db, case["id"]) == before


async def test_collection_routes_by_role(client, tenants) -> None:
    t = await tenants.make()
    for role in Role:
        expected = 403 if role in NO_CASES else None
        for method, path, body in (
            ("GET", CASES, None),
            ("GET", f"{CASES}/escalation-levels", None),
            ("GET", f"{CASES}/status-transitions", None),
            ("POST", CASES, {"title": "Neuer Fall"}),
        ):
            response = await client.request(method, path, json=body, headers=t.headers(role))
            assert response.status_code == (expected or (201 if method == "POST" else 200)), (
                role,
                method,
                path,
            )
