"""Arranging consultations (and the cases they belong to)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from httpx import AsyncClient

from kokoma.cases.models import Case, CaseAssignment, CaseParty, CaseVisibility, PartyRole
from tests.support import Tenant

WRITER = "conflict_manager"
_numbers = itertools.count(1)


async def make_case(
    db: Any,
    tenant: Tenant,
    *,
    restricted: bool = False,
    assignees: tuple[uuid.UUID, ...] = (),
    parties: tuple[str, ...] = (),
    archived: bool = False,
) -> Case:
    """A case row, arranged in the database so these tests do not depend on the cases API."""
    number = next(_numbers)
    async with db() as session:
        case = Case(
            municipality_id=tenant.id,
            reference=f"{tenant.slug.upper()}-2026-{number:04d}",
            year=2026,
            number=number,
            title="Streit um den Jugendclub",
            visibility=CaseVisibility.RESTRICTED if restricted else CaseVisibility.TEAM,
            archived=archived,
        )
        session.add(case)
        await session.flush()
        session.add_all(CaseAssignment(case_id=case.id, user_id=user_id) for user_id in assignees)
        session.add_all(
            CaseParty(case_id=case.id, contact_id=uuid.UUID(contact_id), role_in_conflict=PartyRole.AFFECTED)
            for contact_id in parties
        )
        await session.commit()
    return case


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
