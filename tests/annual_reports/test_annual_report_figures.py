"""The figures of the annual report are what the records of the year say: exact for the
coordinator, with the statistics' small-count protection for the steering group."""

from __future__ import annotations

from datetime import date

from tests.annual_reports.helpers import (
    BASE,
    add_closed_cases,
    add_consultations,
    add_meeting,
    add_plan_use,
    figures_of,
    rows,
    value,
)
from tests.statistics.builders import (
    CaseRow,
    ReferralRow,
    SeriesRow,
    add_cases,
    add_referrals,
    add_series,
)
from tests.support import Tenant


async def arrange_2025(db, tenant: Tenant) -> None:
    """A year of work in 2025, and a few records just outside it."""
    await add_cases(
        db,
        tenant,
        *[CaseRow(created="2025-03-01T10:00+01:00", topics=("youth",)) for _ in range(4)],
        CaseRow(created="2025-12-31T23:30+01:00", topics=("religion",)),
        CaseRow(created="2024-12-31T23:30+01:00", topics=("youth",)),
        CaseRow(created="2026-01-01T00:30+01:00", topics=("youth",)),
    )
    await add_closed_cases(
        db,
        tenant,
        "agreement_reached",
        "agreement_reached",
        "agreement_reached",
        "de_escalated",
        None,
        opened="2025-02-01T10:00+01:00",
        closed="2025-06-01T10:00+02:00",
    )
    await add_closed_cases(
        db, tenant, "unresolved", opened="2024-02-01T10:00+01:00", closed="2024-12-31T22:00+01:00"
    )
    await add_consultations(
        db,
        tenant,
        *[("2025-04-01T10:00+02:00", "counselling", 90, 5) for _ in range(3)],
        ("2025-05-01T10:00+02:00", "mediation", 120, 4),
        ("2025-06-01T10:00+02:00", "moderation", 60, None),
        ("2024-06-01T10:00+02:00", "mediation", 60, 9),
    )
    await add_referrals(
        db,
        tenant,
        *[
            ReferralRow(
                date(2025, 3, 1), "Mobile Beratung Thüringen", group="counselling_services"
            )
            for _ in range(4)
        ],
        ReferralRow(date(2025, 7, 1), "Jugendamt"),
        ReferralRow(date(2024, 7, 1), "Jugendamt"),
    )
    await add_series(
        db,
        tenant,
        SeriesRow(
            days=[[date(2025, 3, 10), date(2025, 3, 11)], [date(2025, 9, 1)], [date(2026, 2, 1)]],
            participants={"Anna": None, "Ben": None, "Carla": None, "Deniz": None},
            attendance={
                ("Anna", 0): "present",
                ("Ben", 0): "present",
                ("Carla", 0): "present",
                ("Deniz", 0): "excused",
                ("Anna", 1): "present",
                ("Ben", 1): "present",
                ("Carla", 1): "late",
                ("Deniz", 1): "absent",
                ("Anna", 2): "present",
                ("Ben", 2): "absent",
                ("Anna", 3): "present",
            },
        ),
    )
    present = {"coordinator": "present", "steering_group": "present", "admin": "excused"}
    await add_meeting(db, tenant, "2025-03-04T17:00+01:00", present)
    await add_meeting(db, tenant, "2025-09-09T17:00+02:00", {"coordinator": "present"})
    await add_meeting(db, tenant, "2024-09-09T17:00+02:00", present)
    await add_plan_use(
        db,
        tenant,
        exercises=[date(2025, 5, 5), date(2025, 10, 10), date(2024, 10, 10)],
        activations=[
            (1, "2025-02-01T10:00+01:00"),
            (2, "2025-08-01T10:00+02:00"),
            (2, "2025-08-02T10:00+02:00"),
            (3, "2024-08-02T10:00+02:00"),
        ],
    )


