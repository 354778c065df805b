"""Arranging steering-group meetings through the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from httpx import AsyncClient

from kokoma.db import utcnow
from tests.support import Tenant, etag

MEETINGS = "/api/v1/steering-meetings"


def at(hours: float) -> str:
    """An instant ``hours`` from now, on the minute, as the API takes it."""
    moment = utcnow().replace(second=0, microsecond=0) + timedelta(hours=hours)
    return moment.isoformat()


async def make_meeting(
    client: AsyncClient, tenant: Tenant, *, start: float = 24, length: float = 2, **fields: Any
) -> dict[str, Any]:
    """A meeting planned by the coordinator, ``start`` hours from now."""
    body = {
        "title": "Sitzung der Steuerungsgruppe",
        "starts_at": at(start),
        "ends_at": at(start + length),
        "place": "Landratsamt, Raum 204",
        **fields,
    }
    response = await client.post(MEETINGS, json=body, headers=tenant.headers("coordinator"))
    assert response.status_code == 201, response.text
    return response.json()


async def write(
    client: AsyncClient,
    tenant: Tenant,
    meeting: dict[str, Any],
    method: str,
    path: str,
    body: Any = None,
    *,
    status: int = 200,
) -> dict[str, Any]:
    """A coordinator's change of ``meeting`` with its ETag; the meeting (or answer) after."""
    response = await client.request(
        method,
        f"{MEETINGS}/{meeting['id']}{path}",
        json=body,
        headers={**tenant.headers("coordinator"), **etag(meeting)},
    )
    assert response.status_code == status, response.text
    return response.json()


def item_titled(meeting: dict[str, Any], title: str) -> dict[str, Any]:
    return next(i for i in meeting["agenda_items"] if i["title"] == title)


async def item_with_minutes(
    client: AsyncClient, tenant: Tenant, meeting: dict[str, Any], title: str, minutes: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An agenda item added to ``meeting`` with its minutes: the meeting after, the item."""
    meeting = await write(
        client, tenant, meeting, "POST", "/agenda-items", {"title": title}, status=201
    )
    item = meeting["agenda_items"][-1]
    meeting = await write(
        client, tenant, meeting, "PATCH", f"/agenda-items/{item['id']}", {"minutes": minutes}
    )
    return meeting, item
