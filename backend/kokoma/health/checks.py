"""What readiness and the metrics read from the database: schema state and outbox backlog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma import revisions
from kokoma.db import utcnow
from kokoma.events.models import DomainEvent
from kokoma.mail.models import MailMessage, MailStatus
from kokoma.settings import Settings
from kokoma.webhooks.models import DeliveryStatus, WebhookDelivery


@dataclass(frozen=True)
class Backlog:
    """Entries of one outbox waiting to be handled, and how long the oldest has waited."""

    outbox: str
    waiting: int
    oldest_age_seconds: float


async def schema_state(session: AsyncSession, settings: Settings) -> str:
    """``ok`` at this version's head; ``ahead`` when a newer release has migrated.

    An instance of the previous release keeps serving after the new release migrated
    the database (rolling upgrade, see README), so ``ahead`` is ready; ``behind``
    (a migration of this version not applied yet) is not.
    """
    revision = await session.scalar(text("SELECT version_num FROM alembic_version"))
    if revision == revisions.head_revision(settings):
        return "ok"
    if revision is not None and not revisions.is_known_revision(settings, revision):
        return "ahead"
    return "behind"


def _age(oldest: datetime | None, now: datetime) -> float:
    if oldest is None:
        return 0.0
    if oldest.tzinfo is None:  # SQLite hands back naive UTC from aggregates
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return max(0.0, (now - oldest).total_seconds())


async def outbox_backlogs(session: AsyncSession) -> list[Backlog]:
    """Domain events not yet fanned out, webhook deliveries and e-mails due but not
    attempted."""
    now = utcnow()
    events = (
        await session.execute(
            select(func.count(), func.min(DomainEvent.occurred_at)).where(
                DomainEvent.dispatched_at.is_(None)
            )
        )
    ).one()
    deliveries = (
        await session.execute(
            select(func.count(), func.min(WebhookDelivery.next_attempt_at)).where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= now,
            )
        )
    ).one()
    mail = (
        await session.execute(
            select(func.count(), func.min(MailMessage.next_attempt_at)).where(
                MailMessage.status == MailStatus.PENDING,
                MailMessage.next_attempt_at <= now,
            )
        )
    ).one()
    return [
        Backlog("domain_events", events[0], _age(events[1], now)),
        Backlog("webhook_deliveries", deliveries[0], _age(deliveries[1], now)),
        Backlog("mail_messages", mail[0], _age(mail[1], now)),
    ]