async def test_the_draft_shows_the_year_as_the_records_say(client, db, tenants) -> None:
    tenant = await tenants.make()
    await arrange_2025(db, tenant)
    response = await client.get(f"{BASE}/2025", headers=tenant.headers("coordinator"))
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"0"'
    body = response.json()
    assert body["version"] == 0 and body["versions"] == 0
    assert body["texts"] == {
        "goals": "",
        "what_worked": "",
        "what_did_not_work": "",
        "next_year": "",
    }
    figures = figures_of(body)
    assert figures["year"] == 2025 and figures["suppression_threshold"] is None

    assert value(figures["cases_new"]) == 10
    assert rows(figures["cases_by_topic"]) == {"youth": 4, "religion": 1}
    assert value(figures["cases_closed"]) == 5
    assert rows(figures["cases_by_outcome"]) == {
        "agreement_reached": 3,
        "de_escalated": 1,
        "none": 1,
    }

    assert value(figures["consultations"]) == 5
    assert value(figures["consultation_hours"]) == 7.5
    assert value(figures["consultation_participants"]) == 19
    assert rows(figures["consultations_by_kind"]) == {
        "counselling": 3,
        "mediation": 1,
        "moderation": 1,
    }
    assert rows(figures["consultations_by_kind"], "hours") == {
        "counselling": 4.5,
        "mediation": 2.0,
        "moderation": 1.0,
    }

    assert value(figures["referrals"]) == 5
    by_target = {row["label"]: value(row["count"]) for row in figures["referrals_by_target"]}
    assert by_target == {"Mobile Beratung Thüringen": 4, "Jugendamt": 1}

    assert figures["steering_meetings"] == 2
    assert value(figures["steering_attendances"]) == 3

    assert value(figures["training_participants"]) == 4
    modules = [
        (
            m["module"],
            m["session_days"],
            value(m["present"]),
            value(m["excused"]),
            value(m["absent"]),
        )
        for m in figures["training_modules"]
    ]
    assert modules == [("Modul 1", 2, 6, 1, 1), ("Modul 2", 1, 1, 0, 1)]

    assert value(figures["crisis_plan_exercises"]) == 2
    assert value(figures["crisis_plan_activations"]) == 3
    assert rows(figures["activations_by_level"]) == {"1": 1, "2": 2}


async def test_steering_group_sees_protected_figures_in_a_version(client, db, tenants) -> None:
    tenant = await tenants.make()
    await arrange_2025(db, tenant)
    generated = await client.post(f"{BASE}/2025/versions", headers=tenant.headers("coordinator"))
    assert generated.status_code == 201, generated.text

    exact = figures_of(
        (await client.get(f"{BASE}/2025/versions/1", headers=tenant.headers("coordinator"))).json()
    )
    assert exact["suppression_threshold"] is None
    assert value(exact["crisis_plan_exercises"]) == 2
    assert rows(exact["cases_by_outcome"])["de_escalated"] == 1

    response = await client.get(
        f"{BASE}/2025/versions/1", headers=tenant.headers("steering_group")
    )
    assert response.status_code == 200, response.text
    protected = figures_of(response.json())
    assert protected["suppression_threshold"] == 3
    # Large enough to show:
    assert value(protected["cases_new"]) == 10
    assert value(protected["consultations"]) == 5
    assert value(protected["consultation_participants"]) == 19
    assert value(protected["referrals"]) == 5
    assert value(protected["crisis_plan_activations"]) == 3
    assert protected["steering_meetings"] == 2
    assert value(protected["steering_attendances"]) == 3
    # Below three, and the cells that would give them away:
    assert protected["crisis_plan_exercises"] == {"value": None, "suppressed": True}
    assert rows(protected["cases_by_outcome"]) == {
        "agreement_reached": None,
        "de_escalated": None,
        "none": None,
    }
    assert rows(protected["cases_by_topic"]) == {"youth": None, "religion": None}
    assert rows(protected["activations_by_level"]) == {"1": None, "2": None}
    # A receiving body named once is not named at all.
    labels = [row["label"] for row in protected["referrals_by_target"]]
    assert "Jugendamt" not in labels
    # The module table: every row and column with a hidden cell hides at least two.
    module_2 = protected["training_modules"][1]
    assert module_2["present"]["suppressed"] and module_2["absent"]["suppressed"]

    # The steering group sees exactly what its statistics of the same year show.
    statistics = await client.get(
        "/api/v1/statistics/cases",
        params={"from": "2025-01-01", "to": "2025-12-31"},
        headers=tenant.headers("steering_group"),
    )
    assert statistics.json()["new"] == protected["cases_new"]


async def test_the_steering_group_reads_versions_only(client, tenants) -> None:
    tenant = await tenants.make()
    steering = tenant.headers("steering_group")
    assert (await client.get(f"{BASE}/2025", headers=steering)).status_code == 403
    assert (
        await client.put(f"{BASE}/2025", json={}, headers={**steering, "If-Match": '"0"'})
    ).status_code == 403
    assert (await client.post(f"{BASE}/2025/versions", headers=steering)).status_code == 403
    assert (await client.get(f"{BASE}/versions", headers=steering)).status_code == 200
    for role in ("conflict_manager", "trainer", "admin"):
        response = await client.get(f"{BASE}/versions", headers=tenant.headers(role))
        assert response.status_code == 403, role
