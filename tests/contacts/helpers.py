"""Arranging contacts through the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.support import Tenant

WRITER = "conflict_manager"


async def make_contact(client: AsyncClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    """A contact created by the tenant's conflict manager; a person unless told otherwise."""
    body: dict[str, Any] = {
        "kind": "person",
        "given_name": "Katrin",
        "family_name": "Wagner",
        "actor_group": "civil_society",
        "legal_basis": "public_task",
    }
    if fields.get("kind") == "organisation":
        body.pop("given_name")
        body.pop("family_name")
        body["name"] = "Bürgerinitiative Lebenswertes Werratal"
    body.update(fields)
    response = await client.post("/api/v1/contacts", json=body, headers=tenant.headers(WRITER))
    assert response.status_code == 201, response.text
    return response.json()


async def make_organisation(client: AsyncClient, tenant: Tenant, name: str, **fields: Any) -> dict[str, Any]:
    return await make_contact(client, tenant, kind="organisation", name=name, **fields)


async def relate(
    client: AsyncClient, tenant: Tenant, source: dict[str, Any], target: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    body = {"target_id": target["id"], "relation_type": "cooperation", **fields}
    response = await client.post(
        f"/api/v1/contacts/{source['id']}/relations", json=body, headers=tenant.headers(WRITER)
    )
    assert response.status_code == 201, response.text
    return response.json()


def etag(record: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{record["version"]}"'}
