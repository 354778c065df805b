from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.db import Base, utcnow


class AuditEvent(Base):
    """An append-only record of who did what to which record, when, from where."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_throttle", "action", "actor_label", "ip_address", "occurred_at"),
        Index("ix_audit_log_municipality_time", "municipality_id", "occurred_at"),
    )

    # BigInteger on PostgreSQL; SQLite only auto-increments a plain INTEGER key.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(60))
    outcome: Mapped[str] = mapped_column(String(20), default="success")
    actor_kind: Mapped[str | None] = mapped_column(String(10))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # The e-mail or client name as given, so failed logins of unknown accounts count too.
    actor_label: Mapped[str | None] = mapped_column(String(254))
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resource_type: Mapped[str | None] = mapped_column(String(60))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    request_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)
