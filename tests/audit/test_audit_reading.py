"""The audit log reads as who did what to which record: names instead of ids, a record's
name only as far as the reader may know it, and whose attendance changed."""

from __future__ import annotations

from kokoma.access.permissions import Role
from tests.support import make_case
from tests.trainings.helpers import make_series, record

LOG = "/api/v1/audit-log"


async def _entries(client, headers, **query):
    response = await client.get(LOG, params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


async def test_actor_and_record_by_name_and_whether_the_reader_may_open_it(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.COORDINATOR))
    admin = tenant.headers("admin")
    coordinator = tenant.user("coordinator")
    response = await client.patch(
        f"/api/v1/users/{coordinator.id}",
        json={"full_name": "Carla Koordinatorin"},
        headers={**admin, "If-Match": f'"{coordinator.version}"'},
    )
    assert response.status_code == 200, response.text
    [entry] = await _entries(client, admin, action="user.update", resource_id=str(coordinator.id))
    assert entry["actor_name"] == tenant.user("admin").full_name
    assert entry["resource_label"] == "Carla Koordinatorin"
    assert entry["resource_visible"] is True
    assert entry["details"] == {"fields": ["full_name"]}

    case = await make_case(client, tenant, "coordinator", title="Streit um Jugendclub")
    [created] = await _entries(client, admin, action="case.create", resource_id=case["id"])
    # The administrator may not read cases: the reference names it, the title stays hidden.
    assert created["resource_label"] == case["reference"]
    assert "Jugendclub" not in str(created)
    assert created["resource_visible"] is False
    assert created["actor_name"] == "Carla Koordinatorin"


async def test_attendance_entry_names_whose_attendance_changed(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.TRAINER))
    series = await make_series(client, tenant, days_per_module=(1,))
    day = series.sessions[0][0]
    await record(client, series, day, {0: "present", 1: "absent"})
    await record(client, series, day, {0: "present", 1: "excused"})

    entries = await _entries(
        client, tenant.headers("admin"), action="training.attendance", resource_id=day["id"]
    )
    latest, first = entries
    anna, markus = (p["id"] for p in series.participants)
    assert first["details"]["changes"] == sorted(
        [
            {"participant_id": anna, "from": None, "to": "present"},
            {"participant_id": markus, "from": None, "to": "absent"},
        ],
        key=lambda change: change["participant_id"],
    )
    assert latest["details"]["changes"] == [
        {"participant_id": markus, "from": "absent", "to": "excused"}
    ]
    # The administrator does not read training series, so no names come along.
    assert latest["participant_names"] is None
