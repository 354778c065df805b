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


async def fresh(client: AsyncClient, tenant: Tenant, case: dict[str, Any]) -> dict[str, Any]:
    """The case as it is now (its version rises with referrals, parties, …)."""
    response = await client.get(f"{CASES}/{case['id']}", headers=tenant.headers("coordinator"))
    assert response.status_code == 200, response.text
    return response.json()


async def make_referral(
    client: AsyncClient,
    tenant: Tenant,
    case: dict[str, Any],
    role: str = "conflict_manager",
    **fields: Any,
) -> dict[str, Any]:
    """A referral of ``case`` (to a body named in words unless ``contact_id`` is given)."""
    body: dict[str, Any] = {"reason": "Spezialisierte Beratung nötig.", **fields}
    if "contact_id" not in body:
        body.setdefault("target_name", "Mobile Beratung in Thüringen")
    response = await client.post(
        f"{CASES}/{case['id']}/referrals", json=body, headers=tenant.headers(role)
    )
    assert response.status_code == 201, response.text
    return response.json()
