"""HTTP routes of places; the rules live in ``kokoma.places.service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.places import service
from kokoma.places.schemas import PlaceCreate, PlaceListQuery, PlaceOut, PlaceUpdate

router = APIRouter(prefix="/places", tags=["places"])


@router.get("", response_model=Page[PlaceOut], responses=problems(400))
async def list_places(
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[PlaceListQuery, Query()],
) -> Page[PlaceOut]:
    """The places of the caller's municipality (towns, municipalities, Ortsteile), by name."""
    items, next_cursor = await service.list_places(session, principal, query)
    return Page(items=[PlaceOut.model_validate(p) for p in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=PlaceOut, responses=problems(409))
async def create_place(
    body: PlaceCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_COORDINATE),
) -> PlaceOut:
    """Add a town or municipality (with its official key) or an Ortsteil (coordinators)."""
    place = await service.create_place(session, principal, body)
    set_etag(response, place.version)
    return PlaceOut.model_validate(place)


@router.get("/{place_id}", response_model=PlaceOut, responses=problems(404))
async def get_place(
    place_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_READ),
) -> PlaceOut:
    place = await service.get_place(session, principal, place_id)
    set_etag(response, place.version)
    return PlaceOut.model_validate(place)


@router.patch("/{place_id}", response_model=PlaceOut, responses=problems(404, 409, 412, 428))
async def update_place(
    place_id: uuid.UUID,
    body: PlaceUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_COORDINATE),
    if_match: IfMatch = None,
) -> PlaceOut:
    """Rename, set the official key, archive or bring back a place (coordinators)."""
    place = await service.update_place(session, principal, place_id, body, if_match)
    set_etag(response, place.version)
    return PlaceOut.model_validate(place)
