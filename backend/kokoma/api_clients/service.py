"""API clients: partner systems that act for one municipality with granted scopes.

Managing them (``api_clients:manage``, administrators) spans all municipalities,
like account management for administrators: the project lead sets up the
integrations of every partner municipality.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.access.tokens import hash_client_secret
from kokoma.api_clients.models import ApiClient
from kokoma.api_clients.schemas import ApiClientCreate, ApiClientListQuery, ApiClientUpdate
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.db import utcnow
from kokoma.errors import Conflict, NotFound
from kokoma.municipalities.models import Municipality


def _new_secret(client: ApiClient) -> str:
    # 32 random bytes; the prefix lets secret scanners recognise a leaked one.
    secret = "kks_" + secrets.token_urlsafe(32)
    client.secret_hash = hash_client_secret(secret)
    return secret


def _scope_values(scopes: Iterable[str]) -> list[str]:
    return sorted({str(scope) for scope in scopes})


def _target(client: ApiClient) -> audit.Target:
    return audit.Target("api_client", client.id)


async def list_clients(
    session: AsyncSession, query: ApiClientListQuery
) -> tuple[list[ApiClient], str | None]:
    """API clients by name, optionally of one municipality; revoked ones on request."""
    stmt = select(ApiClient)
    if query.municipality_id:
        stmt = stmt.where(ApiClient.municipality_id == query.municipality_id)
    if not query.include_revoked:
        stmt = stmt.where(ApiClient.revoked_at.is_(None))
    return await paginate(
        session,
        stmt,
        keys=[SortKey(ApiClient.name)],
        id_column=ApiClient.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_client(session: AsyncSession, client_id: uuid.UUID) -> ApiClient:
    client = await session.get(ApiClient, client_id)
    if client is None:
        raise NotFound("API client")
    return client


async def create_client(
    session: AsyncSession, principal: Principal, data: ApiClientCreate
) -> tuple[ApiClient, str]:
    """Register a client; returns it with its secret, which is never shown again."""
    if await session.get(Municipality, data.municipality_id) is None:
        raise NotFound("Municipality")
    client = ApiClient(
        name=data.name, municipality_id=data.municipality_id, scopes=_scope_values(data.scopes)
    )
    secret = _new_secret(client)
    session.add(client)
    await session.flush()
    audit.record(
        session,
        "api_client.create",
        principal=principal,
        target=_target(client),
        details={"municipality_id": str(client.municipality_id), "scopes": client.scopes},
    )
    await session.commit()
    return client, secret


async def update_client(
    session: AsyncSession,
    principal: Principal,
    client_id: uuid.UUID,
    data: ApiClientUpdate,
    if_match: str | None,
) -> ApiClient:
    """Rename a client or change its scopes; fewer scopes apply to its current tokens too."""
    client = await get_client(session, client_id)
    check_if_match(if_match, client.version)
    details: dict[str, object] = {"fields": sorted(data.model_dump(exclude_unset=True))}
    if data.name is not None:
        client.name = data.name
    if data.scopes is not None:
        client.scopes = _scope_values(data.scopes)
        details["scopes"] = client.scopes
    audit.record(
        session, "api_client.update", principal=principal, target=_target(client), details=details
    )
    await commit_versioned(session)
    return client


async def _active_client(
    session: AsyncSession, client_id: uuid.UUID, if_match: str | None
) -> ApiClient:
    client = await get_client(session, client_id)
    check_if_match(if_match, client.version)
    if client.revoked_at is not None:
        raise Conflict("The API client is revoked.")
    return client


async def rotate_secret(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, if_match: str | None
) -> tuple[ApiClient, str]:
    """Replace the secret: the old one stops working at once, tokens already issued
    run out on their own (minutes); revoke the client to stop those too."""
    client = await _active_client(session, client_id, if_match)
    secret = _new_secret(client)
    audit.record(session, "api_client.rotate_secret", principal=principal, target=_target(client))
    await commit_versioned(session)
    return client, secret


async def revoke_client(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, if_match: str | None
) -> ApiClient:
    """Switch a client off for good: no new tokens, and its tokens stop working at once."""
    client = await _active_client(session, client_id, if_match)
    client.revoked_at = utcnow()
    audit.record(session, "api_client.revoke", principal=principal, target=_target(client))
    await commit_versioned(session)
    return client
