"""Every figure of every statistics route, exact (coordinator) and suppressed (steering group),
for known data on the edges of the period, German time."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kokoma.cases.models import CaseStatus, CaseTopic
from kokoma.consultations.models import ConsultationFormat, ConsultationKind
from kokoma.contacts.models import ActorGroup
from tests.statistics import scenario
from tests.statistics.builders import (
    CaseRow,
    ConsultationRow,
    ContactRow,
    ReferralRow,
    add_cases,
    add_consultations,
    add_contacts,
    add_referrals,
    cells,
    get,
    suppressed,
)
from tests.statistics.scenario import EZRA, MOBIT, YEAR_2025

MONTHS_2025 = [f"2025-{m:02d}" for m in range(1, 13)]


def zeros(keys: Any, **counts: int) -> dict[str, int]:
    return {str(getattr(k, "value", k)): counts.get(str(getattr(k, "value", k)), 0) for k in keys}


def value(figure: dict[str, Any]) -> Any:
    return figure["value"]


@pytest.fixture
async def year(db, tenants):
    """A municipality with the scenario, next to another whose data must never show."""
    tenant, other = await tenants.make(), await tenants.make()
    await scenario.arrange(db, tenant)
    await scenario.arrange(db, other)
    return tenant


async def test_overview_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "overview", **YEAR_2025)
    assert body["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert body["municipality_id"] == str(year.id)
    assert body["suppression_threshold"] is None
    figures = {
        name: value(figure)
        for name, figure in body.items()
        if isinstance(figure, dict) and "suppressed" in figure
    }
    assert figures == {
        "cases_open": 4,
        "cases_new": 4,
        "cases_closed": 2,
        "consultations": 4,
        "consultation_hours": 4.0,
        "referrals": 2,
        "active_contacts": 3,
        "qualified_conflict_managers": 2,
    }


async def test_overview_suppressed_for_the_steering_group(client, year) -> None:
    body = await get(client, year, "steering_group", "overview", **YEAR_2025)
    assert body["suppression_threshold"] == 3
    assert body["cases_open"] == {"value": 4, "suppressed": False}
    assert body["active_contacts"] == {"value": 3, "suppressed": False}
    hidden = {"value": None, "suppressed": True}
    for name in ("cases_closed", "referrals", "qualified_conflict_managers"):
        assert body[name] == hidden, name


async def test_overview_period_edges_shift_the_figures(client, year) -> None:
    # 1 January 2025 alone: one case and one consultation just after local midnight.
    day = await get(
        client, year, "coordinator", "overview", **{"from": "2025-01-01", "to": "2025-01-01"}
    )
    assert value(day["cases_new"]) == 1
    assert value(day["consultations"]) == 1
    assert value(day["consultation_hours"]) == 1.0
    # Open at the end of 1 January: the older open case, the one closed in February,
    # the new one.
    assert value(day["cases_open"]) == 3
    # 2026 so far: the case and contact of 00:30 on 1 January, the consultation at midnight.
    later = await get(
        client, year, "coordinator", "overview", **{"from": "2026-01-01", "to": "2026-01-31"}
    )
    assert value(later["cases_new"]) == 1
    assert value(later["cases_closed"]) == 1
    assert value(later["consultations"]) == 1
    assert value(later["active_contacts"]) == 4


async def test_cases_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "cases", **YEAR_2025)
    assert value(body["new"]) == 4
    assert value(body["closed"]) == 2
    assert cells(body["by_status"]) == zeros(CaseStatus, new=1, analysing=1, referred=1, closed=1)
    assert cells(body["by_topic"]) == zeros(CaseTopic, local_politics=2, youth=1, neighbourhood=1)
    levels = body["by_escalation_level"]
    assert [row["key"] for row in levels] == [str(n) for n in range(1, 10)] + ["unrated"]
    assert cells(levels) == zeros([*range(1, 10), "unrated"], **{"2": 1, "4": 2, "7": 1})
    assert levels[4]["label"] == "Gesichtsverlust"
    assert cells(body["by_endangers_democracy"]) == {"true": 2, "false": 2}
    assert [row["key"] for row in body["by_month"]] == MONTHS_2025
    assert cells(body["by_month"], "new") == zeros(
        MONTHS_2025, **{"2025-01": 1, "2025-03": 1, "2025-06": 1, "2025-12": 1}
    )
    assert cells(body["by_month"], "closed") == zeros(MONTHS_2025, **{"2025-02": 1, "2025-04": 1})


async def test_consultations_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "consultations", **YEAR_2025)
    assert value(body["total"]) == 4
    assert value(body["hours"]) == 4.0
    assert cells(body["by_kind"]) == zeros(
        ConsultationKind, counselling=1, mediation=1, referral=2
    )
    assert cells(body["by_kind"], "hours") == {
        **{k: 0.0 for k in zeros(ConsultationKind)},
        "counselling": 1.0,
        "mediation": 1.5,
        "referral": 1.5,
    }
    assert cells(body["by_format"]) == zeros(ConsultationFormat, in_person=2, online=1, phone=1)
    assert cells(body["by_format"], "hours") == {"in_person": 2.0, "online": 1.5, "phone": 0.5}
    assert cells(body["by_month"]) == zeros(
        MONTHS_2025, **{"2025-01": 2, "2025-03": 1, "2025-12": 1}
    )
    assert cells(body["by_month"], "hours") == {
        **{m: 0.0 for m in MONTHS_2025},
        "2025-01": 2.5,
        "2025-03": 0.5,
        "2025-12": 1.0,
    }


async def test_referrals_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "referrals", **YEAR_2025)
    assert value(body["total"]) == 2
    # Exact callers see every service by name, most frequent first, then by name.
    assert cells(body["by_target_service"]) == {EZRA: 1, MOBIT: 1}
    assert [row["key"] for row in body["by_target_service"]] == [EZRA, MOBIT]
    assert cells(body["by_status"]) == {"proposed": 0, "agreed": 1, "completed": 1, "declined": 0}


async def test_contacts_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "contacts", **YEAR_2025)
    assert value(body["total"]) == 3
    assert value(body["new"]) == 2
    groups = body["by_actor_group"]
    assert cells(groups, "contacts") == zeros(ActorGroup, civil_society=2, politics=1)
    assert cells(groups, "new") == zeros(ActorGroup, civil_society=1, politics=1)


async def test_trainings_exact(client, year) -> None:
    body = await get(client, year, "coordinator", "trainings", **YEAR_2025)
    assert value(body["participants"]) == 3
    assert cells(body["completion"]) == {"completed": 2, "not_completed": 1}
    assert value(body["completion_rate"]) == 66.7
    assert cells(body["attendance"]) == {"present": 7, "late": 0, "excused": 1, "absent": 1}
    assert value(body["attendance_rate"]) == 77.8


async def test_trainings_suppressed(client, year) -> None:
    body = await get(client, year, "steering_group", "trainings", **YEAR_2025)
    assert body["participants"] == {"value": 3, "suppressed": False}
    # not_completed (1) is too small, completed (2) too: both hidden, and the rate with them.
    assert suppressed(body["completion"]) == {"completed", "not_completed"}
    assert body["completion_rate"] == {"value": None, "suppressed": True}
    # excused and absent (1 each) are hidden; together 2 < 3, so present (7) goes as well.
    assert suppressed(body["attendance"]) == {"present", "excused", "absent"}
    assert body["attendance_rate"] == {"value": None, "suppressed": True}


async def test_a_period_without_data_has_zeros_and_no_rates(client, tenants) -> None:
    tenant = await tenants.make()
    body = await get(client, tenant, "steering_group", "trainings", **YEAR_2025)
    assert body["participants"] == {"value": 0, "suppressed": False}
    assert body["attendance_rate"] == {"value": None, "suppressed": False}
    cases = await get(client, tenant, "steering_group", "cases", **YEAR_2025)
    assert set(cells(cases["by_status"]).values()) == {0}
    assert suppressed(cases["by_status"]) == set()


async def test_breakdowns_suppress_a_second_cell(client, db, tenants) -> None:
    tenant = await tenants.make()
    spring = "2025-04-15T10:00+02:00"
    statuses = ["in_progress"] * 6 + ["analysing"] * 4 + ["follow_up"] * 2
    await add_cases(db, tenant, *(CaseRow(spring, status=s, level=2) for s in statuses))
    exact = await get(client, tenant, "coordinator", "cases", **YEAR_2025)
    assert cells(exact["by_status"]) == zeros(CaseStatus, in_progress=6, analysing=4, follow_up=2)
    body = await get(client, tenant, "steering_group", "cases", **YEAR_2025)
    # follow_up (2) is too small; the total (12) would give it away, so the next smallest
    # cell, analysing (4), is hidden too. Zeros stay visible.
    assert suppressed(body["by_status"]) == {"follow_up", "analysing"}
    assert cells(body["by_status"]) == zeros(
        CaseStatus,
        in_progress=6,
        analysing=None,
        follow_up=None,
    )
    assert body["new"] == {"value": 12, "suppressed": False}
    # One level, one month: nothing small, nothing hidden.
    assert suppressed(body["by_escalation_level"]) == set()
    assert cells(body["by_month"], "new")["2025-04"] == 12


async def test_hours_are_suppressed_with_their_count(client, db, tenants) -> None:
    tenant = await tenants.make()
    rows = [ConsultationRow("2025-05-06T10:00+02:00", minutes=30, format="online")] * 5
    rows += [ConsultationRow("2025-05-07T10:00+02:00", minutes=120, format="phone")]
    await add_consultations(db, tenant, *rows)
    body = await get(client, tenant, "steering_group", "consultations", **YEAR_2025)
    assert body["total"] == {"value": 6, "suppressed": False}
    assert body["hours"] == {"value": 4.5, "suppressed": False}
    # phone (1) hidden, online (5) with it: the only other non-zero format.
    assert suppressed(body["by_format"]) == {"phone", "online"}
    assert suppressed(body["by_format"], "hours") == {"phone", "online"}
    assert cells(body["by_format"], "hours")["in_person"] == 0.0


async def test_few_referrals_hide_with_their_breakdowns(client, db, tenants) -> None:  # type: ignore[no-untyped-def]
    few, more = await tenants.make(), await tenants.make()
    day = date(2025, 9, 9)
    await add_referrals(db, few, *[ReferralRow(day, MOBIT, "agreed")] * 2)
    await add_referrals(db, more, *[ReferralRow(day, MOBIT, "agreed", "counselling_services")] * 4)

    overview = await get(client, few, "steering_group", "overview", **YEAR_2025)
    assert overview["referrals"]["suppressed"]
    referrals = await get(client, few, "steering_group", "referrals", **YEAR_2025)
    assert referrals["total"]["suppressed"]
    assert suppressed(referrals["by_target_service"]) == {"other"}
    assert suppressed(referrals["by_actor_group"]) == {"not_in_network"}
    assert suppressed(referrals["by_status"]) == {"agreed"}

    overview = await get(client, more, "steering_group", "overview", **YEAR_2025)
    assert overview["referrals"]["value"] == 4
    referrals = await get(client, more, "steering_group", "referrals", **YEAR_2025)
    assert [(row["label"], row["count"]["value"]) for row in referrals["by_target_service"]] == [
        (MOBIT, 4)
    ]
    assert cells(referrals["by_actor_group"])["counselling_services"] == 4


async def test_rare_services_are_folded_into_other(client, db, tenants) -> None:
    tenant = await tenants.make()
    spring = date(2025, 4, 15)

    def referral(target: str, status: str = "proposed") -> ReferralRow:
        return ReferralRow(spring, target, status)

    await add_referrals(
        db,
        tenant,
        *[referral(MOBIT, "completed")] * 4,
        *[referral("Schulamt Westthüringen")] * 3,
        referral("Jugendamt Wartburgkreis"),
        referral("Polizeiinspektion Eisenach"),
        referral("Bürgerstiftung Bad Salzungen"),
    )
    exact = await get(client, tenant, "coordinator", "referrals", **YEAR_2025)
    assert [row["label"] for row in exact["by_target_service"]] == [
        MOBIT,
        "Schulamt Westthüringen",
        "Bürgerstiftung Bad Salzungen",
        "Jugendamt Wartburgkreis",
        "Polizeiinspektion Eisenach",
    ]
    body = await get(client, tenant, "steering_group", "referrals", **YEAR_2025)
    assert body["total"] == {"value": 10, "suppressed": False}
    rows = body["by_target_service"]
    # The three services used once are not named; together they make 3, shown as `other`.
    assert cells(rows) == {MOBIT: 4, "Schulamt Westthüringen": 3, "other": 3}
    assert rows[-1]["label"] == "Sonstige Stellen"
    assert cells(body["by_status"]) == {"proposed": 6, "agreed": 0, "completed": 4, "declined": 0}


async def test_contacts_suppressed_per_column(client, db, tenants) -> None:
    tenant = await tenants.make()
    old, new = "2024-02-01T10:00+01:00", "2025-02-01T10:00+01:00"
    await add_contacts(
        db,
        tenant,
        *[ContactRow(old, "police")] * 3,
        *[ContactRow(new, "police")] * 3,
        *[ContactRow(old, "media")] * 3,
        ContactRow(new, "media"),
    )
    body = await get(client, tenant, "steering_group", "contacts", **YEAR_2025)
    assert body["total"]["value"] == 10 and body["new"]["value"] == 4
    groups = body["by_actor_group"]
    assert cells(groups, "contacts") == zeros(ActorGroup, police=6, media=4)
    # Added in 2025: police 3, media 1 — media hidden, police with it.
    assert suppressed(groups, "new") == {"police", "media"}


async def test_default_period_is_the_current_year(client, tenants) -> None:
    tenant = await tenants.make()
    body = await get(client, tenant, "coordinator", "overview")
    year = body["period"]["from"][:4]
    assert body["period"] == {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    assert abs(int(year) - date.today().year) <= 1
    body = await get(client, tenant, "coordinator", "cases", **{"from": "2024-03-15"})
    assert body["period"] == {"from": "2024-03-15", "to": "2024-12-31"}
    assert [row["key"] for row in body["by_month"]][0] == "2024-03"
    assert len(body["by_month"]) == 10
