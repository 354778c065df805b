"""Sign-in through a municipality's identity provider (OpenID Connect)."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base, utcnow


class Provisioning(StrEnum):
    # An account is made at the first sign-in of a person with a mapped role.
    CREATE = "create"
    # Only accounts an administrator made beforehand may sign in.
    PRE_CREATED = "pre_created"


class IdentityProvider(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A municipality's OpenID provider; the client secret is only a pointer to it."""

    __tablename__ = "identity_providers"
    __table_args__ = (UniqueConstraint("municipality_id"),)

    name: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(200))
    # `env:NAME` or `file:/path`: where the secret is read from when needed.
    client_secret_ref: Mapped[str] = mapped_column(String(500))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    roles_claim: Mapped[str] = mapped_column(String(100))
    # Group or app-role value in the claim -> KoKoMa role.
    role_mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    provisioning: Mapped[Provisioning] = mapped_column(code_column(Provisioning))
    allowed_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Password sign-in stops for the municipality's users, but for administrators.
    sso_only: Mapped[bool] = mapped_column(default=False)
    is_enabled: Mapped[bool] = mapped_column(default=True)


class SsoIdentity(IdMixin, Base):
    """The link of an account to a person at a provider: (issuer, subject), never an e-mail."""

    __tablename__ = "sso_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    provider_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]


class SeenLogoutToken(IdMixin, Base):
    """A back-channel logout token already acted on; a replay is refused by its `jti`."""

    __tablename__ = "sso_seen_logout_tokens"
    __table_args__ = (UniqueConstraint("provider_id", "jti"),)

    provider_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True
    )
    jti: Mapped[str] = mapped_column(String(255))
    expires_at: Mapped[datetime]
