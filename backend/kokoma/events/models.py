"""The outbox table: domain events written with the change they report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin
from kokoma.db import Base, utcnow


class DomainEvent(IdMixin, Base):
    """An event written in the same transaction as the change it reports (outbox).

    Webhook delivery reads from here, so a failing subscriber can never slow down
    or roll back the request that caused the event.
    """

    __tablename__ = "domain_events"
    __table_args__ = (Index("ix_domain_events_pending", "dispatched_at", "occurred_at"),)

    municipality_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    event_type: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    dispatched_at: Mapped[datetime | None]
