"""Single sign-on through a municipality's OpenID provider.

Managing the configurations (``identity_providers:manage``, administrators) spans all
municipalities, like API clients. A sign-in belongs to the municipality of the
configuration it came through, never to a claim; the account is found by
``(issuer, subject)``. A pre-created account is linked at its first sign-in by its
verified address within that municipality, and from then on only by the subject.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from kokoma.access.passwords import hash_password
from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.auth import service as auth
from kokoma.auth.models import AuthSession
from kokoma.auth.schemas import TokenResponse
from kokoma.auth.sso import oidc
from kokoma.auth.sso.models import IdentityProvider, Provisioning, SeenLogoutToken, SsoIdentity
from kokoma.auth.sso.schemas import (
    ConnectionTest,
    IdentityProviderCreate,
    IdentityProviderListQuery,
    IdentityProviderUpdate,
    MappedRole,
    SignInOption,
)
from kokoma.core.concurrency import check_if_match, commit_versioned, execute_counted
from kokoma.core.pagination import SortKey, paginate
from kokoma.db import utcnow
from kokoma.errors import Conflict, NotFound
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User

SSO_PATH = "/api/v1/auth/sso"
_LOGOUT = "auth.sso_backchannel_logout"
# Of several mapped roles the one that grants most wins.
_PRECEDENCE = [
    Role.COORDINATOR,
    Role.CONFLICT_MANAGER,
    Role.STEERING_GROUP,
    Role.TRAINER,
]


def callback_url(settings: Settings, provider_id: uuid.UUID) -> str:
    return f"{settings.public_base}{SSO_PATH}/{provider_id}/callback"


def backchannel_url(settings: Settings, provider_id: uuid.UUID) -> str:
    return f"{settings.public_base}{SSO_PATH}/{provider_id}/backchannel-logout"


def _label(provider: IdentityProvider) -> str:
    """Who acts in the audit log when the provider does (no KoKoMa user)."""
    return f"sso:{provider.issuer}"[:200]


def _target(provider: IdentityProvider) -> audit.Target:
    return audit.Target("identity_provider", provider.id)


# --- configuration ----------------------------------------------------------------------


async def list_providers(
    session: AsyncSession, query: IdentityProviderListQuery
) -> tuple[list[IdentityProvider], str | None]:
    """Identity-provider configurations by name, optionally of one municipality."""
    stmt = select(IdentityProvider)
    if query.municipality_id:
        stmt = stmt.where(IdentityProvider.municipality_id == query.municipality_id)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(IdentityProvider.name)],
        id_column=IdentityProvider.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_provider(session: AsyncSession, provider_id: uuid.UUID) -> IdentityProvider:
    provider = await session.get(IdentityProvider, provider_id)
    if provider is None:
        raise NotFound("Identity provider")
    return provider


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    if "role_mapping" in data and data["role_mapping"] is not None:
        data["role_mapping"] = {k: str(v) for k, v in data["role_mapping"].items()}
    if "allowed_domains" in data and data["allowed_domains"] is not None:
        data["allowed_domains"] = sorted({d.lower() for d in data["allowed_domains"]})
    return data


async def create_provider(
    session: AsyncSession, principal: Principal | None, data: IdentityProviderCreate
) -> IdentityProvider:
    """Configure a municipality's provider; one per municipality (`principal` None:
    the command line)."""
    if await session.get(Municipality, data.municipality_id) is None:
        raise NotFound("Municipality")
    provider = IdentityProvider(**_plain(data.model_dump()))
    session.add(provider)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("This municipality already has an identity provider.") from exc
    audit.record(
        session,
        "identity_provider.create",
        principal=principal,
        target=_target(provider),
        municipality_id=provider.municipality_id,
        details={"issuer": provider.issuer, "sso_only": provider.sso_only},
    )
    await session.commit()
    return provider


async def update_provider(
    session: AsyncSession,
    principal: Principal,
    provider_id: uuid.UUID,
    data: IdentityProviderUpdate,
    if_match: str | None,
) -> IdentityProvider:
    """Change a configuration; the next sign-in uses it."""
    provider = await get_provider(session, provider_id)
    check_if_match(if_match, provider.version)
    changes = _plain(data.model_dump(exclude_unset=True))
    for field, value in changes.items():
        if value is not None:
            setattr(provider, field, value)
    audit.record(
        session,
        "identity_provider.update",
        principal=principal,
        target=_target(provider),
        municipality_id=provider.municipality_id,
        details={"fields": sorted(changes)},
    )
    await commit_versioned(session)
    return provider


async def test_connection(provider: IdentityProvider) -> ConnectionTest:
    """Read the discovery document and the signing keys, and look for the secret."""
    result = ConnectionTest(secret_found=oidc.read_secret(provider.client_secret_ref) is not None)
    if not result.secret_found:
        result.problems.append("secret-missing")
        return result
    try:
        document = await oidc.metadata(provider)
        result.issuer = document.get("issuer")
        result.authorization_endpoint = document.get("authorization_endpoint")
        result.end_session_endpoint = document.get("end_session_endpoint")
        result.backchannel_logout_supported = bool(document.get("backchannel_logout_supported"))
        result.signing_keys = await oidc.signing_keys(provider)
    except oidc.SsoRefused as refused:
        result.problems.append(refused.reason)
    if not result.problems and result.signing_keys == 0:
        result.problems.append("no-signing-key")
    result.ok = not result.problems
    return result


async def sign_in_options(session: AsyncSession, settings: Settings) -> list[SignInOption]:
    """The enabled providers, for the buttons of the sign-in page."""
    rows = await session.execute(
        select(IdentityProvider, Municipality.name)
        .join(Municipality, Municipality.id == IdentityProvider.municipality_id)
        .where(IdentityProvider.is_enabled.is_(True), Municipality.is_active.is_(True))
        .order_by(Municipality.name)
    )
    return [
        SignInOption(
            id=provider.id,
            name=provider.name,
            municipality_name=name,
            login_url=f"{SSO_PATH}/{provider.id}/login",
        )
        for provider, name in rows.all()
    ]


async def enabled_provider(session: AsyncSession, provider_id: uuid.UUID) -> IdentityProvider:
    """A provider people may sign in through now."""
    provider = await session.get(IdentityProvider, provider_id)
    if provider is None or not provider.is_enabled:
        raise NotFound("Identity provider")
    return provider


# --- sign-in ----------------------------------------------------------------------------


def _role_from(provider: IdentityProvider, claims: dict[str, Any]) -> Role | None:
    values = claims.get(provider.roles_claim)
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return None
    granted = {
        Role(provider.role_mapping[value])
        for value in values
        if isinstance(value, str)
        and provider.role_mapping.get(value) in {r.value for r in MappedRole}
    }
    return next((role for role in _PRECEDENCE if role in granted), None)


def _email_of(provider: IdentityProvider, claims: dict[str, Any]) -> str | None:
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email or len(email) > 254:
        return None
    email = email.strip().lower()
    domain = email.rsplit("@", 1)[1]
    if provider.allowed_domains and domain not in provider.allowed_domains:
        return None
    return email


async def _refuse(
    session: AsyncSession,
    provider: IdentityProvider,
    reason: str,
    subject: object = None,
    user: User | None = None,
    action: str = "auth.sso_refused",
) -> oidc.SsoRefused:
    """Audit a refused sign-in (or logout token) and return the refusal to raise."""
    audit.record(
        session,
        action,
        outcome="failure",
        actor_label=user.email if user else f"sso:{str(subject or provider.issuer)[:200]}",
        municipality_id=provider.municipality_id,
        target=_target(provider),
        details={"reason": reason},
    )
    await session.commit()
    return oidc.SsoRefused(reason)


async def _linked_user(
    session: AsyncSession, provider: IdentityProvider, subject: str, email: str | None
) -> tuple[User | None, bool]:
    """The account of `(issuer, subject)`; else a pre-created, not yet linked account of
    the municipality with the verified address. The flag says the link is new."""
    user = await session.scalar(
        select(User)
        .join(SsoIdentity, SsoIdentity.user_id == User.id)
        .where(SsoIdentity.issuer == provider.issuer, SsoIdentity.subject == subject)
    )
    if user is not None and user.municipality_id != provider.municipality_id:
        # A provider shared by several municipalities signs in to the configuration's.
        raise await _refuse(session, provider, "other-municipality", subject, user)
    if user is not None or email is None:
        return user, False
    user = await session.scalar(
        select(User).where(User.email == email, User.municipality_id == provider.municipality_id)
    )
    if user is None:
        return None, True
    already_linked = await session.scalar(
        select(SsoIdentity.id).where(
            SsoIdentity.user_id == user.id, SsoIdentity.issuer == provider.issuer
        )
    )
    return (None, False) if already_linked else (user, True)


async def complete_sign_in(
    session: AsyncSession,
    settings: Settings,
    provider: IdentityProvider,
    request: Request,
    client: auth.ClientInfo,
) -> TokenResponse:
    """Check the provider's answer to the browser and sign the person in; every
    refusal is audited with its reason."""
    try:
        claims = await oidc.finish(request, provider)
    except oidc.SsoRefused as refused:
        raise await _refuse(session, provider, refused.reason) from None
    return await sign_in(session, settings, provider, claims, client)


async def sign_in(
    session: AsyncSession,
    settings: Settings,
    provider: IdentityProvider,
    claims: dict[str, Any],
    client: auth.ClientInfo,
) -> TokenResponse:
    """Open a session for the person the provider vouched for, or refuse (audited)."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise await _refuse(session, provider, "no-subject")
    verified = claims.get("email_verified", True) is not False
    email = _email_of(provider, claims) if verified else None
    role = _role_from(provider, claims)
    user, new_link = await _linked_user(session, provider, subject, email)
    if role is None:
        raise await _refuse(session, provider, "no-mapped-role", subject, user)
    if user is None:
        if not new_link or provider.provisioning != Provisioning.CREATE:
            raise await _refuse(session, provider, "no-account", subject)
        if email is None:
            raise await _refuse(session, provider, "email-not-allowed", subject)
        user = await _provision(session, provider, email, claims, role)
        if user is None:
            raise await _refuse(session, provider, "email-taken", subject)
    municipality = await session.get(Municipality, provider.municipality_id)
    active = user.is_active and municipality is not None and municipality.is_active
    if not active or user.role == Role.ADMIN:
        raise await _refuse(session, provider, "account-not-allowed", subject, user)
    if new_link:
        session.add(
            SsoIdentity(
                issuer=provider.issuer, subject=subject, user_id=user.id, provider_id=provider.id
            )
        )
    await _apply_role(session, provider, user, role)
    await session.execute(
        update(SsoIdentity)
        .where(SsoIdentity.issuer == provider.issuer, SsoIdentity.subject == subject)
        .values(last_sign_in_at=utcnow())
    )
    sid = claims.get("sid") if isinstance(claims.get("sid"), str) else None
    via = auth.ProviderSession(provider_id=provider.id, subject=subject, sid=sid)
    details = {"via": "sso", "identity_provider_id": str(provider.id), "linked": new_link}
    return await auth.open_session(session, settings, user, client, via, details)


