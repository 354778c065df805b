"""Who may reach which consultation routes; restricted cases hide their consultations."""

from __future__ import annotations

import pytest

from kokoma.access.permissions import Permission as P
from kokoma.access.permissions import Role
from tests.consultations.helpers import consultation_body, make_consultation
from tests.contacts.matrix import Route, check_routes, snapshot
from tests.support import Tenant, insert_case, make_contact, walk_pages

ROUTES = [
    Route("GET", "/consultations", P.CONSULTATIONS_READ, collection_read=True),
    Route(
        "POST",
        "/consultations",
        P.CONSULTATIONS_WRITE,
        ok=201,
        body=consultation_body(),
        collection_write=True,
    ),
    Route(
        "POST",
        "/consultations",
        P.CONSULTATIONS_WRITE,
        ok=201,
        body=consultation_body(case_id="{case}"),
    ),
    Route("GET", "/consultations/{consultation}", P.CONSULTATIONS_READ),
    Route(
        "PATCH", "/consultations/{consultation}", P.CONSULTATIONS_WRITE, body={"summary": "neu"}
    ),
    Route("DELETE", "/consultations/{consultation}", P.CONSULTATIONS_WRITE, ok=204),
    Route("GET", "/cases/{case}/consultations", P.CONSULTATIONS_READ),
    Route(
        "POST",
        "/cases/{case}/consultations",
        P.CONSULTATIONS_WRITE,
        ok=201,
        body=consultation_body(),
    ),
]


@pytest.mark.parametrize("role", list(Role))
async def test_consultation_routes_by_role_and_municipality(
    client, tenants, db, role: Role
) -> None:
    home, other = await tenants.make(), await tenants.make()

    async def arrange(tenant: Tenant) -> dict[str, str]:
        case = await insert_case(db, tenant)
        contact = await make_contact(client, tenant)
        consultation = await make_consultation(
            client, tenant, case_id=str(case.id), participant_ids=[contact["id"]]
        )
        return {
            "case": str(case.id),
            "contact": contact["id"],
            "consultation": consultation["id"],
            "listed": consultation["id"],
        }

    await check_routes(client, db, ROUTES, role, home=home, other=other, arrange=arrange)


async def test_restricted_case_consultations_are_invisible_to_unassigned_managers(
    client, tenants, db
) -> None:
    t = await tenants.make()
    assigned = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await insert_case(db, t, restricted=True, assignees=(assigned.user.id,))
    consultation = await make_consultation(
        client,
        t,
        role="coordinator",
        case_id=str(case.id),
        confidential_notes="Nur für Zugewiesene",
    )
    url = f"/api/v1/consultations/{consultation['id']}"
    outsider = {**t.headers("conflict_manager"), "If-Match": '"1"'}
    before = await snapshot(db, t.id)

    assert (await client.get(url, headers=outsider)).status_code == 404
    assert (await client.patch(url, json={"summary": "x"}, headers=outsider)).status_code == 404
    assert (await client.delete(url, headers=outsider)).status_code == 404
    case_url = f"/api/v1/cases/{case.id}/consultations"
    assert (await client.get(case_url, headers=outsider)).status_code == 404
    assert (
        await client.post(case_url, json=consultation_body(), headers=outsider)
    ).status_code == 404
    created = await client.post(
        "/api/v1/consultations", json=consultation_body(case_id=str(case.id)), headers=outsider
    )
    assert created.status_code == 404
    listed = await client.get("/api/v1/consultations", headers=outsider)
    assert consultation["id"] not in listed.text
    filtered = await client.get(f"/api/v1/consultations?case_id={case.id}", headers=outsider)
    assert filtered.json()["items"] == []
    assert await snapshot(db, t.id) == before

    for headers in (assigned.headers, t.headers("coordinator")):
        seen = await client.get(url, headers=headers)
        assert seen.status_code == 200
        assert seen.json()["confidential_notes"] == "Nur für Zugewiesene"
        assert (
            consultation["id"] in (await client.get("/api/v1/consultations", headers=headers)).text
        )


async def test_lists_built_once_still_show_each_caller_what_it_may_see(
    client, tenants, db
) -> None:
    """The list statements are built once per kind of caller and shared: each caller's
    municipality and assignments still decide every page, with and without a filter."""
    home, away = await tenants.make(), await tenants.make()
    assigned = await tenants.add_user(home, Role.CONFLICT_MANAGER)
    restricted = await insert_case(db, home, restricted=True, assignees=(assigned.user.id,))
    team = await insert_case(db, home)
    hidden = [
        (await make_consultation(client, home, role="coordinator", case_id=str(restricted.id)))[
            "id"
        ]
        for _ in range(2)
    ]
    of_team = (await make_consultation(client, home, case_id=str(team.id)))["id"]
    without_case = (await make_consultation(client, home))["id"]
    foreign = (await make_consultation(client, away))["id"]
    everything = sorted([*hidden, of_team, without_case])

    async def ids(url: str, headers: dict[str, str], **params: str) -> list[str]:
        return sorted(await walk_pages(client, f"/api/v1{url}", headers, **params))

    restricted_url, team_url = (
        f"/cases/{restricted.id}/consultations",
        f"/cases/{team.id}/consultations",
    )
    for params in ({}, {"kind": "counselling"}, {"cursor": ""}):
        assert await ids("/consultations", home.headers("coordinator"), **params) == everything
        assert await ids("/consultations", assigned.headers, **params) == everything
        assert await ids("/consultations", home.headers("conflict_manager"), **params) == sorted(
            [of_team, without_case]
        )
        assert await ids("/consultations", away.headers("coordinator"), **params) == [foreign]
        assert await ids(restricted_url, assigned.headers, **params) == sorted(hidden)
        assert await ids(team_url, home.headers("conflict_manager"), **params) == [of_team]
        elsewhere = await client.get(
            f"/api/v1{team_url}", params=params, headers=away.headers("coordinator")
        )
        assert elsewhere.status_code == 404
