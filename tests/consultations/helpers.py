"""Arranging consultations through the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.support import Tenant

WRITER = "conflict_manager"


def consultation_body(**fields: Any) -> dict[str, Any]:
    return {
        "started_at": "2026-03-12T15:00:00+01:00",
        "duration_minutes": 90,
        "format": "in_person",
        "kind": "counselling",
        "counselling_role": "advisor",
        "summary": "Gespräch mit dem Ortsteilrat über den Jugendclub",
        **fields,
    }


async def make_consultation(
    client: AsyncClient, tenant: Tenant, *, role: str = WRITER, **fields: Any
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/consultations", json=consultation_body(**fields), headers=tenant.headers(role)
    )
    assert response.status_code == 201, response.text
    return response.json()
