from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin
from kokoma.db import Base, utcnow


class AuthSession(IdMixin, Base):
    """One login; every refresh token it hands out belongs to this family."""

    __tablename__ = "auth_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    ip_address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))
    # Sessions opened through an identity provider, with the provider's session id
    # (`sid`), so that the provider's back-channel logout can end them.
    identity_provider_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("identity_providers.id", ondelete="CASCADE"), index=True
    )
    provider_subject: Mapped[str | None] = mapped_column(String(255))
    provider_sid: Mapped[str | None] = mapped_column(String(255), index=True)


class RefreshToken(IdMixin, Base):
    __tablename__ = "refresh_tokens"

    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
