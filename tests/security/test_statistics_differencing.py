"""Suppressed counts stay suppressed across requests and figures (issue 12 point 3, issue 11 point 11)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.statistics.builders import (
    STATISTICS,
    ConsultationRow,
    SeriesRow,
    add_consultations,
    add_series,
    get,
)

STEERING = "steering_group"
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


@pytest.fixture
async def march_with_two_mediations(tenants, db):  # type: ignore[no-untyped-def]
    t = await tenants.make()
    rows = [ConsultationRow(f"2025-01-{d:02d}T10:00Z") for d in range(6, 16)]
    rows += [ConsultationRow(f"2025-02-{d:02d}T10:00Z") for d in range(3, 13)]
    rows += [ConsultationRow(f"2025-03-{d:02d}T10:00Z", kind="mediation") for d in (4, 5)]
    await add_consultations(db, t, *rows)
    return t


async def _status(client, t, role: str, first: str, last: str) -> int:  # type: ignore[no-untyped-def]
    response = await client.get(
        f"{STATISTICS}/consultations", params={"from": first, "to": last}, headers=t.headers(role)
    )
    return response.status_code


async def test_the_subtraction_attack_of_the_review_finds_nothing_to_subtract(
    client, march_with_two_mediations
) -> None:
    t = march_with_two_mediations
    # March alone, January-March and January-February, and single days: not for aggregates only.
    for first, last in [
        ("2025-03-01", "2025-03-31"),
        ("2025-01-01", "2025-03-31"),
        ("2025-01-01", "2025-02-28"),
        ("2025-03-04", "2025-03-04"),
    ]:
        assert await _status(client, t, STEERING, first, last) == 422, (first, last)
        assert await _status(client, t, "coordinator", first, last) == 200  # exact figures
    # The year shows March's two mediations neither directly nor as a difference.
    body = await get(client, t, STEERING, "consultations", **YEAR)
    months = {row["key"]: row["count"]["value"] for row in body["by_month"]}
    assert months["2025-03"] is None
    visible = sum(v for v in months.values() if v is not None)
    assert body["total"]["value"] is None or body["total"]["value"] - visible >= 3
    kinds = {row["key"]: row["count"]["value"] for row in body["by_kind"]}
    assert kinds["mediation"] is None


async def test_shifted_and_overlapping_years_cannot_be_subtracted_either(
    client, march_with_two_mediations
) -> None:
    t = march_with_two_mediations
    for first, last in [
        ("2025-03-05", "2026-03-04"),  # a year, shifted to start after the mediations
        ("2024-01-01", "2025-12-31"),  # two years, against one
        ("2025-01-01", "2025-12-30"),  # a year less a day
    ]:
        assert await _status(client, t, STEERING, first, last) == 422, (first, last)
    refused = await client.get(
        f"{STATISTICS}/overview",
        params={"from": "2025-03-01", "to": "2025-03-31"},
        headers={**t.headers(STEERING), "Accept": "text/csv"},
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "query.from"


async def test_qualified_and_participants_never_give_away_the_one_who_did_not_complete(
    client, tenants, db
) -> None:
    t = await tenants.make()
    names = [f"Teilnehmer {i}" for i in range(10)]
    await add_series(
        db,
        t,
        SeriesRow(
            days=[[date(2025, 3, 10)]],
            participants={
                name: (date(2025, 3, 10) if i < 9 else None) for i, name in enumerate(names)
            },
            attendance={(name, 0): "present" for name in names},
        ),
    )
    overview = await get(client, t, STEERING, "overview", **YEAR)
    trainings = await get(client, t, STEERING, "trainings", **YEAR)
    participants = trainings["participants"]["value"]
    completion = {row["key"]: row["count"]["value"] for row in trainings["completion"]}
    qualified = overview["qualified_conflict_managers"]["value"]  # on the same page
    assert participants == 10
    assert completion == {"completed": None, "not_completed": None}
    assert trainings["completion_rate"]["suppressed"] is True
    # Shown before: 10 participants and 9 qualified, while the rate was hidden.
    assert qualified is None
    # The coordinator sees the exact figures.
    exact = await get(client, t, "coordinator", "overview", **YEAR)
    assert exact["qualified_conflict_managers"]["value"] == 9
