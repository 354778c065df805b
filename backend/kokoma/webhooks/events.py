"""Publishing domain events (``case.created``, ``case.status_changed``, …)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.webhooks.models import DomainEvent


def publish(
    session: AsyncSession,
    *,
    municipality_id: uuid.UUID,
    event_type: str,
    resource_id: uuid.UUID,
    data: dict[str, Any],
) -> None:
    """Record an event with the current transaction; it is delivered after commit.

    ``data`` carries ids and changed fields only, never confidential notes.
    """
    session.add(
        DomainEvent(
            municipality_id=municipality_id,
            event_type=event_type,
            resource_id=resource_id,
            data=data,
        )
    )
