"""Arranging a year of work with exact dates: closed cases with outcomes, consultations
with head counts, exercises and activations of crisis plans."""

from __future__ import annotations

import itertools
import uuid
from datetime import date, timedelta
from typing import Any

from kokoma.cases.models import Case, CaseOutcome, CaseStatus
from kokoma.consultations.models import Consultation
from kokoma.crisis_plans.models import (
    ActivationStatus,
    Classification,
    CrisisPlan,
    CrisisPlanActivation,
    CrisisPlanExercise,
    PlanStatus,
)
from kokoma.steering.models import Presence, SteeringMeeting, SteeringParticipant
from tests.statistics.builders import at
from tests.support import Tenant

BASE = "/api/v1/annual-reports"
VERSIONS = f"{BASE}/versions"
_numbers = itertools.count(1)


def figures_of(body: dict[str, Any]) -> dict[str, Any]:
    return body["figures"]


def value(cell: dict[str, Any]) -> int | float | None:
    return cell["value"]


def rows(items: list[dict[str, Any]], measure: str = "count") -> dict[str, Any]:
    """{key: value} of the non-empty rows of a breakdown (None where withheld)."""
    return {
        row["key"]: row[measure]["value"]
        for row in items
        if row[measure]["suppressed"] or row[measure]["value"]
    }


async def add_closed_cases(
    db: Any, tenant: Tenant, *outcomes: str | None, opened: str, closed: str
) -> None:
    """Cases opened and closed on the given instants, one per outcome (None: not recorded)."""
    async with db() as session:
        for outcome in outcomes:
            number = next(_numbers)
            session.add(
                Case(
                    municipality_id=tenant.id,
                    reference=f"{tenant.slug.upper()}-AR-{number:05d}",
                    year=2025,
                    number=90_000 + number,
                    title="Streit um die Windkraftanlage am Hörselberg",
                    status=CaseStatus.CLOSED,
                    outcome=CaseOutcome(outcome) if outcome else None,
                    created_at=at(opened),
                    closed_at=at(closed),
                )
            )
        await session.commit()


async def add_consultations(
    db: Any, tenant: Tenant, *rows: tuple[str, str, int, int | None]
) -> None:
    """Consultations as (start, kind, minutes, head count)."""
    async with db() as session:
        session.add_all(
            Consultation(
                municipality_id=tenant.id,
                started_at=at(started),
                duration_minutes=minutes,
                format="in_person",
                kind=kind,
                head_count=head_count,
                summary="Gespräch im Bürgerhaus",
            )
            for started, kind, minutes, head_count in rows
        )
        await session.commit()


async def add_plan_use(
    db: Any, tenant: Tenant, *, exercises: list[date], activations: list[tuple[int, str]]
) -> None:
    """One adopted plan with exercises held on the given days and activations as
    (level, start)."""
    async with db() as session:
        plan_id = uuid.uuid4()
        session.add(
            CrisisPlan(
                id=plan_id,
                lineage_id=plan_id,
                municipality_id=tenant.id,
                title="Krisenplan Unterkunft",
                area="Eisenach",
                classification=Classification.INTERNAL,
                status=PlanStatus.ADOPTED,
                owner_id=tenant.user("coordinator").id,
                content={},
            )
        )
        await session.flush()
        session.add_all(
            CrisisPlanExercise(municipality_id=tenant.id, plan_id=plan_id, held_on=day)
            for day in exercises
        )
        session.add_all(
            CrisisPlanActivation(
                municipality_id=tenant.id,
                plan_id=plan_id,
                level=level,
                reason="Lage",
                status=ActivationStatus.CLOSED,
                started_at=at(started),
                started_by_name="Koordination",
                ended_at=at(started),
            )
            for level, started in activations
        )
        await session.commit()


async def add_meeting(db: Any, tenant: Tenant, starts: str, presence: dict[str, str]) -> None:
    """A steering-group meeting starting at ``starts`` (an hour long) with the tenant's
    users of the given roles in the given presence."""
    async with db() as session:
        begin = at(starts)
        meeting = SteeringMeeting(
            id=uuid.uuid4(),
            municipality_id=tenant.id,
            title="Steuerungsgruppe",
            starts_at=begin,
            ends_at=begin + timedelta(hours=1),
        )
        session.add(meeting)
        await session.flush()
        session.add_all(
            SteeringParticipant(
                meeting_id=meeting.id, user_id=tenant.user(role).id, status=Presence(status)
            )
            for role, status in presence.items()
        )
        await session.commit()
