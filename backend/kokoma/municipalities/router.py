from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, PageQuery
from kokoma.municipalities import service
from kokoma.municipalities.schemas import (
    MunicipalityCreate,
    MunicipalityOut,
    MunicipalityUpdate,
)

router = APIRouter(prefix="/municipalities", tags=["municipalities"])


@router.get("", response_model=Page[MunicipalityOut], responses=problems(400))
async def list_municipalities(
    session: DbSession,
    principal: Caller(P.MUNICIPALITIES_READ),
    query: Annotated[PageQuery, Query()],
) -> Page[MunicipalityOut]:
    """All municipalities (administrators) or one's own."""
    items, next_cursor = await service.list_municipalities(session, principal, query)
    return Page(items=[MunicipalityOut.model_validate(m) for m in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=MunicipalityOut, responses=problems(409))
async def create_municipality(
    body: MunicipalityCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.MUNICIPALITIES_MANAGE),
) -> MunicipalityOut:
    municipality = await service.create_municipality(session, principal, body)
    set_etag(response, municipality.version)
    return MunicipalityOut.model_validate(municipality)


@router.get("/{municipality_id}", response_model=MunicipalityOut, responses=problems(404))
async def get_municipality(
    municipality_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(P.MUNICIPALITIES_READ),
) -> MunicipalityOut:
    municipality = await service.get_municipality(session, principal, municipality_id)
    set_etag(response, municipality.version)
    return MunicipalityOut.model_validate(municipality)


@router.patch(
    "/{municipality_id}", response_model=MunicipalityOut, responses=problems(404, 412, 428)
)
async def update_municipality(
    municipality_id: uuid.UUID,
    body: MunicipalityUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.MUNICIPALITIES_MANAGE),
    if_match: IfMatch = None,
) -> MunicipalityOut:
    municipality = await service.update_municipality(
        session, principal, municipality_id, body, if_match
    )
    set_etag(response, municipality.version)
    return MunicipalityOut.model_validate(municipality)
