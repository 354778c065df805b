"""Moving cases through their workflow over the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.support import CASES, Tenant, etag


async def change(
    client: AsyncClient,
    tenant: Tenant,
    case: dict[str, Any],
    status: str,
    role: str = "conflict_manager",
    **fields: Any,
) -> dict[str, Any]:
    """Move ``case`` to ``status``; returns the updated case."""
    response = await client.post(
        f"{CASES}/{case['id']}/status",
        json={"status": status, **fields},
        headers={**tenant.headers(role), **etag(case)},
    )
    assert response.status_code == 200, response.text
    return response.json()
