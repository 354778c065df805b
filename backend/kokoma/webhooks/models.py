from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base, utcnow


class WebhookSubscription(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """An API client's request to be told about events of its municipality."""

    __tablename__ = "webhook_subscriptions"

    api_client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("api_clients.id", ondelete="CASCADE"), index=True
    )
    target_url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The signing secret, encrypted with a key derived from the application secret.
    sealed_secret: Mapped[str] = mapped_column(String(500))
    is_active: Mapped[bool] = mapped_column(default=True)


# The event type of a test delivery: sent only to the one subscription that asked for it.
PING = "webhook.ping"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # every attempt failed; no more retries


class WebhookDelivery(IdMixin, TenantMixin, Base):
    """One event for one subscription, tried until it succeeds or attempts run out."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "event_id"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_log", "subscription_id", "created_at"),
    )

    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE")
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("domain_events.id", ondelete="CASCADE"), index=True
    )
    event_type: Mapped[str] = mapped_column(String(60))
    status: Mapped[DeliveryStatus] = mapped_column(
        code_column(DeliveryStatus, 20),
        default=DeliveryStatus.PENDING,
    )
    attempt_count: Mapped[int] = mapped_column(default=0)
    # While an attempt runs this is the end of the worker's lease on the row.
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    attempts: Mapped[list[WebhookAttempt]] = relationship(
        order_by="WebhookAttempt.number", lazy="raise", passive_deletes=True
    )


class WebhookAttempt(IdMixin, Base):
    """One HTTP request made for a delivery, successful or not: the delivery log."""

    __tablename__ = "webhook_attempts"

    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    attempted_at: Mapped[datetime]
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(String(300))
    duration_ms: Mapped[int]
