"""Arranging qualification series through the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from httpx import AsyncClient

from tests.support import Tenant, etag

TRAININGS = "/api/v1/trainings"
TRAINER = "trainer"
# What the public check of a certificate tells anyone holding its code, and nothing more.
VERIFICATION_FIELDS = {
    "number",
    "participant_name",
    "series_title",
    "issuer",
    "issued_on",
    "status",
}


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


@dataclass
class Series:
    """A series made through the API, with what the tests need to refer to."""

    tenant: Tenant
    data: dict[str, Any]
    modules: list[dict[str, Any]] = field(default_factory=list)
    sessions: list[list[dict[str, Any]]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def url(self) -> str:
        return f"{TRAININGS}/{self.id}"

    def headers(self, role: str = TRAINER) -> dict[str, str]:
        return self.tenant.headers(role)


async def make_series(
    client: AsyncClient,
    tenant: Tenant,
    *,
    days_per_module: tuple[int, ...] = (2, 1),
    participants: tuple[str, ...] = ("Anna Schulze", "Markus Keller"),
    start: date = date(2026, 2, 12),
    **fields: Any,
) -> Series:
    """A series with one module per entry of ``days_per_module``, each with that many
    session days, and the named participants (no attendance yet)."""
    body = {"title": "Qualifizierung Kommunale Konfliktmanager:innen 2026", **fields}
    headers = tenant.headers(TRAINER)
    series = Series(tenant, ok(await client.post(TRAININGS, json=body, headers=headers), 201))
    for index, days in enumerate(days_per_module):
        module = ok(
            await client.post(
                f"{series.url}/modules",
                json={"title": f"Modul {index + 1}", "days": days},
                headers=headers,
            ),
            201,
        )
        series.modules.append(module)
        series.sessions.append(
            [
                ok(
                    await client.post(
                        f"{series.url}/modules/{module['id']}/sessions",
                        json={
                            "day": start.replace(
                                month=start.month + index, day=start.day + d
                            ).isoformat(),
                            "starts_at": "09:00",
                            "ends_at": "16:30",
                            "place": "Landratsamt Bad Salzungen",
                        },
                        headers=headers,
                    ),
                    201,
                )
                for d in range(days)
            ]
        )
    for name in participants:
        series.participants.append(
            ok(
                await client.post(
                    f"{series.url}/participants",
                    json={"full_name": name, "organisation": "Stadtverwaltung Eisenach"},
                    headers=headers,
                ),
                201,
            )
        )
    return series


async def record(
    client: AsyncClient,
    series: Series,
    session: dict[str, Any],
    statuses: dict[int, str],
) -> dict[str, Any]:
    """Record a session's attendance: participant index -> status. Returns the register."""
    url = f"{series.url}/sessions/{session['id']}/attendance"
    current = ok(await client.get(url, headers=series.headers()))
    entries = [
        {"participant_id": series.participants[i]["id"], "status": status}
        for i, status in statuses.items()
    ]
    return ok(
        await client.put(
            url, json={"entries": entries}, headers={**series.headers(), **etag(current)}
        )
    )


async def attend_all(
    client: AsyncClient, series: Series, statuses: dict[int, str], modules: range | None = None
) -> None:
    """The same attendance on every session day of the given modules (default all)."""
    for index in modules if modules is not None else range(len(series.modules)):
        for session in series.sessions[index]:
            await record(client, series, session, statuses)
