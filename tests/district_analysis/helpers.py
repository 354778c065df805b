"""Arranging a district: places, cases in them, conflict fields."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.support import Tenant, make_case

BASE = "/api/v1/district-analysis"
FIELDS = f"{BASE}/fields"
FIGURES = f"{BASE}/figures"
REPORTS = f"{BASE}/reports"

_keys = iter(range(16063001, 16069999))


async def make_place(client: AsyncClient, tenant: Tenant, name: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/places",
        json={"name": name, "kind": "municipality", "official_key": str(next(_keys))},
        headers=tenant.headers("coordinator"),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def cases_in(
    client: AsyncClient, tenant: Tenant, place: dict[str, Any], count: int, **fields: Any
) -> list[dict[str, Any]]:
    return [await make_case(client, tenant, place_id=place["id"], **fields) for _ in range(count)]


async def make_field(client: AsyncClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"name": "Energiewende vor Ort", "trend": "rising", **fields}
    response = await client.post(FIELDS, json=body, headers=tenant.headers("coordinator"))
    assert response.status_code == 201, response.text
    return response.json()
