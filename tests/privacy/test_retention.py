"""Retention: records of the system's own operation are pruned once their time is up.

The test database is shared by the whole run, so each test compares the counts
before and after its own rows were added instead of expecting fixed totals.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from kokoma.audit.models import AuditEvent
from kokoma.auth.models import AuthSession, RefreshToken
from kokoma.events.models import DomainEvent
from kokoma.intake.models import ContactMethod, HelpRequest, RequestChannel, RequestStatus
from kokoma.mail.models import MailKind, MailMessage, MailStatus
from kokoma.peer.models import (
    ContributionKind,
    InvitationStatus,
    PeerContribution,
    PeerGroup,
    PeerInvitation,
    PeerSession,
    SessionPhase,
)
from kokoma.privacy import retention
from kokoma.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.support import register_client


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


class Rows:
    """Rows of one test, remembered as (model, id) so that their fate can be checked."""

    def __init__(self) -> None:
        self.due: list[tuple[Any, Any]] = []
        self.kept: list[tuple[Any, Any]] = []

    def add(self, session: Any, row: Any, *, due: bool) -> Any:
        session.add(row)
        (self.due if due else self.kept).append((type(row), row))
        return row


async def _subscription(client, tenants, db) -> tuple[Any, WebhookSubscription]:
    tenant = await tenants.make()
    registered = await register_client(client, tenant, ["cases:read"])
    async with db() as session:
        subscription = WebhookSubscription(
            municipality_id=tenant.id,
            api_client_id=uuid.UUID(registered["id"]),
            target_url="https://fachverfahren.example/hooks",
            event_types=["case.created"],
            sealed_secret="sealed",
        )
        session.add(subscription)
        await session.commit()
    return tenant, subscription


def _event(tenant: Any, days: int, *, dispatched: bool = True) -> DomainEvent:
    return DomainEvent(
        municipality_id=tenant.id,
        event_type="case.created",
        resource_id=uuid.uuid4(),
        data={},
        occurred_at=_ago(days),
        dispatched_at=_ago(days) if dispatched else None,
    )


def _delivery(subscription: Any, event: DomainEvent, status: DeliveryStatus) -> WebhookDelivery:
    return WebhookDelivery(
        municipality_id=subscription.municipality_id,
        subscription_id=subscription.id,
        event_id=event.id,
        event_type=event.event_type,
        status=status,
        created_at=event.occurred_at,
    )


def _audit(action: str, days: int) -> AuditEvent:
    return AuditEvent(action=action, occurred_at=_ago(days), actor_label="retention-test")


def _mail(tenant: Any, days: int, status: MailStatus) -> MailMessage:
    return MailMessage(
        municipality_id=tenant.id,
        to_address="konfliktmanagement@example.org",
        kind=MailKind.TASK_ASSIGNED,
        subject="Neue Aufgabe",
        status=status,
        created_at=_ago(days),
    )


def _request(tenant: Any, days: int, status: RequestStatus, method: ContactMethod) -> HelpRequest:
    return HelpRequest(
        municipality_id=tenant.id,
        reference=f"A-{uuid.uuid4().hex[:8]}",
        channel=RequestChannel.FORM,
        status=status,
        description="Streit um den Spielplatz",
        contact_method=method,
        consented_at=_ago(days),
        created_at=_ago(days),
        handled_at=None if status is RequestStatus.NEW else _ago(days),
    )


async def _peer_session(
    rows: Rows, session: Any, group: PeerGroup, days: int, *, due: bool
) -> None:
    """A session of ``group`` held ``days`` ago with one contribution."""
    held = PeerSession(id=uuid.uuid4(), group_id=group.id, starts_at=_ago(days))
    rows.add(session, held, due=False)
    await session.flush()
    rows.add(
        session,
        PeerContribution(
            session_id=held.id,
            phase=SessionPhase.CONSULTATION,
            kind=ContributionKind.IDEA,
            text="Runder Tisch",
        ),
        due=due,
    )


async def _arrange(client, tenants, db) -> Rows:
    tenant, subscription = await _subscription(client, tenants, db)
    rows = Rows()
    async with db() as session:
        old_done = rows.add(session, _event(tenant, 120), due=True)
        old_waiting = rows.add(session, _event(tenant, 120), due=False)
        recent = rows.add(session, _event(tenant, 10), due=False)
        rows.add(session, _event(tenant, 120, dispatched=False), due=False)
        await session.flush()
        rows.add(session, _delivery(subscription, old_done, DeliveryStatus.DELIVERED), due=True)
        rows.add(session, _delivery(subscription, old_waiting, DeliveryStatus.PENDING), due=False)
        rows.add(session, _delivery(subscription, recent, DeliveryStatus.FAILED), due=False)

        rows.add(session, _audit("case.update", 800), due=True)
        rows.add(session, _audit("case.update", 700), due=False)
        rows.add(session, _audit("privacy.erasure", 4000), due=False)
        rows.add(session, _audit("auth.login", 400), due=True)
        rows.add(session, _audit("auth.login", 100), due=False)

        rows.add(session, _mail(tenant, 120, MailStatus.SENT), due=True)
        rows.add(session, _mail(tenant, 120, MailStatus.IN_DIGEST), due=False)
        rows.add(session, _mail(tenant, 10, MailStatus.UNSENT), due=False)
        declined, answered = RequestStatus.DECLINED, RequestStatus.ANSWERED
        email, anonymous = ContactMethod.EMAIL, ContactMethod.ANONYMOUS
        rows.add(session, _request(tenant, 40, declined, email), due=True)
        rows.add(session, _request(tenant, 20, declined, email), due=False)
        rows.add(session, _request(tenant, 100, answered, anonymous), due=True)
        rows.add(session, _request(tenant, 100, answered, email), due=False)
        rows.add(session, _request(tenant, 60, RequestStatus.NEW, anonymous), due=False)

        group = rows.add(
            session, PeerGroup(name="Retention", agreement_text="Vertraulich"), due=False
        )
        await session.flush()
        await _peer_session(rows, session, group, 400, due=True)
        await _peer_session(rows, session, group, 300, due=False)
        # Accepted invitations live on as memberships; the rest go when they lapse.
        for email, status, expires, due in (
            ("accepted@example.org", InvitationStatus.ACCEPTED, -20, True),
            ("lapsed@example.org", InvitationStatus.PENDING, 1, True),
            ("declined@example.org", InvitationStatus.DECLINED, -20, False),
            ("open@example.org", InvitationStatus.PENDING, -20, False),
        ):
            invitation = PeerInvitation(
                group_id=group.id, email=email, status=status, expires_at=_ago(expires)
            )
            rows.add(session, invitation, due=due)

        user_id = tenant.user("conflict_manager").id
        ended = rows.add(session, AuthSession(user_id=user_id, created_at=_ago(400)), due=True)
        running = rows.add(session, AuthSession(user_id=user_id, created_at=_ago(400)), due=False)
        await session.flush()
        for auth_session, expires in ((ended, _ago(380)), (running, _ago(-5))):
            session.add(
                RefreshToken(
                    session_id=auth_session.id,
                    token_hash=uuid.uuid4().hex,
                    expires_at=expires,
                )
            )
        await session.commit()
    return rows


async def _remove(db, rows: Rows) -> None:
    """Remove what is left of a test's rows: the old pending event would otherwise make
    the outbox look stuck to every later test of the run."""
    async with db() as session:
        for model, row in rows.due + rows.kept:
            await session.execute(delete(model).where(model.id == row.id))
        await session.commit()


async def _present(db, rows: list[tuple[Any, Any]]) -> list[bool]:
    async with db() as session:
        return [await session.get(model, row.id) is not None for model, row in rows]


async def _table_sizes(db) -> dict[str, int]:
    tables = (AuditEvent, AuthSession, DomainEvent, WebhookDelivery, MailMessage, HelpRequest)
    async with db() as session:
        return {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in tables
        }


async def test_a_dry_run_counts_what_is_due_and_changes_nothing(
    client, tenants, db, settings
) -> None:
    async with db() as session:
        before = await retention.due_counts(session, settings)
    rows = await _arrange(client, tenants, db)
    try:
        sizes = await _table_sizes(db)
        async with db() as session:
            after = await retention.due_counts(session, settings)

        added = {name: after[name] - before[name] for name in after}
        assert added == {
            "webhook_deliveries": 1,
            "domain_events": 1,
            "sign_in_sessions": 1,
            "sign_in_records": 1,
            "audit_log": 1,
            "mail_messages": 1,
            "declined_requests": 1,
            "anonymous_requests": 1,
            "peer_contributions": 1,
            "peer_invitations": 2,
            # The municipalities' records: none of this test's are due.
            "closed_cases": 0,
            "unlinked_contacts": 0,
            "former_users": 0,
        }
        assert await _table_sizes(db) == sizes
        assert all(await _present(db, rows.due + rows.kept))
    finally:
        await _remove(db, rows)


async def test_applying_deletes_what_is_due_keeps_the_rest_and_records_the_run(
    client, tenants, db, settings
) -> None:
    rows = await _arrange(client, tenants, db)
    try:
        async with db() as session:
            deleted = await retention.apply(session, settings)

        assert not any(await _present(db, rows.due))
        assert all(await _present(db, rows.kept))
        assert all(deleted[rule.name] >= 1 for rule in retention.rules(settings))
        async with db() as session:
            run = await session.scalar(
                select(AuditEvent)
                .where(AuditEvent.action == "privacy.retention")
                .order_by(AuditEvent.id.desc())
            )
        assert run is not None and run.details == {"deleted": deleted}

        async with db() as session:
            again = await retention.apply(session, settings)
        assert again == dict.fromkeys(deleted, 0)
    finally:
        await _remove(db, rows)


async def test_an_interrupted_run_is_finished_by_the_next(client, tenants, db, settings) -> None:
    async with db() as session:
        await retention.apply(session, settings)
        for _ in range(3):
            session.add(_audit("case.update", 900))
        await session.commit()

    async with db() as session:
        first = await retention.apply(session, settings, batch_size=1, max_batches=2)
        left = await retention.due_counts(session, settings)
    assert sum(first.values()) == 2
    assert left["audit_log"] == 1

    async with db() as session:
        second = await retention.apply(session, settings, batch_size=1)
        left = await retention.due_counts(session, settings)
    assert second["audit_log"] == 1
    assert set(left.values()) == {0}
