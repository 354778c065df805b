"""Delivering outbox events to webhook subscribers, in the background.

Each round has three steps, each its own short transaction so that no database
lock is held while talking to the network:

1. fan-out: claim undispatched ``DomainEvent`` rows and create one delivery per
   matching subscription;
2. claim: take due deliveries with a conditional UPDATE, which leases them to
   this worker (of several concurrent workers exactly one wins each row);
3. send them concurrently with timeouts, then record every attempt and schedule
   a retry with exponential backoff, or give up after the last attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kokoma import __version__
from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.api_clients.models import ApiClient
from kokoma.cases.access import visible_cases
from kokoma.cases.models import Case
from kokoma.core.background import retry_delay, run_forever, running
from kokoma.db import Database, utcnow
from kokoma.events.models import DomainEvent
from kokoma.events.outbox import public_data, required_scope
from kokoma.settings import Settings
from kokoma.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from kokoma.webhooks.signing import (
    SIGNATURE_HEADER,
    UnreadableSecret,
    signature,
    unseal,
)
from kokoma.webhooks.targets import TargetRefused, resolve_target

log = logging.getLogger("kokoma.webhooks")
Sessionmaker = async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class _Job:
    delivery_id: uuid.UUID
    number: int
    target_url: str
    sealed_secret: str
    event_type: str
    body: bytes


@dataclass(frozen=True)
class _Outcome:
    job: _Job
    attempted_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int


@dataclass(frozen=True)
class DispatchReport:
    """What one round did; a round that found work may have left more behind."""

    events: int
    attempts: int
    delivered: int

    @property
    def busy(self) -> bool:
        return self.events > 0 or self.attempts > 0


def new_delivery(subscription: WebhookSubscription, event: DomainEvent) -> WebhookDelivery:
    return WebhookDelivery(
        municipality_id=subscription.municipality_id,
        subscription_id=subscription.id,
        event_id=event.id,
        event_type=event.event_type,
        attempts=[],
    )


def event_body(event: DomainEvent) -> bytes:
    """The JSON document a subscriber receives: ids and changed fields, nothing confidential."""
    payload = {
        "id": str(event.id),
        "type": event.event_type,
        "occurred_at": event.occurred_at.isoformat(),
        "municipality_id": str(event.municipality_id),
        "data": public_data(event.data),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _wants(subscription: WebhookSubscription, client: ApiClient, event: DomainEvent) -> bool:
    return (
        subscription.municipality_id == event.municipality_id
        and event.event_type in subscription.event_types
        and subscription.created_at <= event.occurred_at
        and required_scope(event.event_type).value in client.scopes
    )


def _case_of(event: DomainEvent) -> uuid.UUID | None:
    case_id = event.data.get("case_id") if isinstance(event.data, dict) else None
    try:
        return uuid.UUID(case_id) if isinstance(case_id, str) else None
    except ValueError:
        return None


async def _hidden_cases(
    session: AsyncSession, client: ApiClient, events: list[DomainEvent]
) -> set[uuid.UUID]:
    """Cases among the events' that the client may not see (restricted ones)."""
    case_ids = {case_id for event in events if (case_id := _case_of(event))}
    if not case_ids:
        return set()
    principal = Principal(
        id=client.id,
        kind="client",
        municipality_id=client.municipality_id,
        label=client.name,
        permissions=frozenset(Permission(scope) for scope in client.scopes),
    )
    visible = await session.scalars(visible_cases(principal, Case.id).where(Case.id.in_(case_ids)))
    return case_ids - set(visible)


async def _deliveries_for(
    session: AsyncSession,
    subscription: WebhookSubscription,
    client: ApiClient,
    events: list[DomainEvent],
) -> list[WebhookDelivery]:
    wanted = [event for event in events if _wants(subscription, client, event)]
    hidden = await _hidden_cases(session, client, wanted)
    return [new_delivery(subscription, event) for event in wanted if _case_of(event) not in hidden]


