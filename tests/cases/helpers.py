"""Arranging cases through the API (and contacts straight in the database)."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient

from kokoma.contacts.models import ActorGroup, Contact, ContactKind, LegalBasis
from tests.support import Tenant

CASES = "/api/v1/cases"


def etag(record: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{record["version"]}"'}


async def make_case(
    client: AsyncClient, tenant: Tenant, role: str = "conflict_manager", **fields: Any
) -> dict[str, Any]:
    """A case opened by the tenant's user of ``role`` (a conflict manager unless told)."""
    body: dict[str, Any] = {
        "title": "Streit um den Windpark bei Dippach",
        "summary": "Bürgerinitiative und Gemeinderat streiten über Abstände.",
        "topics": ["energy_infrastructure"],
        "escalation_level": 3,
        **fields,
    }
    response = await client.post(CASES, json=body, headers=tenant.headers(role))
    assert response.status_code == 201, response.text
    return response.json()


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


async def make_contact(db: Any, tenant: Tenant, name: str = "Katrin Wagner") -> uuid.UUID:
    async with db() as session:
        contact = Contact(
            municipality_id=tenant.id,
            kind=ContactKind.PERSON,
            name=name,
            sort_name=name.lower(),
            actor_group=ActorGroup.CIVIL_SOCIETY,
            legal_basis=LegalBasis.PUBLIC_TASK,
        )
        session.add(contact)
        await session.commit()
        return contact.id
