"""Logging in and out, refreshing sessions, and client-credential grants."""

from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.passwords import burn_verification_time, verify_password
from kokoma.access.permissions import CLIENT_SCOPES, Role
from kokoma.access.principal import Principal
from kokoma.access.tokens import (
    hash_client_secret,
    hash_refresh_token,
    issue_access_token,
    new_refresh_token,
    refresh_expiry,
)
from kokoma.api_clients.models import ApiClient
from kokoma.audit import service as audit
from kokoma.auth import throttle
from kokoma.auth.models import AuthSession, RefreshToken
from kokoma.auth.schemas import MeResponse, MunicipalityRef, TokenResponse
from kokoma.auth.sso.models import IdentityProvider
from kokoma.core.concurrency import execute_counted
from kokoma.core.metrics import FAILED_LOGINS
from kokoma.db import utcnow
from kokoma.errors import Problem
from kokoma.municipalities.models import Municipality
from kokoma.request_context import current_client_ip
from kokoma.settings import Settings
from kokoma.users.models import User


@dataclass(frozen=True)
class ClientInfo:
    user_agent: str | None


def _invalid_grant(detail: str) -> Problem:
    return Problem(401, detail, code="invalid-grant", error="invalid_grant")


async def _fail(session: AsyncSession, action: str, label: str, reason: str) -> Problem:
    FAILED_LOGINS.labels("person").inc()
    audit.record(session, action, outcome="failure", actor_label=label, details={"reason": reason})
    await session.commit()
    if reason == "sso-only":
        return Problem(
            403,
            "Your municipality signs in through its directory: use single sign-on.",
            code="sso-only",
        )
    return _invalid_grant("The e-mail address or password is wrong.")


async def _passwords_switched_off(session: AsyncSession, user: User) -> bool:
    """An SSO-only municipality takes no passwords; administrators keep theirs as the
    way in when the provider fails (break glass)."""
    if user.role == Role.ADMIN:
        return False
    found = await session.scalar(
        select(IdentityProvider.id).where(
            IdentityProvider.municipality_id == user.municipality_id,
            IdentityProvider.sso_only.is_(True),
            IdentityProvider.is_enabled.is_(True),
        )
    )
    return found is not None


async def login(
    session: AsyncSession, settings: Settings, email: str, password: str, client: ClientInfo
) -> TokenResponse:
    """Password grant: verify the account, open a session, hand out the token pair."""
    typed = email.strip().lower()[:254]
    user = await session.scalar(select(User).where(User.email == typed))
    label = typed if user is not None else throttle.unknown_label(settings, typed)
    await throttle.check_address(session, settings, throttle.LOGIN_FAILED, label)
    await throttle.check_account(session, settings, label, user.id if user else None)
    if user is None:
        await burn_verification_time(password)
        raise await _fail(session, throttle.LOGIN_FAILED, label, "unknown-account")
    valid, new_hash = await verify_password(password, user.password_hash)
    if not valid:
        raise await _fail(session, throttle.LOGIN_FAILED, label, "wrong-password")
    if not user.is_active or not user.municipality.is_active:
        raise await _fail(session, throttle.LOGIN_FAILED, label, "inactive")
    if await _passwords_switched_off(session, user):
        raise await _fail(session, throttle.LOGIN_FAILED, label, "sso-only")
    if new_hash:
        user.password_hash = new_hash
    return await open_session(session, settings, user, client)


@dataclass(frozen=True)
class ProviderSession:
    """Where a session opened through an identity provider came from."""

    provider_id: uuid.UUID
    subject: str
    sid: str | None


async def open_session(
    session: AsyncSession,
    settings: Settings,
    user: User,
    client: ClientInfo,
    via: ProviderSession | None = None,
    details: dict[str, object] | None = None,
) -> TokenResponse:
    """Open a session for a verified person, audit the sign-in and commit."""
    auth_session = AuthSession(
        id=uuid.uuid4(),
        user_id=user.id,
        ip_address=current_client_ip(),
        user_agent=(client.user_agent or "")[:300] or None,
        identity_provider_id=via.provider_id if via else None,
        provider_subject=via.subject if via else None,
        provider_sid=via.sid if via else None,
    )
    session.add(auth_session)
    response = _token_pair(session, settings, user, auth_session.id)
    audit.record(
        session,
        throttle.LOGIN_SUCCEEDED,
        principal=_principal_of(user, auth_session.id),
        target=audit.Target("user", user.id),
        details=details,
    )
    await session.commit()
    return response


def _principal_of(user: User, session_id: uuid.UUID | None = None) -> Principal:
    return Principal(
        id=user.id,
        kind="user",
        municipality_id=user.municipality_id,
        label=user.email,
        role=user.role,
        permissions=frozenset(),
        session_id=session_id,
    )


def _token_pair(
    session: AsyncSession, settings: Settings, user: User, session_id: uuid.UUID
) -> TokenResponse:
    access, lifetime = issue_access_token(
        settings,
        subject_id=user.id,
        municipality_id=user.municipality_id,
        kind="user",
        role=user.role.value,
        session_id=session_id,
    )
    refresh, refresh_hash = new_refresh_token()
    expires_at = refresh_expiry(settings)
    session.add(
        RefreshToken(session_id=session_id, token_hash=refresh_hash, expires_at=expires_at)
    )
    return TokenResponse(
        access_token=access,
        expires_in=lifetime,
        refresh_token=refresh,
        refresh_expires_in=settings.refresh_token_days * 86400,
    )


