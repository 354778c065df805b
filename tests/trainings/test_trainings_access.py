"""Every training route × method × role × own / other municipality.

Roles without the permission get 403; another municipality's ids are 404, also
under one's own series; lists never show another municipality's rows; and no
refused write changes anything in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kokoma.access.permissions import ROLE_PERMISSIONS, Permission, Role
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.models import (
    Attendance,
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from tests.support import Tenant
from tests.trainings.helpers import TRAININGS, attend_all, make_series, ok

ANY_VERSION = {"If-Match": "*"}


@dataclass
class World:
    """One municipality's training data, with something deletable of each kind."""

    tenant: Tenant
    ids: dict[str, str]


async def _world(client, tenant: Tenant) -> World:
    series = await make_series(
        client, tenant, days_per_module=(1, 1), participants=("Anna Schulze", "Ersatz")
    )
    await attend_all(client, series, {0: "present"})
    certificate = ok(
        await client.post(
            f"{series.url}/certificates",
            json={"participant_ids": [series.participants[0]["id"]]},
            headers=series.headers(),
        ),
        201,
    )["items"][0]
    empty = ok(await client.post(TRAININGS, json={"title": "Leer"}, headers=series.headers()), 201)
    return World(
        tenant,
        {
            "series": series.id,
            "empty_series": empty["id"],
            "module": series.modules[0]["id"],
            "spare_module": series.modules[1]["id"],
            "session": series.sessions[0][0]["id"],
            "spare_session": series.sessions[1][0]["id"],
            "participant": series.participants[0]["id"],
            "spare_participant": series.participants[1]["id"],
            "certificate": certificate["id"],
        },
    )


def _requests(ids: dict[str, str]) -> list[tuple[Permission, str, str, Any]]:
    """(permission, method, path, body) for every training route, in an order in which
    the municipality's own trainer can run them all successfully."""
    s = f"{TRAININGS}/{ids['series']}"
    read, write = Permission.TRAININGS_READ, Permission.TRAININGS_WRITE
    return [
        (read, "GET", TRAININGS, None),
        (read, "GET", f"{TRAININGS}/qualified", None),
        (read, "GET", s, None),
        (read, "GET", f"{s}/modules/{ids['module']}", None),
        (read, "GET", f"{s}/sessions/{ids['session']}", None),
        (read, "GET", f"{s}/sessions/{ids['session']}/attendance", None),
        (read, "GET", f"{s}/participants", None),
        (read, "GET", f"{s}/participants/{ids['participant']}", None),
        (read, "GET", f"{s}/certificates", None),
        (read, "GET", f"{s}/certificates/{ids['certificate']}", None),
        (read, "GET", f"{s}/certificates/{ids['certificate']}/pdf", None),
        (write, "POST", TRAININGS, {"title": "Neue Reihe"}),
        (write, "PATCH", s, {"description": "Geändert"}),
        (write, "POST", f"{s}/modules", {"title": "Zusatzmodul"}),
        (write, "PATCH", f"{s}/modules/{ids['module']}", {"description": "Geändert"}),
        (
            write,
            "POST",
            f"{s}/modules/{ids['module']}/sessions",
            {"day": "2026-05-05", "starts_at": "09:00", "ends_at": "12:00", "place": "Erfurt"},
        ),
        (write, "PATCH", f"{s}/sessions/{ids['session']}", {"place": "Eisenach"}),
        (
            write,
            "PUT",
            f"{s}/sessions/{ids['session']}/attendance",
            {"entries": [{"participant_id": ids["participant"], "status": "present"}]},
        ),
        (write, "POST", f"{s}/participants", {"full_name": "Neu Hinzu"}),
        (write, "PATCH", f"{s}/participants/{ids['participant']}", {"organisation": "Kreis"}),
        (write, "POST", f"{s}/certificates", {}),
        (write, "POST", f"{s}/certificates/{ids['certificate']}/revoke", {"reason": "Test"}),
        (write, "DELETE", f"{s}/sessions/{ids['spare_session']}", None),
        (write, "DELETE", f"{s}/modules/{ids['spare_module']}", None),
        (write, "DELETE", f"{s}/participants/{ids['spare_participant']}", None),
        (write, "DELETE", f"{TRAININGS}/{ids['empty_series']}", None),
    ]


def _mixed(own: dict[str, str], other: dict[str, str]) -> dict[str, str]:
    """Own series, the other municipality's records inside it."""
    return {**other, "series": own["series"], "empty_series": other["empty_series"]}


async def _snapshot(db, tenant: Tenant) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    async with db() as session:
        for model in (
            TrainingSeries,
            TrainingModule,
            TrainingSession,
            TrainingParticipant,
            Certificate,
        ):
            found = await session.scalars(select(model).where(model.municipality_id == tenant.id))
            rows += sorted((model.__name__, str(r.id), r.version) for r in found)
        attendance = await session.execute(
            select(Attendance.session_id, Attendance.participant_id, Attendance.status)
            .join(TrainingSession)
            .where(TrainingSession.municipality_id == tenant.id)
        )
        rows += sorted(tuple(str(v) for v in row) for row in attendance)
    return rows


def _has(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


async def _call(client, method: str, path: str, body: Any, headers: dict[str, str]):
    return await client.request(method, path, json=body, headers={**headers, **ANY_VERSION})


async def test_permissions_and_tenancy_matrix(client, tenants, db) -> None:
    own, other = await tenants.make(), await tenants.make()
    mine, theirs = await _world(client, own), await _world(client, other)
    before = {t.id: await _snapshot(db, t) for t in (own, other)}

    foreign = set(theirs.ids.values())
    checked = 0
    for role in Role:
        headers = own.headers(role)
        for target in (theirs.ids, _mixed(mine.ids, theirs.ids), mine.ids):
            for permission, method, path, body in _requests(target):
                if not _has(role, permission):
                    expected = 403
                elif any(record_id in path for record_id in foreign):
                    expected = 404
                elif target is mine.ids and permission is Permission.TRAININGS_READ:
                    expected = 200
                else:
                    continue  # own writes run last, below; id-less routes are lists
                response = await _call(client, method, path, body, headers)
                assert response.status_code == expected, (role, method, path, response.text)
                checked += 1
    assert checked > 200
    # Nothing refused above changed a row, in either municipality.
    assert {t.id: await _snapshot(db, t) for t in (own, other)} == before

    # Lists show the caller's municipality only.
    for role in (Role.COORDINATOR, Role.TRAINER):
        series_ids = {
            s["id"] for s in ok(await client.get(TRAININGS, headers=own.headers(role)))["items"]
        }
        assert series_ids == {mine.ids["series"], mine.ids["empty_series"]}
        qualified = ok(await client.get(f"{TRAININGS}/qualified", headers=own.headers(role)))
        assert [q["series_id"] for q in qualified["items"]] == [mine.ids["series"]]

    # The own trainer may do everything, in this order.
    for _permission, method, path, body in _requests(mine.ids):
        response = await _call(client, method, path, body, own.headers(Role.TRAINER))
        assert response.status_code in (200, 201, 204), (method, path, response.text)
    assert await _snapshot(db, other) == before[other.id]
    assert await _snapshot(db, own) != before[own.id]