async def _provision(
    session: AsyncSession,
    provider: IdentityProvider,
    email: str,
    claims: dict[str, Any],
    role: Role,
) -> User | None:
    """A new account for a first sign-in; None when the address is someone else's."""
    if await session.scalar(select(User.id).where(User.email == email)) is not None:
        return None
    name = claims.get("name")
    user = User(
        municipality_id=provider.municipality_id,
        email=email,
        full_name=name[:200] if isinstance(name, str) and name.strip() else email,
        role=role,
        # No password anyone knows: the account signs in through its provider.
        password_hash=await hash_password(secrets.token_urlsafe(32)),
    )
    session.add(user)
    await session.flush()
    audit.record(
        session,
        "user.create",
        actor_label=_label(provider),
        municipality_id=provider.municipality_id,
        target=audit.Target("user", user.id),
        details={"via": "sso", "role": role.value},
    )
    return user


async def _apply_role(
    session: AsyncSession, provider: IdentityProvider, user: User, role: Role
) -> None:
    if user.role == role:
        return
    audit.record(
        session,
        "user.role_mapped",
        actor_label=_label(provider),
        municipality_id=provider.municipality_id,
        target=audit.Target("user", user.id),
        details={"from": user.role.value, "to": role.value},
    )
    user.role = role


# --- logout -----------------------------------------------------------------------------


