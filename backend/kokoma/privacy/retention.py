"""Retention of the records the system keeps about its own operation.

Each rule names the rows that are due; a run first counts them (dry run) and then
deletes them in batches, each batch its own transaction. A run that is stopped
half-way leaves only whole batches behind, and the next run deletes the rest, so
runs are idempotent and resume by themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.audit import service as audit
from kokoma.audit.models import AuditEvent
from kokoma.auth.models import AuthSession, RefreshToken
from kokoma.db import utcnow
from kokoma.events.models import DomainEvent
from kokoma.intake.models import ContactMethod, HelpRequest, RequestStatus
from kokoma.mail.models import MailMessage, MailStatus
from kokoma.peer.models import InvitationStatus, PeerContribution, PeerInvitation, PeerSession
from kokoma.privacy import lifecycle
from kokoma.privacy.lifecycle import YEAR
from kokoma.settings import Settings
from kokoma.webhooks.models import DeliveryStatus, WebhookDelivery

# Proof that records were erased or pruned outlives the records it speaks of.
KEPT_ACTIONS = "privacy."
SIGN_IN_ACTIONS = "auth."
DEFAULT_BATCH = 1000


# (cutoff, now) -> the rows that are due.
Due = Callable[[datetime, datetime], ColumnElement[bool]]


@dataclass(frozen=True)
class Rule:
    """Rows of one kind that are due for deletion ``days`` after ``when``."""

    name: str
    days: int
    id_column: Any
    due: Due

    def candidates(self, now: datetime) -> Select[Any]:
        return select(self.id_column).where(self.due(now - timedelta(days=self.days), now))


def _finished_delivery(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    return (WebhookDelivery.status != DeliveryStatus.PENDING) & (
        WebhookDelivery.created_at < cutoff
    )


def _dispatched_event(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    pending = exists().where(
        WebhookDelivery.event_id == DomainEvent.id,
        WebhookDelivery.status == DeliveryStatus.PENDING,
    )
    return DomainEvent.dispatched_at.is_not(None) & (DomainEvent.occurred_at < cutoff) & ~pending


def _ended_sign_in(cutoff: datetime, now: datetime) -> ColumnElement[bool]:
    still_valid = exists().where(
        RefreshToken.session_id == AuthSession.id, RefreshToken.expires_at >= now
    )
    return (AuthSession.created_at < cutoff) & ~still_valid


def _sign_in_record(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    return AuditEvent.action.startswith(SIGN_IN_ACTIONS) & (AuditEvent.occurred_at < cutoff)


def _audit_record(own_years: dict[uuid.UUID, int]) -> Due:
    """Audit entries past their period: the municipality's own where it set one, the
    global one otherwise (and for entries of no municipality)."""

    def due(cutoff: datetime, now: datetime) -> ColumnElement[bool]:
        own = [
            (AuditEvent.municipality_id == mid) & (AuditEvent.occurred_at < now - years * YEAR)
            for mid, years in sorted(own_years.items())
        ]
        others = AuditEvent.municipality_id.is_(None) | AuditEvent.municipality_id.not_in(
            list(own_years)
        )
        expired = or_(*own, others & (AuditEvent.occurred_at < cutoff))
        return not_(AuditEvent.action.startswith(KEPT_ACTIONS)) & expired

    return due


def _declined_request(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    return (HelpRequest.status == RequestStatus.DECLINED) & (HelpRequest.handled_at < cutoff)


def _anonymous_request(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    # Anonymous requests that never became part of a case: nobody can be answered,
    # so they serve no purpose once handled or left, counted from their arrival.
    return (
        (HelpRequest.contact_method == ContactMethod.ANONYMOUS)
        & HelpRequest.case_id.is_(None)
        & (HelpRequest.created_at < cutoff)
    )


def _finished_mail(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    # Sent, failed or never sendable messages; pending and digest-bound ones still work.
    waiting = MailMessage.status.in_([MailStatus.PENDING, MailStatus.IN_DIGEST])
    return ~waiting & (MailMessage.created_at < cutoff)


def _old_contribution(cutoff: datetime, _now: datetime) -> ColumnElement[bool]:
    held = select(PeerSession.id).where(PeerSession.starts_at < cutoff)
    return PeerContribution.session_id.in_(held)


def _finished_invitation(_cutoff: datetime, now: datetime) -> ColumnElement[bool]:
    # Accepted ones live on as the membership; declined ones look open to the inviter
    # until they expire (so the answer reveals no account), then they go too.
    accepted = PeerInvitation.status == InvitationStatus.ACCEPTED
    return accepted | (PeerInvitation.expires_at < now)


def rules(settings: Settings, audit_years: dict[uuid.UUID, int] | None = None) -> list[Rule]:
    """The retention rules in the order a run applies them; ``audit_years`` holds the
    audit-log periods municipalities set themselves."""
    return [
        Rule(
            "webhook_deliveries",
            settings.retention_event_days,
            WebhookDelivery.id,
            _finished_delivery,
        ),
        Rule("domain_events", settings.retention_event_days, DomainEvent.id, _dispatched_event),
        Rule("sign_in_sessions", settings.retention_sign_in_days, AuthSession.id, _ended_sign_in),
        Rule("sign_in_records", settings.retention_sign_in_days, AuditEvent.id, _sign_in_record),
        Rule(
            "audit_log",
            settings.retention_audit_days,
            AuditEvent.id,
            _audit_record(audit_years or {}),
        ),
        Rule("mail_messages", settings.retention_event_days, MailMessage.id, _finished_mail),
        Rule(
            "declined_requests",
            settings.retention_declined_request_days,
            HelpRequest.id,
            _declined_request,
        ),
        Rule(
            "anonymous_requests",
            settings.retention_anonymous_request_days,
            HelpRequest.id,
            _anonymous_request,
        ),
        Rule(
            "peer_contributions",
            settings.retention_peer_contribution_days,
            PeerContribution.id,
            _old_contribution,
        ),
        Rule(
            "peer_invitations",
            settings.peer_invitation_days,
            PeerInvitation.id,
            _finished_invitation,
        ),
    ]


async def audit_years(session: AsyncSession) -> dict[uuid.UUID, int]:
    """The audit-log periods (years) municipalities set themselves."""
    return {
        mid: p.audit_log
        for mid, p in (await lifecycle.periods(session)).items()
        if p.audit_log is not None
    }


async def due_counts(session: AsyncSession, settings: Settings) -> dict[str, int]:
    """How many rows each rule would delete (or cases, contacts and accounts the
    municipalities' periods would treat) now; changes nothing."""
    now = utcnow()
    counts = {}
    for rule in rules(settings, await audit_years(session)):
        query = select(func.count()).select_from(rule.candidates(now).subquery())
        counts[rule.name] = (await session.scalar(query)) or 0
    return counts | await lifecycle.due(session, settings)


async def _delete_batch(session: AsyncSession, rule: Rule, now: datetime, size: int) -> int:
    ids = list((await session.scalars(rule.candidates(now).limit(size))).all())
    if ids:
        table = rule.id_column.class_
        await session.execute(delete(table).where(rule.id_column.in_(ids)))
    await session.commit()
    return len(ids)


async def apply(
    session: AsyncSession,
    settings: Settings,
    batch_size: int = DEFAULT_BATCH,
    max_batches: int | None = None,
) -> dict[str, int]:
    """Delete what is due, batch by batch, and record the run in the audit log.

    ``max_batches`` stops the run after that many deleting batches (as an
    interrupted run would stop); the next run goes on where it ended.
    """
    now = utcnow()
    # The municipalities' records first: the contacts they free become due here.
    treated, batches = await lifecycle.apply(session, settings, batch_size, max_batches)
    run_rules = rules(settings, await audit_years(session))
    deleted = {rule.name: 0 for rule in run_rules} | treated
    for rule in run_rules:
        count = batch_size
        while count == batch_size and (max_batches is None or batches < max_batches):
            count = await _delete_batch(session, rule, now, batch_size)
            batches += 1 if count else 0
            deleted[rule.name] += count
    audit.record(session, "privacy.retention", details={"deleted": deleted})
    await session.commit()
    return deleted
