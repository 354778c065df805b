from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.api_clients import service
from kokoma.api_clients.models import ApiClient
from kokoma.api_clients.schemas import (
    ApiClientCreate,
    ApiClientListQuery,
    ApiClientOut,
    ApiClientUpdate,
    ApiClientWithSecret,
)
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(prefix="/api-clients", tags=["api-clients"])
MANAGE = P.API_CLIENTS_MANAGE


def _with_secret(response: Response, client: ApiClient, secret: str) -> ApiClientWithSecret:
    set_etag(response, client.version)
    response.headers["Cache-Control"] = "no-store"
    return ApiClientWithSecret(
        **ApiClientOut.model_validate(client).model_dump(), client_secret=secret
    )


def _out(response: Response, client: ApiClient) -> ApiClientOut:
    set_etag(response, client.version)
    return ApiClientOut.model_validate(client)


@router.get("", response_model=Page[ApiClientOut], responses=problems(400))
async def list_api_clients(
    session: DbSession,
    principal: Caller(MANAGE),
    query: Annotated[ApiClientListQuery, Query()],
) -> Page[ApiClientOut]:
    """API clients of all municipalities by name; secrets are never listed."""
    items, next_cursor = await service.list_clients(session, query)
    return Page(items=[ApiClientOut.model_validate(c) for c in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=ApiClientWithSecret, responses=problems(404))
async def create_api_client(
    body: ApiClientCreate, response: Response, session: DbSession, principal: Caller(MANAGE)
) -> ApiClientWithSecret:
    """Register a client. The response carries its secret: store it now, it is not shown again."""
    client, secret = await service.create_client(session, principal, body)
    return _with_secret(response, client, secret)


@router.get("/{client_id}", response_model=ApiClientOut, responses=problems(404))
async def get_api_client(
    client_id: uuid.UUID, response: Response, session: DbSession, principal: Caller(MANAGE)
) -> ApiClientOut:
    return _out(response, await service.get_client(session, client_id))


@router.patch("/{client_id}", response_model=ApiClientOut, responses=problems(404, 412, 428))
async def update_api_client(
    client_id: uuid.UUID,
    body: ApiClientUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> ApiClientOut:
    """Rename a client or change its scopes."""
    client = await service.update_client(session, principal, client_id, body, if_match)
    return _out(response, client)


@router.post(
    "/{client_id}/rotate-secret",
    response_model=ApiClientWithSecret,
    responses=problems(404, 409, 412, 428),
)
async def rotate_api_client_secret(
    client_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> ApiClientWithSecret:
    """Issue a new secret (shown once); the old one stops working at once."""
    client, secret = await service.rotate_secret(session, principal, client_id, if_match)
    return _with_secret(response, client, secret)


@router.post(
    "/{client_id}/revoke", response_model=ApiClientOut, responses=problems(404, 409, 412, 428)
)
async def revoke_api_client(
    client_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> ApiClientOut:
    """Revoke a client for good; its access tokens stop working at once."""
    client = await service.revoke_client(session, principal, client_id, if_match)
    return _out(response, client)
