"""Request dependencies: the verified caller and permission checks.

Every route declares ``requires(permission)``; a test fails on any route without it
except the documented public ones.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission, permissions_for_role
from kokoma.access.principal import Principal
from kokoma.access.tokens import AccessClaims, decode_access_token
from kokoma.api_clients.models import ApiClient
from kokoma.auth.models import AuthSession
from kokoma.core.http import DbSession
from kokoma.core.reads import first_row
from kokoma.errors import Forbidden, Unauthorized
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User

_bearer = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/token")


# The state that decides, on every request, whether a verified token still counts:
# one indexed query of plain columns, no ORM entities, on the driver (bench/RESULTS.md).
_USER_STATE = (
    select(
        User.email,
        User.role,
        User.is_active,
        User.municipality_id,
        Municipality.is_active.label("municipality_active"),
        AuthSession.revoked_at,
    )
    .join(AuthSession, AuthSession.user_id == User.id)
    .join(Municipality, Municipality.id == User.municipality_id)
    .where(User.id == bindparam("user_id"), AuthSession.id == bindparam("session_id"))
)
_CLIENT_STATE = select(
    ApiClient.name, ApiClient.municipality_id, ApiClient.scopes, ApiClient.revoked_at
).where(ApiClient.id == bindparam("client_id"))


async def _user_principal(session: AsyncSession, claims: AccessClaims) -> Principal:
    params = {"user_id": claims.subject_id, "session_id": claims.session_id}
    row = await first_row(session, _USER_STATE, params)
    if row is None:
        raise Unauthorized("The session is not known.")
    if row["revoked_at"] is not None or not row["is_active"] or not row["municipality_active"]:
        raise Unauthorized("The session has ended.")
    if row["municipality_id"] != claims.municipality_id:
        raise Unauthorized("The access token does not match the account.")
    return Principal(
        id=claims.subject_id,
        kind="user",
        municipality_id=row["municipality_id"],
        label=row["email"],
        role=row["role"],
        permissions=permissions_for_role(row["role"]),
        session_id=claims.session_id,
    )


async def _client_principal(session: AsyncSession, claims: AccessClaims) -> Principal:
    client = await first_row(session, _CLIENT_STATE, {"client_id": claims.subject_id})
    if client is None or client["revoked_at"] is not None:
        raise Unauthorized("The API client is not active.")
    if client["municipality_id"] != claims.municipality_id:
        raise Unauthorized("The access token does not match the client.")
    # A token holds what it asked for and the client still has: narrowing a
    # client's scopes takes effect on tokens already issued. Every client may
    # read who it is (/auth/me).
    granted = set(client["scopes"])
    if claims.scopes is not None:
        granted &= claims.scopes
    granted.add(Permission.PROFILE_READ)
    return Principal(
        id=claims.subject_id,
        kind="client",
        municipality_id=client["municipality_id"],
        label=client["name"],
        permissions=frozenset(Permission(s) for s in granted),
    )


# The bearer scheme stays a dependency of its own: it puts the security requirement into
# the OpenAPI document. The rest of the check is a plain call inside the one dependency a
# route declares, not further dependencies: FastAPI resolves every level on every request
# (bench/RESULTS.md, "Fifth round").
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def _verified_caller(
    request: Request, session: AsyncSession, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    """The verified caller; 401 for a missing, invalid, expired or revoked token."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized()
    settings: Settings = request.app.state.settings
    claims = decode_access_token(settings, credentials.credentials)
    if claims.kind == "user":
        if claims.session_id is None:
            raise Unauthorized("The access token lacks a session.")
        principal = await _user_principal(session, claims)
    else:
        principal = await _client_principal(session, claims)
        await request.app.state.rate_limiter.check(principal.id)
    request.state.principal = principal
    return principal


def requires(permission: Permission) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """Dependency: the caller, who must hold ``permission`` (403 otherwise)."""

    async def dependency(
        request: Request, session: DbSession, credentials: Credentials
    ) -> Principal:
        principal = await _verified_caller(request, session, credentials)
        if not principal.can(permission):
            raise Forbidden(f"This needs the permission '{permission.value}'.")
        return principal

    # Read by the route-permission test; functions take attributes, mypy does not know it.
    dependency.required_permission = permission  # type: ignore[attr-defined]
    return dependency


def Caller(permission: Permission) -> Any:  # noqa: N802 - used as a type in signatures
    """``principal: Caller(P.CASES_READ)`` — the caller, checked for ``permission``."""
    return Annotated[Principal, Depends(requires(permission))]


def requires_any(*permissions: Permission) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """Dependency: the caller, who must hold at least one of ``permissions`` (403 otherwise).

    For routes that two kinds of callers reach with different rights (members of a
    peer group and the administrators who set groups up); the service decides the rest.
    """

    async def dependency(
        request: Request, session: DbSession, credentials: Credentials
    ) -> Principal:
        principal = await _verified_caller(request, session, credentials)
        if not any(principal.can(p) for p in permissions):
            names = "', '".join(p.value for p in permissions)
            raise Forbidden(f"This needs one of the permissions '{names}'.")
        return principal

    dependency.required_permissions = frozenset(permissions)  # type: ignore[attr-defined]
    return dependency


def CallerAny(*permissions: Permission) -> Any:  # noqa: N802 - used as a type in signatures
    """``principal: CallerAny(P.A, P.B)`` — the caller, holding at least one of them."""
    return Annotated[Principal, Depends(requires_any(*permissions))]
