"""Activations of crisis-prevention plans per level and month, exact for coordinators and
with small-count protection for the steering group; exercise plans never count."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from kokoma.crisis_plans.models import (
    ActivationStatus,
    Classification,
    CrisisPlan,
    CrisisPlanActivation,
    PlanStatus,
)
from kokoma.trainings.models import TrainingSeries
from tests.statistics.builders import cells, get, suppressed
from tests.support import Tenant

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


async def _plan(session, tenant: Tenant, series_id: uuid.UUID | None = None) -> CrisisPlan:
    plan_id = uuid.uuid4()
    plan = CrisisPlan(
        id=plan_id,
        lineage_id=plan_id,
        municipality_id=tenant.id,
        title="Plan",
        area="Ort",
        classification=Classification.INTERNAL,
        status=PlanStatus.ADOPTED,
        owner_id=tenant.user("coordinator").id,
        training_series_id=series_id,
        content={},
    )
    session.add(plan)
    await session.flush()
    return plan


async def _activations(db, tenant: Tenant, *started: tuple[int, datetime]) -> None:
    async with db() as session:
        series = TrainingSeries(municipality_id=tenant.id, title="Reihe")
        session.add(series)
        await session.flush()
        real = await _plan(session, tenant)
        exercise = await _plan(session, tenant, series.id)
        for plan in (real, exercise):
            for level, at in started:
                session.add(
                    CrisisPlanActivation(
                        municipality_id=tenant.id,
                        plan_id=plan.id,
                        level=level,
                        reason="Lage",
                        status=ActivationStatus.CLOSED,
                        started_at=at,
                        started_by_name="Koordination",
                        ended_at=at,
                    )
                )
        await session.commit()


async def test_activations_per_level_and_month(client, db, tenants) -> None:
    tenant, other = await tenants.make(), await tenants.make()
    march = datetime(2025, 3, 10, 9, tzinfo=UTC)
    await _activations(
        db,
        tenant,
        (2, march),
        (2, march),
        (2, datetime(2025, 3, 20, 9, tzinfo=UTC)),
        (2, datetime(2025, 7, 1, 9, tzinfo=UTC)),
        (3, datetime(2025, 7, 2, 9, tzinfo=UTC)),
        # Before the period (German time: still 31 December 2024).
        (1, datetime(2024, 12, 31, 22, 30, tzinfo=UTC)),
    )
    await _activations(db, other, (0, march))

    exact = await get(client, tenant, "coordinator", "activations", **YEAR)
    assert exact["activations"] == {"value": 5, "suppressed": False}
    assert cells(exact["by_level"]) == {"0": 0, "1": 0, "2": 4, "3": 1}
    months = cells(exact["by_month"])
    assert len(months) == 12 and months["2025-03"] == 3 and months["2025-07"] == 2
    assert sum(months.values()) == 5

    protected = await get(client, tenant, "steering_group", "activations", **YEAR)
    assert protected["suppression_threshold"] == 3
    assert protected["activations"] == {"value": 5, "suppressed": False}
    levels = protected["by_level"]
    assert cells(levels)["0"] == 0
    # One level-3 activation is a small count; it is hidden, and so is a second cell so
    # that it cannot be worked out from the total.
    assert "3" in suppressed(levels) and len(suppressed(levels)) >= 2
    assert "2025-07" in suppressed(protected["by_month"])
    assert len(suppressed(protected["by_month"])) >= 2
    labels = {row["key"]: row["label"] for row in levels}
    assert labels["3"] == "Stufe 3 – Krise (Krisenstab)"
