"""Signed access tokens (python-jose, algorithm pinned) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt

from kokoma.db import utcnow
from kokoma.errors import Unauthorized
from kokoma.settings import Settings

_REQUIRED_CLAIMS = ("sub", "tid", "exp", "iat", "aud", "iss", "jti", "typ")


@dataclass(frozen=True)
class AccessClaims:
    subject_id: uuid.UUID
    municipality_id: uuid.UUID
    kind: str  # "user" or "client"
    session_id: uuid.UUID | None
    token_id: str
    # Scopes an API client asked for when it got the token (None for users).
    scopes: frozenset[str] | None = None


def issue_access_token(
    settings: Settings,
    *,
    subject_id: uuid.UUID,
    municipality_id: uuid.UUID,
    kind: str,
    role: str | None = None,
    scopes: list[str] | None = None,
    session_id: uuid.UUID | None = None,
) -> tuple[str, int]:
    """A short-lived JWT and its lifetime in seconds."""
    now = utcnow()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "sub": str(subject_id),
        "tid": str(municipality_id),
        "typ": kind,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": uuid.uuid4().hex,
    }
    if role:
        claims["role"] = role
    if scopes is not None:
        claims["scope"] = " ".join(scopes)
    if session_id:
        claims["sid"] = str(session_id)
    token = jwt.encode(claims, settings.resolved_secret_key(), algorithm=settings.jwt_algorithm)
    return token, int(lifetime.total_seconds())


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    """Verify signature, algorithm, audience, issuer, expiry and required claims.

    A token's claims are verified once and then kept in process, keyed by the token's
    text (and the verification settings): a token is immutable, so what its signature
    proved stays proven, and only the expiry is checked again on every use. Whether
    the session, account or client behind it is still valid is not part of the token
    and is checked against the database on every request (``kokoma.auth.caller``).
    """
    claims, expires = _verified(
        token,
        settings.resolved_secret_key(),
        settings.jwt_algorithm,
        settings.jwt_audience,
        settings.jwt_issuer,
    )
    if expires <= time.time():
        raise Unauthorized("The access token is invalid or expired.")
    return claims


# Access tokens live for minutes; a few thousand cover every active caller of a worker.
@lru_cache(maxsize=4096)
def _verified(
    token: str, key: str, algorithm: str, audience: str, issuer: str
) -> tuple[AccessClaims, int]:
    """The claims of a verified token and its expiry; raises (and caches nothing) if invalid."""
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            options={
                "require_exp": True,
                "require_iat": True,
                "require_aud": True,
                "require_iss": True,
                "require_sub": True,
                "require_jti": True,
            },
        )
    except JWTError as exc:
        raise Unauthorized("The access token is invalid or expired.") from exc
    if any(claims.get(name) in (None, "") for name in _REQUIRED_CLAIMS):
        raise Unauthorized("The access token lacks required claims.")
    if claims["typ"] not in ("user", "client"):
        raise Unauthorized("The access token is of an unknown type.")
    try:
        verified = AccessClaims(
            subject_id=uuid.UUID(claims["sub"]),
            municipality_id=uuid.UUID(claims["tid"]),
            kind=claims["typ"],
            session_id=uuid.UUID(claims["sid"]) if claims.get("sid") else None,
            token_id=claims["jti"],
            scopes=frozenset(claims["scope"].split()) if "scope" in claims else None,
        )
        return verified, int(claims["exp"])
    except (ValueError, TypeError, AttributeError) as exc:
        raise Unauthorized("The access token is malformed.") from exc


def new_refresh_token() -> tuple[str, str]:
    """An opaque refresh token and the hash under which it is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_client_secret(secret: str) -> str:
    # Client secrets are 256-bit random strings: a fast hash is enough and keeps
    # the token endpoint cheap, unlike passwords, which need argon2.
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def refresh_expiry(settings: Settings) -> datetime:
    return utcnow() + timedelta(days=settings.refresh_token_days)