async def refresh(session: AsyncSession, settings: Settings, token: str) -> TokenResponse:
    """Rotate a refresh token. A token used twice ends its whole session family."""
    stmt = (
        select(RefreshToken, AuthSession, User)
        .join(AuthSession, AuthSession.id == RefreshToken.session_id)
        .join(User, User.id == AuthSession.user_id)
        .where(RefreshToken.token_hash == hash_refresh_token(token))
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        raise _invalid_grant("The refresh token is not valid.")
    stored, auth_session, user = row
    if auth_session.revoked_at is not None or not user.is_active:
        raise _invalid_grant("The session has ended. Please sign in again.")
    if stored.expires_at <= utcnow():
        raise _invalid_grant("The refresh token has expired. Please sign in again.")
    # Conditional update: of two concurrent uses of one token, exactly one wins.
    claimed = await execute_counted(
        session,
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.used_at.is_(None))
        .values(used_at=utcnow()),
    )
    if claimed != 1:
        auth_session.revoked_at = utcnow()
        audit.record(
            session,
            "auth.refresh_reused",
            outcome="failure",
            principal=_principal_of(user, auth_session.id),
            target=audit.Target("auth_session", auth_session.id),
        )
        await session.commit()
        raise _invalid_grant("The refresh token was already used; the session has been ended.")
    response = _token_pair(session, settings, user, auth_session.id)
    audit.record(
        session,
        "auth.refresh",
        principal=_principal_of(user, auth_session.id),
        target=audit.Target("auth_session", auth_session.id),
    )
    await session.commit()
    return response


async def logout(session: AsyncSession, token: str) -> uuid.UUID | None:
    """End the session the refresh token belongs to; unknown tokens end nothing.

    Returns the identity provider the session was opened through, if any."""
    stmt = (
        select(AuthSession, User)
        .join(RefreshToken, RefreshToken.session_id == AuthSession.id)
        .join(User, User.id == AuthSession.user_id)
        .where(RefreshToken.token_hash == hash_refresh_token(token))
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        return None
    auth_session, user = row
    provider_id = auth_session.identity_provider_id
    if auth_session.revoked_at is None:
        auth_session.revoked_at = utcnow()
        audit.record(
            session,
            "auth.logout",
            principal=_principal_of(user, auth_session.id),
            target=audit.Target("auth_session", auth_session.id),
        )
        await session.commit()
    return provider_id


async def client_credentials(
    session: AsyncSession,
    settings: Settings,
    client_id: str,
    client_secret: str,
    requested_scope: str | None,
) -> TokenResponse:
    """Client-credentials grant: a scoped access token for an API client."""
    label = f"client:{client_id.strip()[:80]}"
    await throttle.check_address(session, settings, "auth.client_failed", label)
    try:
        client = await session.get(ApiClient, uuid.UUID(client_id))
    except ValueError:
        client = None
    if (
        client is None
        or client.revoked_at is not None
        or not hmac.compare_digest(client.secret_hash, hash_client_secret(client_secret))
    ):
        FAILED_LOGINS.labels("client").inc()
        audit.record(session, "auth.client_failed", outcome="failure", actor_label=label)
        await session.commit()
        raise Problem(
            401, "The client credentials are wrong.", code="invalid-client", error="invalid_client"
        )
    scopes = _granted_scopes(client.scopes, requested_scope)
    # A plain UPDATE: using a client is not a change to it, so its ETag stays.
    await session.execute(
        update(ApiClient).where(ApiClient.id == client.id).values(last_used_at=utcnow())
    )
    access, lifetime = issue_access_token(
        settings,
        subject_id=client.id,
        municipality_id=client.municipality_id,
        kind="client",
        scopes=scopes,
    )
    audit.record(
        session,
        "auth.client_token",
        actor_label=label,
        municipality_id=client.municipality_id,
        target=audit.Target("api_client", client.id),
    )
    await session.commit()
    return TokenResponse(access_token=access, expires_in=lifetime, scope=" ".join(scopes))


def _granted_scopes(allowed: list[str], requested: str | None) -> list[str]:
    if not requested:
        return sorted(allowed)
    wanted = set(requested.split())
    if not wanted <= set(allowed) or not wanted <= {s.value for s in CLIENT_SCOPES}:
        raise Problem(
            400,
            "A requested scope was not granted to this client.",
            code="invalid-scope",
            error="invalid_scope",
        )
    return sorted(wanted)


async def describe(session: AsyncSession, principal: Principal) -> MeResponse:
    """Who the caller is, with municipality and effective permissions."""
    municipality = await session.get(Municipality, principal.municipality_id)
    assert municipality is not None  # guaranteed by the foreign key
    user = await session.get(User, principal.id) if principal.is_user else None
    return MeResponse(
        id=principal.id,
        kind=principal.kind,
        email=user.email if user else None,
        full_name=user.full_name if user else principal.label,
        role=principal.role.value if principal.role else None,
        municipality=MunicipalityRef.model_validate(municipality),
        permissions=sorted(p.value for p in principal.permissions),
    )
