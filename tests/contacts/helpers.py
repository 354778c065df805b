"""Arranging contacts through the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.support import Tenant, make_contact

WRITER = "conflict_manager"


async def make_organisation(
    client: AsyncClient, tenant: Tenant, name: str, **fields: Any
) -> dict[str, Any]:
    return await make_contact(client, tenant, kind="organisation", name=name, **fields)


async def relate(
    client: AsyncClient,
    tenant: Tenant,
    source: dict[str, Any],
    target: dict[str, Any],
    **fields: Any,
) -> dict[str, Any]:
    body = {"target_id": target["id"], "relation_type": "cooperation", **fields}
    response = await client.post(
        f"/api/v1/contacts/{source['id']}/relations", json=body, headers=tenant.headers(WRITER)
    )
    assert response.status_code == 201, response.text
    return response.json()
