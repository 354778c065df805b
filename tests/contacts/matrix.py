"""Permission and tenancy matrix: every route × method × role × own or other municipality.

A domain's test lists its routes and how to arrange fresh records in a "home"
municipality; ``check_route`` calls one route as one role from home or from another
municipality and asserts what the caller must see and that refused writes change
nothing in the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kokoma.access.permissions import ROLE_PERMISSIONS, Permission, Role
from kokoma.consultations.models import Consultation, ConsultationParticipant
from kokoma.contacts.models import Contact, ContactRelation
from tests.support import Tenant

Arrange = Callable[[Tenant], Awaitable[dict[str, str]]]


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # with {placeholders} filled from the arranged ids
    permission: Permission
    ok: int = 200
    body: dict[str, Any] | None = None
    # Collection reads: another municipality gets its own (empty) list, never ours.
    collection_read: bool = False
    # Collection writes: another municipality writes into its own data, never ours.
    collection_write: bool = False

    def url(self, ids: dict[str, str]) -> str:
        return "/api/v1" + self.path.format(**ids)

    def payload(self, ids: dict[str, str]) -> dict[str, Any] | None:
        if self.body is None:
            return None
        return {k: v.format(**ids) if isinstance(v, str) else v for k, v in self.body.items()}


async def snapshot(db: Any, municipality_id: uuid.UUID) -> set[tuple[Any, ...]]:
    """Every contact, relation, consultation and participant row of a municipality, with versions."""
    async with db() as session:
        contacts = await session.execute(
            select(Contact.id, Contact.version).where(Contact.municipality_id == municipality_id)
        )
        relations = await session.execute(
            select(ContactRelation.id, ContactRelation.version).where(
                ContactRelation.municipality_id == municipality_id
            )
        )
        consultations = await session.execute(
            select(Consultation.id, Consultation.version).where(
                Consultation.municipality_id == municipality_id
            )
        )
        participants = await session.execute(
            select(ConsultationParticipant.consultation_id, ConsultationParticipant.contact_id)
            .join(Consultation)
            .where(Consultation.municipality_id == municipality_id)
        )
    return (
        {("contact", *row) for row in contacts}
        | {("relation", *row) for row in relations}
        | {("consultation", *row) for row in consultations}
        | {("participant", *row) for row in participants}
    )


async def check_route(
    client: Any,
    db: Any,
    route: Route,
    role: Role,
    *,
    home: Tenant,
    caller: Tenant,
    arrange: Arrange,
) -> None:
    """Call ``route`` as ``role`` of ``caller`` on fresh records of ``home`` and check the answer."""
    ids = await arrange(home)
    before = await snapshot(db, home.id)
    headers = {**caller.headers(role), "If-Match": '"1"'}
    response = await client.request(
        route.method, route.url(ids), json=route.payload(ids), headers=headers
    )
    where = (route.method, route.path, role.value, "own" if caller is home else "other")
    allowed = route.permission in ROLE_PERMISSIONS[role]

    if not allowed:
        assert response.status_code == 403, where
    elif caller is home:
        assert response.status_code == route.ok, (*where, response.text)
        if route.collection_read:
            assert ids["listed"] in response.text, where
        return
    elif route.collection_read:
        assert response.status_code == 200, where
        assert not any(value in response.text for value in ids.values()), where
    elif route.collection_write:
        assert response.status_code == route.ok, (*where, response.text)
    else:
        assert response.status_code == 404, (*where, response.text)
    assert await snapshot(db, home.id) == before, where


async def check_routes(
    client: Any,
    db: Any,
    routes: list[Route],
    role: Role,
    *,
    home: Tenant,
    other: Tenant,
    arrange: Arrange,
) -> None:
    """``check_route`` for every route, called from home and from the other municipality."""
    for route in routes:
        for caller in (home, other):
            await check_route(client, db, route, role, home=home, caller=caller, arrange=arrange)
