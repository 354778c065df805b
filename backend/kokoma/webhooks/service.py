"""Webhook subscriptions of API clients, and their delivery log.

A subscription always belongs to an API client and receives only events of the
client's municipality that the client's scopes let it read. Clients manage their
own subscriptions; administrators (``api_clients:manage``) manage them for any
client, for example while setting up a partner municipality.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.api_clients.models import ApiClient
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.events.models import DomainEvent
from kokoma.events.outbox import EventType, required_scope
from kokoma.settings import Settings
from kokoma.webhooks.dispatcher import new_delivery
from kokoma.webhooks.models import (
    PING,
    WebhookDelivery,
    WebhookSubscription,
)
from kokoma.webhooks.schemas import (
    DeliveryListQuery,
    WebhookCreate,
    WebhookListQuery,
    WebhookUpdate,
)
from kokoma.webhooks.signing import new_secret, seal
from kokoma.webhooks.targets import TargetRefused, check_target_url


def _visible(principal: Principal) -> Select[Any]:
    if principal.kind == "client":
        return scoped(WebhookSubscription, principal).where(
            WebhookSubscription.api_client_id == principal.id
        )
    if principal.can(Permission.API_CLIENTS_MANAGE):
        return select(WebhookSubscription)
    raise Forbidden("Webhooks belong to API clients; managing them needs api_clients:manage.")


async def _owner(
    session: AsyncSession, principal: Principal, requested: uuid.UUID | None
) -> ApiClient:
    if principal.kind == "client":
        if requested not in (None, principal.id):
            raise NotFound("API client")
        requested = principal.id
    elif requested is None:
        raise invalid("body.api_client_id", "Name the API client the subscription is for.")
    client = await session.get(ApiClient, requested)
    if client is None:
        raise NotFound("API client")
    if client.revoked_at is not None:
        raise Conflict("The API client is revoked.")
    return client


def _checked_url(url: str, settings: Settings) -> str:
    try:
        return check_target_url(url, allow_loopback=settings.webhook_allow_loopback)
    except TargetRefused as exc:
        raise invalid("body.target_url", str(exc)) from exc


def _checked_events(
    principal: Principal, client: ApiClient, event_types: list[EventType]
) -> list[str]:
    # What the owner could read: the client's scopes, and when the client subscribes
    # itself, also those of the token it uses (a token narrowed to webhooks:manage
    # must not widen itself to case events through a subscription).
    for event_type in event_types:
        scope = required_scope(event_type)
        token_lacks = principal.kind == "client" and not principal.can(scope)
        if scope.value not in client.scopes or token_lacks:
            raise invalid(
                "body.event_types",
                f"The API client needs the scope '{scope.value}' to receive '{event_type}'.",
            )
    return sorted({str(event_type) for event_type in event_types})


def _target(subscription: WebhookSubscription) -> audit.Target:
    return audit.Target("webhook", subscription.id)


async def list_subscriptions(
    session: AsyncSession,
    principal: Principal,
    query: WebhookListQuery,
) -> tuple[list[WebhookSubscription], str | None]:
    """The caller's subscriptions (clients) or all of them (administrators), oldest first."""
    stmt = _visible(principal)
    if query.api_client_id:
        stmt = stmt.where(WebhookSubscription.api_client_id == query.api_client_id)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(WebhookSubscription.created_at)],
        id_column=WebhookSubscription.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_subscription(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> WebhookSubscription:
    found = await session.scalar(
        _visible(principal).where(WebhookSubscription.id == subscription_id)
    )
    if found is None:
        raise NotFound("Webhook")
    return found


async def create_subscription(
    session: AsyncSession, principal: Principal, settings: Settings, data: WebhookCreate
) -> tuple[WebhookSubscription, str]:
    """Subscribe a client; returns the subscription with its signing secret (shown once)."""
    client = await _owner(session, principal, data.api_client_id)
    secret = new_secret()
    subscription = WebhookSubscription(
        municipality_id=client.municipality_id,
        api_client_id=client.id,
        target_url=_checked_url(data.target_url, settings),
        event_types=_checked_events(principal, client, data.event_types),
        sealed_secret=seal(settings, secret),
        is_active=data.is_active,
    )
    session.add(subscription)
    await session.flush()
    audit.record(
        session,
        "webhook.create",
        principal=principal,
        target=_target(subscription),
        municipality_id=client.municipality_id,
        details={"api_client_id": str(client.id), "event_types": subscription.event_types},
    )
    await session.commit()
    return subscription, secret


async def update_subscription(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    subscription_id: uuid.UUID,
    data: WebhookUpdate,
    if_match: str | None,
) -> WebhookSubscription:
    """Change target, event types or the active flag, guarded by the ETag."""
    subscription = await get_subscription(session, principal, subscription_id)
    check_if_match(if_match, subscription.version)
    if data.target_url is not None:
        subscription.target_url = _checked_url(data.target_url, settings)
    if data.event_types is not None:
        client = await _owner(session, principal, subscription.api_client_id)
        subscription.event_types = _checked_events(principal, client, data.event_types)
    if data.is_active is not None:
        subscription.is_active = data.is_active
    audit.record(
        session,
        "webhook.update",
        principal=principal,
        target=_target(subscription),
        municipality_id=subscription.municipality_id,
        details={"fields": sorted(data.model_dump(exclude_unset=True))},
    )
    await commit_versioned(session)
    return subscription


async def delete_subscription(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID, if_match: str | None
) -> None:
    """Remove a subscription with its delivery log."""
    subscription = await get_subscription(session, principal, subscription_id)
    check_if_match(if_match, subscription.version)
    audit.record(
        session,
        "webhook.delete",
        principal=principal,
        target=_target(subscription),
        municipality_id=subscription.municipality_id,
    )
    await session.delete(subscription)
    await commit_versioned(session)


async def list_deliveries(
    session: AsyncSession,
    principal: Principal,
    subscription_id: uuid.UUID,
    query: DeliveryListQuery,
) -> tuple[list[WebhookDelivery], str | None]:
    """The delivery log of a subscription, newest first, each with all its attempts."""
    await get_subscription(session, principal, subscription_id)
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription_id)
        .options(selectinload(WebhookDelivery.attempts))
    )
    if query.status:
        stmt = stmt.where(WebhookDelivery.status == query.status)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(WebhookDelivery.created_at, descending=True)],
        id_column=WebhookDelivery.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def ping(
    session: AsyncSession, principal: Principal, subscription_id: uuid.UUID
) -> WebhookDelivery:
    """Queue a ``webhook.ping`` delivery to this subscription only, to test the receiver."""
    subscription = await get_subscription(session, principal, subscription_id)
    if not subscription.is_active:
        raise Conflict("The subscription is paused; activate it to test it.")
    event = DomainEvent(
        id=uuid.uuid4(),
        municipality_id=subscription.municipality_id,
        event_type=PING,
        resource_id=subscription.id,
        data={"subscription_id": str(subscription.id)},
        # Already dispatched: the fan-out must not offer it to other subscriptions.
        dispatched_at=utcnow(),
    )
    delivery = new_delivery(subscription, event)
    session.add_all([event, delivery])
    await session.commit()
    return delivery
