from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from kokoma.core.schemas import InputModel, OutputModel, PageQuery, Text, with_examples
from kokoma.events.outbox import EventType
from kokoma.webhooks.models import DeliveryStatus

TargetUrl = Text(2000, 8)
TARGET_URL_DESCRIPTION = (
    "Public https URL that receives the events as POST requests. "
    "Private-network addresses are refused."
)

_EXAMPLE = {
    "id": "9b2f6c1e-4d3a-4f0b-8e7c-2a1d5e6f7a8b",
    "api_client_id": "3f1c2a9e-7b4d-4e21-9a55-0c8e5d7b1f20",
    "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    "target_url": "https://fachverfahren.eisenach.example/kokoma/webhooks",
    "event_types": ["case.created", "case.status_changed"],
    "is_active": True,
    "version": 1,
    "created_at": "2026-03-01T10:00:00Z",
}


class WebhookCreate(InputModel):
    target_url: TargetUrl = Field(
        description=TARGET_URL_DESCRIPTION, examples=[_EXAMPLE["target_url"]]
    )
    event_types: list[EventType] = Field(
        min_length=1, max_length=len(EventType), examples=[_EXAMPLE["event_types"]]
    )
    is_active: bool = True
    api_client_id: uuid.UUID | None = Field(
        default=None,
        description="Administrators: the API client the subscription is for. "
        "API clients leave it out; their subscriptions are their own.",
    )


class WebhookUpdate(InputModel):
    target_url: TargetUrl | None = Field(default=None, description=TARGET_URL_DESCRIPTION)
    event_types: list[EventType] | None = Field(
        default=None, min_length=1, max_length=len(EventType)
    )
    is_active: bool | None = Field(default=None, description="False pauses deliveries.")


class WebhookOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    api_client_id: uuid.UUID = Field(description="The API client the subscription belongs to.")
    municipality_id: uuid.UUID = Field(description="Events of this municipality are delivered.")
    target_url: str = Field(description="Where deliveries are POSTed (https).")
    event_types: list[str] = Field(description="Event types delivered to this subscription.")
    is_active: bool = Field(description="Inactive subscriptions receive nothing.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")
    created_at: datetime = Field(description="When it was created (UTC).")

    model_config = with_examples(_EXAMPLE)


class WebhookWithSecret(WebhookOut):
    signing_secret: str = Field(
        description="Key for the HMAC-SHA256 in X-KoKoMa-Signature; shown only in this response."
    )

    model_config = with_examples({**_EXAMPLE, "signing_secret": "whsec_2Hk…"})


class WebhookAttemptOut(OutputModel):
    number: int = Field(description="1 for the first attempt, then counting retries.")
    attempted_at: datetime = Field(description="When the attempt started (UTC).")
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    error: str | None = Field(description="Why the attempt failed; null on success.")
    duration_ms: int = Field(description="How long the receiver took, in milliseconds.")

    model_config = with_examples(
        {
            "number": 1,
            "attempted_at": "2026-03-02T10:15:03Z",
            "status_code": 503,
            "error": "receiver answered 503",
            "duration_ms": 412,
        }
    )


class WebhookDeliveryOut(OutputModel):
    id: uuid.UUID = Field(description="Sent as X-KoKoMa-Delivery.")
    event_id: uuid.UUID = Field(description="The `id` in the payload; the same on every retry.")
    event_type: str = Field(description="E.g. `case.status_changed`.")
    status: DeliveryStatus
    attempt_count: int = Field(description="Attempts made so far.")
    next_attempt_at: datetime | None = Field(description="When the next retry is due, if any.")
    delivered_at: datetime | None = Field(description="When the receiver accepted it, if it did.")
    created_at: datetime = Field(description="When the delivery was queued (UTC).")
    attempts: list[WebhookAttemptOut] = Field(description="Every attempt, oldest first.")

    model_config = with_examples(
        {
            "id": "0d7e4c2b-1a9f-4e3d-b6c5-8f2a1e0d9c7b",
            "event_id": "5c4b3a29-1807-4f6e-9d5c-4b3a29180716",
            "event_type": "case.created",
            "status": "delivered",
            "attempt_count": 2,
            "next_attempt_at": None,
            "delivered_at": "2026-03-02T08:01:03Z",
            "created_at": "2026-03-02T08:00:31Z",
            "attempts": [
                {
                    "number": 1,
                    "attempted_at": "2026-03-02T08:00:33Z",
                    "status_code": 503,
                    "error": "The receiver answered 503.",
                    "duration_ms": 41,
                },
                {
                    "number": 2,
                    "attempted_at": "2026-03-02T08:01:03Z",
                    "status_code": 204,
                    "error": None,
                    "duration_ms": 37,
                },
            ],
        }
    )


class WebhookListQuery(PageQuery):
    api_client_id: uuid.UUID | None = Field(
        default=None, description="Only this API client's subscriptions (administrators)."
    )


class DeliveryListQuery(PageQuery):
    status: DeliveryStatus | None = Field(
        default=None, description="Only deliveries in this state."
    )
