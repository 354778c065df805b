from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.webhooks import service
from kokoma.webhooks.models import WebhookSubscription
from kokoma.webhooks.schemas import (
    DeliveryListQuery,
    WebhookCreate,
    WebhookDeliveryOut,
    WebhookListQuery,
    WebhookOut,
    WebhookUpdate,
    WebhookWithSecret,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
MANAGE = P.WEBHOOKS_MANAGE


def _out(response: Response, subscription: WebhookSubscription) -> WebhookOut:
    set_etag(response, subscription.version)
    return WebhookOut.model_validate(subscription)


@router.get("", response_model=Page[WebhookOut], responses=problems(400))
async def list_webhooks(
    session: DbSession,
    principal: Caller(MANAGE),
    query: Annotated[WebhookListQuery, Query()],
) -> Page[WebhookOut]:
    """Webhook subscriptions, oldest first; signing secrets are never listed."""
    items, next_cursor = await service.list_subscriptions(session, principal, query)
    return Page(items=[WebhookOut.model_validate(s) for s in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=WebhookWithSecret, responses=problems(404, 409))
async def create_webhook(
    body: WebhookCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
) -> WebhookWithSecret:
    """Subscribe to events. The response carries the signing secret: store it now."""
    subscription, secret = await service.create_subscription(session, principal, settings, body)
    set_etag(response, subscription.version)
    response.headers["Cache-Control"] = "no-store"
    return WebhookWithSecret(
        **WebhookOut.model_validate(subscription).model_dump(), signing_secret=secret
    )


@router.get("/{webhook_id}", response_model=WebhookOut, responses=problems(404))
async def get_webhook(
    webhook_id: uuid.UUID, response: Response, session: DbSession, principal: Caller(MANAGE)
) -> WebhookOut:
    return _out(response, await service.get_subscription(session, principal, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookOut, responses=problems(404, 409, 412, 428))
async def update_webhook(
    webhook_id: uuid.UUID,
    body: WebhookUpdate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> WebhookOut:
    """Change target, event types, or pause deliveries with `is_active: false`."""
    subscription = await service.update_subscription(
        session, principal, settings, webhook_id, body, if_match
    )
    return _out(response, subscription)


@router.delete("/{webhook_id}", status_code=204, responses=problems(404, 412, 428))
async def delete_webhook(
    webhook_id: uuid.UUID, session: DbSession, principal: Caller(MANAGE), if_match: IfMatch = None
) -> Response:
    await service.delete_subscription(session, principal, webhook_id, if_match)
    return Response(status_code=204)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=Page[WebhookDeliveryOut],
    responses=problems(400, 404),
)
async def list_webhook_deliveries(
    webhook_id: uuid.UUID,
    session: DbSession,
    principal: Caller(MANAGE),
    query: Annotated[DeliveryListQuery, Query()],
) -> Page[WebhookDeliveryOut]:
    """The delivery log: every delivery, newest first, with each attempt and its result."""
    items, next_cursor = await service.list_deliveries(session, principal, webhook_id, query)
    return Page(
        items=[WebhookDeliveryOut.model_validate(d) for d in items], next_cursor=next_cursor
    )


@router.post(
    "/{webhook_id}/ping",
    status_code=202,
    response_model=WebhookDeliveryOut,
    responses=problems(404, 409),
)
async def ping_webhook(
    webhook_id: uuid.UUID, session: DbSession, principal: Caller(MANAGE)
) -> WebhookDeliveryOut:
    """Send a `webhook.ping` event to this subscription, to test the receiver and signature."""
    return WebhookDeliveryOut.model_validate(await service.ping(session, principal, webhook_id))