async def backchannel_logout(
    session: AsyncSession, provider: IdentityProvider, logout_token: str
) -> int:
    """End every session of the provider session (or subject) the token names.

    Refuses a token whose `jti` was seen before; returns how many sessions ended."""
    try:
        claims = await oidc.logout_claims(provider, logout_token)
    except oidc.SsoRefused as refused:
        raise await _refuse(session, provider, refused.reason, action=_LOGOUT) from None
    jti = str(claims["jti"])[:255]
    seen = select(SeenLogoutToken.id).where(
        SeenLogoutToken.provider_id == provider.id, SeenLogoutToken.jti == jti
    )
    if await session.scalar(seen) is not None:
        raise await _refuse(session, provider, "token-replayed", action=_LOGOUT)
    session.add(
        SeenLogoutToken(
            provider_id=provider.id,
            jti=jti,
            expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC)
            + timedelta(seconds=oidc.LEEWAY_SECONDS),
        )
    )
    try:
        await session.flush()
    except IntegrityError:  # the same token twice at the same moment
        await session.rollback()
        await session.refresh(provider)
        raise await _refuse(session, provider, "token-replayed", action=_LOGOUT) from None
    stmt = update(AuthSession).where(
        AuthSession.identity_provider_id == provider.id, AuthSession.revoked_at.is_(None)
    )
    if claims.get("sid"):
        stmt = stmt.where(AuthSession.provider_sid == str(claims["sid"]))
    if claims.get("sub"):
        stmt = stmt.where(AuthSession.provider_subject == str(claims["sub"]))
    ended = await execute_counted(session, stmt.values(revoked_at=utcnow()))
    audit.record(
        session,
        _LOGOUT,
        actor_label=_label(provider),
        municipality_id=provider.municipality_id,
        target=_target(provider),
        details={"sessions_ended": ended},
    )
    await session.commit()
    return ended


async def provider_logout_url(
    session: AsyncSession, settings: Settings, provider_id: uuid.UUID | None
) -> str | None:
    """Where to end the provider's session after KoKoMa's (RP-initiated logout)."""
    if provider_id is None:
        return None
    provider = await session.get(IdentityProvider, provider_id)
    if provider is None or not provider.is_enabled:
        return None
    return await oidc.logout_url(provider, f"{settings.public_base}/login")
