"""The places of the caller's municipality: read by everyone who records cases,
kept by coordinators. Every change is audited and published as a domain event."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import apply_changes, check_if_match, commit_or_conflict
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.errors import invalid
from kokoma.places.models import Place, PlaceKind
from kokoma.places.schemas import PlaceCreate, PlaceListQuery, PlaceUpdate

TAKEN = "The municipality already has a place of this name or official key."


async def list_places(
    session: AsyncSession,
    principal: Principal,
    query: PlaceListQuery,
) -> tuple[list[Place], str | None]:
    """The municipality's places by name; archived ones only on request."""
    stmt = scoped(Place, principal)
    if not query.include_archived:
        stmt = stmt.where(Place.archived.is_(False))
    return await paginate(
        session,
        stmt,
        keys=[SortKey(Place.name)],
        id_column=Place.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_place(session: AsyncSession, principal: Principal, place_id: uuid.UUID) -> Place:
    return await get_scoped(session, Place, place_id, principal, what="Place")


def _announce(
    session: AsyncSession, principal: Principal, place: Place, action: str, **details: Any
) -> None:
    audit.record_change(
        session,
        f"place.{action}",
        principal=principal,
        target=audit.Target("place", place.id),
        event_type=f"place.{action}d",
        details=details,
    )


async def create_place(session: AsyncSession, principal: Principal, data: PlaceCreate) -> Place:
    """A town or municipality (with its official key) or an Ortsteil of one of them."""
    if data.kind is PlaceKind.DISTRICT_PART:
        if data.parent_id is None:
            raise invalid("body.parent_id", "An Ortsteil names its municipality.", "missing")
        if data.official_key is not None:
            raise invalid(
                "body.official_key", "Only a municipality has an official key.", "unexpected"
            )
        parent = await session.scalar(
            scoped(Place, principal).where(Place.id == data.parent_id, Place.archived.is_(False))
        )
        if parent is None or parent.kind is not PlaceKind.MUNICIPALITY:
            raise invalid(
                "body.parent_id", "An Ortsteil belongs to a municipality.", "unknown_place"
            )
    elif data.parent_id is not None:
        raise invalid("body.parent_id", "Only an Ortsteil belongs to another place.", "unexpected")
    place = Place(id=uuid.uuid4(), municipality_id=principal.municipality_id, **data.model_dump())
    session.add(place)
    _announce(session, principal, place, "create", kind=place.kind.value)
    await commit_or_conflict(session, TAKEN)
    return place


async def update_place(
    session: AsyncSession,
    principal: Principal,
    place_id: uuid.UUID,
    data: PlaceUpdate,
    if_match: str | None,
) -> Place:
    """Rename, set the official key, archive or bring back a place."""
    place = await get_place(session, principal, place_id)
    check_if_match(if_match, place.version)
    sent = data.model_dump(exclude_unset=True)
    if sent.get("official_key") and place.kind is not PlaceKind.MUNICIPALITY:
        raise invalid(
            "body.official_key", "Only a municipality has an official key.", "unexpected"
        )
    changed = apply_changes(place, data)
    _announce(session, principal, place, "update", fields=sorted(changed))
    await commit_or_conflict(session, TAKEN)
    return place