async def _fan_out(sessionmaker: Sessionmaker, settings: Settings) -> int:
    async with sessionmaker() as session:
        # SKIP LOCKED (PostgreSQL; SQLite has one writer anyway) lets concurrent
        # workers pass each other's rows; the conditional UPDATE decides who won.
        pending = (
            select(DomainEvent.id)
            .where(DomainEvent.dispatched_at.is_(None))
            .order_by(DomainEvent.occurred_at)
            .limit(settings.webhook_batch_size)
            .with_for_update(skip_locked=True)
        )
        ids = list(await session.scalars(pending))
        if not ids:
            await session.rollback()
            return 0
        claimed = list(
            await session.scalars(
                update(DomainEvent)
                .where(DomainEvent.id.in_(ids), DomainEvent.dispatched_at.is_(None))
                .values(dispatched_at=utcnow())
                .returning(DomainEvent.id)
                .execution_options(synchronize_session=False)
            )
        )
        events = list(
            await session.scalars(select(DomainEvent).where(DomainEvent.id.in_(claimed)))
        )
        subscriptions = await session.execute(
            select(WebhookSubscription, ApiClient)
            .join(ApiClient, ApiClient.id == WebhookSubscription.api_client_id)
            .where(
                WebhookSubscription.municipality_id.in_({e.municipality_id for e in events}),
                WebhookSubscription.is_active.is_(True),
                ApiClient.revoked_at.is_(None),
            )
        )
        for subscription, client in subscriptions.all():
            session.add_all(await _deliveries_for(session, subscription, client, events))
        await session.commit()
        return len(events)


async def _claim(sessionmaker: Sessionmaker, settings: Settings) -> list[_Job]:
    async with sessionmaker() as session:
        now = utcnow()
        due = (
            WebhookDelivery.status == DeliveryStatus.PENDING,
            WebhookDelivery.next_attempt_at <= now,
        )
        # Paused subscriptions and revoked clients keep their deliveries waiting.
        ids = list(
            await session.scalars(
                select(WebhookDelivery.id)
                .join(
                    WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id
                )
                .join(ApiClient, ApiClient.id == WebhookSubscription.api_client_id)
                .where(
                    *due,
                    WebhookSubscription.is_active.is_(True),
                    ApiClient.revoked_at.is_(None),
                )
                .order_by(WebhookDelivery.next_attempt_at)
                .limit(settings.webhook_batch_size)
                .with_for_update(skip_locked=True, of=WebhookDelivery)
            )
        )
        if not ids:
            await session.rollback()
            return []
        # The lease outlasts any attempt; a worker that dies mid-attempt only
        # delays the delivery until the lease ends.
        lease_end = now + timedelta(seconds=4 * settings.webhook_timeout_seconds + 30)
        claimed = list(
            await session.scalars(
                update(WebhookDelivery)
                .where(WebhookDelivery.id.in_(ids), *due)
                .values(
                    next_attempt_at=lease_end,
                    attempt_count=WebhookDelivery.attempt_count + 1,
                )
                .returning(WebhookDelivery.id)
                .execution_options(synchronize_session=False)
            )
        )
        rows = (
            await session.execute(
                select(WebhookDelivery, DomainEvent, WebhookSubscription)
                .join(DomainEvent, DomainEvent.id == WebhookDelivery.event_id)
                .join(
                    WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id
                )
                .where(WebhookDelivery.id.in_(claimed))
                .execution_options(populate_existing=True)
            )
        ).all()
        await session.commit()
    return [
        _Job(
            delivery_id=delivery.id,
            number=delivery.attempt_count,
            target_url=subscription.target_url,
            sealed_secret=subscription.sealed_secret,
            event_type=event.event_type,
            body=event_body(event),
        )
        for delivery, event, subscription in rows
    ]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return "The receiver did not answer in time."
    if isinstance(exc, UnreadableSecret):
        return "The signing secret cannot be read; create the subscription again."
    if isinstance(exc, TargetRefused):
        return str(exc)
    return f"{exc.__class__.__name__}: {exc}"[:300]


