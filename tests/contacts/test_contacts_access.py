"""Who may reach which contact routes, and another municipality's contacts are never found."""

from __future__ import annotations

import pytest

from kokoma.access.permissions import Permission as P
from kokoma.access.permissions import Role
from tests.contacts.helpers import make_organisation, relate
from tests.contacts.matrix import Route, check_routes
from tests.support import Tenant, make_contact, walk_pages

PERSON = {
    "kind": "person",
    "name": "Lena Vogel",
    "actor_group": "education",
    "legal_basis": "public_task",
}
ROUTES = [
    Route("GET", "/contacts", P.CONTACTS_READ, collection_read=True),
    Route("POST", "/contacts", P.CONTACTS_WRITE, ok=201, body=PERSON, collection_write=True),
    Route("GET", "/contacts/{contact}", P.CONTACTS_READ),
    Route("PATCH", "/contacts/{contact}", P.CONTACTS_WRITE, body={"position": "Schulleiterin"}),
    Route("DELETE", "/contacts/{contact}", P.CONTACTS_WRITE, ok=204),
    Route("GET", "/contacts/{contact}/relations", P.CONTACTS_READ),
    Route(
        "POST",
        "/contacts/{contact}/relations",
        P.CONTACTS_WRITE,
        ok=201,
        body={"target_id": "{organisation}", "relation_type": "tension"},
    ),
    Route("GET", "/contacts/{contact}/relations/{relation}", P.CONTACTS_READ),
    Route(
        "PATCH", "/contacts/{contact}/relations/{relation}", P.CONTACTS_WRITE, body={"note": "neu"}
    ),
    Route("DELETE", "/contacts/{contact}/relations/{relation}", P.CONTACTS_WRITE, ok=204),
    Route("GET", "/network/graph", P.CONTACTS_READ, collection_read=True),
]


@pytest.mark.parametrize("role", list(Role))
async def test_contact_routes_by_role_and_municipality(client, tenants, db, role: Role) -> None:
    home, other = await tenants.make(), await tenants.make()

    async def arrange(tenant: Tenant) -> dict[str, str]:
        organisation = await make_organisation(client, tenant, "Schulförderverein Dorndorf e.V.")
        contact = await make_contact(client, tenant)
        relation = await relate(client, tenant, contact, organisation)
        return {
            "contact": contact["id"],
            "organisation": organisation["id"],
            "relation": relation["id"],
            "listed": contact["id"],
        }

    await check_routes(client, db, ROUTES, role, home=home, other=other, arrange=arrange)


async def test_foreign_organisation_and_relation_target_are_not_found(client, tenants) -> None:
    home, other = await tenants.make(), await tenants.make()
    foreign = await make_organisation(client, other, "Sportverein Bad Liebenstein e.V.")
    mine = await make_contact(client, home)
    as_member = await client.patch(
        f"/api/v1/contacts/{mine['id']}",
        json={"organisation_id": foreign["id"]},
        headers={**home.headers("coordinator"), "If-Match": '"1"'},
    )
    assert as_member.status_code == 404
    listed = await client.get(
        f"/api/v1/contacts?organisation_id={foreign['id']}", headers=home.headers("coordinator")
    )
    assert listed.json()["items"] == []


async def test_list_built_once_shows_each_municipality_its_own(client, tenants) -> None:
    """The list statement is built once and shared by every caller: the caller's
    municipality still decides every page, with and without a filter."""
    home, away = await tenants.make(), await tenants.make()
    mine = sorted([(await make_contact(client, home))["id"] for _ in range(3)])
    theirs = [(await make_contact(client, away))["id"]]
    for params in ({}, {"kind": "person"}, {"cursor": ""}):
        for tenant, expected in ((home, mine), (away, theirs)):
            for role in (Role.CONFLICT_MANAGER, Role.COORDINATOR):
                found = await walk_pages(
                    client, "/api/v1/contacts", tenant.headers(role), **params
                )
                assert sorted(found) == expected