async def _send(http: httpx.AsyncClient, settings: Settings, job: _Job) -> _Outcome:
    attempted_at = utcnow()
    started = time.monotonic()
    status_code: int | None = None
    error: str | None = None
    try:
        async with asyncio.timeout(settings.webhook_timeout_seconds):
            target = await resolve_target(
                job.target_url, allow_loopback=settings.webhook_allow_loopback
            )
            headers = {
                "Content-Type": "application/json",
                "Host": target.host_header,
                "User-Agent": f"KoKoMa-Webhooks/{__version__}",
                "X-KoKoMa-Event": job.event_type,
                "X-KoKoMa-Delivery": str(job.delivery_id),
                SIGNATURE_HEADER: signature(
                    unseal(settings, job.sealed_secret), int(time.time()), job.body
                ),
            }
            extensions = {"sni_hostname": target.server_name} if target.server_name else {}
            # Streamed and never read: the receiver's answer body does not matter.
            async with http.stream(
                "POST", target.url, content=job.body, headers=headers, extensions=extensions
            ) as response:
                status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"The receiver answered {status_code}."
    except (TimeoutError, httpx.HTTPError, OSError, TargetRefused, UnreadableSecret) as exc:
        error = _describe(exc)
    duration_ms = int((time.monotonic() - started) * 1000)
    return _Outcome(job, attempted_at, status_code, error, duration_ms)


def _next_state(settings: Settings, outcome: _Outcome) -> dict[str, Any]:
    now = utcnow()
    if outcome.error is None:
        return {"status": DeliveryStatus.DELIVERED, "delivered_at": now, "next_attempt_at": None}
    if outcome.job.number >= settings.webhook_max_attempts:
        return {"status": DeliveryStatus.FAILED, "next_attempt_at": None}
    delay = retry_delay(settings.webhook_retry_base_seconds, outcome.job.number)
    return {"next_attempt_at": now + timedelta(seconds=delay)}


async def _record(
    sessionmaker: Sessionmaker, settings: Settings, outcomes: Sequence[_Outcome]
) -> None:
    async with sessionmaker() as session:
        for outcome in outcomes:
            still_there = await session.scalar(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == outcome.job.delivery_id)
                .values(**_next_state(settings, outcome))
                .returning(WebhookDelivery.id)
                .execution_options(synchronize_session=False)
            )
            if still_there is None:
                continue  # the subscription was deleted during the attempt
            session.add(
                WebhookAttempt(
                    delivery_id=outcome.job.delivery_id,
                    number=outcome.job.number,
                    attempted_at=outcome.attempted_at,
                    status_code=outcome.status_code,
                    error=outcome.error,
                    duration_ms=outcome.duration_ms,
                )
            )
        await session.commit()


def _http_client(settings: Settings) -> httpx.AsyncClient:
    # No proxies from the environment and no redirects: the request goes to the
    # address that was checked, and nowhere else.
    return httpx.AsyncClient(
        timeout=settings.webhook_timeout_seconds, follow_redirects=False, trust_env=False
    )


async def dispatch_once(
    sessionmaker: Sessionmaker, settings: Settings, http: httpx.AsyncClient | None = None
) -> DispatchReport:
    """One round: fan out new events, then attempt every delivery that is due."""
    events = await _fan_out(sessionmaker, settings)
    jobs = await _claim(sessionmaker, settings)
    if not jobs:
        return DispatchReport(events=events, attempts=0, delivered=0)
    async with contextlib.AsyncExitStack() as stack:
        client = (
            http if http is not None else await stack.enter_async_context(_http_client(settings))
        )
        outcomes = await asyncio.gather(*(_send(client, settings, job) for job in jobs))
    await _record(sessionmaker, settings, outcomes)
    delivered = sum(1 for outcome in outcomes if outcome.error is None)
    return DispatchReport(events=events, attempts=len(outcomes), delivered=delivered)


async def run_dispatcher(sessionmaker: Sessionmaker, settings: Settings) -> None:
    """Dispatch forever; rounds follow each other at once while there is work."""
    async with _http_client(settings) as http:

        async def one_round() -> bool:
            return (await dispatch_once(sessionmaker, settings, http)).busy

        await run_forever("webhook_dispatch", one_round, settings.webhook_poll_seconds, log)


@contextlib.asynccontextmanager
async def dispatcher_running(database: Database, settings: Settings) -> AsyncIterator[None]:
    """Run the dispatcher for the lifetime of the app, unless switched off."""
    if not settings.webhook_dispatcher_enabled:
        yield
        return
    async with running(run_dispatcher(database.sessionmaker, settings)):
        yield
