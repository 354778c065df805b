"""The completion rule of a qualification series, in one place.

A module counts as attended when the participant was *present* on every one of its
session days (excused counts as not present: a certificate confirms participation,
and a module without session days cannot be attended yet). A participant completes
the series when the number of attended modules reaches the series' rule
``completion_min_modules``, or every module when the rule is empty. The completion
date is the last session day of the module with which the rule was first met.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.trainings.models import (
    Attendance,
    AttendanceStatus,
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)


@dataclass(frozen=True)
class Completion:
    attended_module_ids: tuple[uuid.UUID, ...]
    completed_on: date | None

    @property
    def modules_attended(self) -> int:
        return len(self.attended_module_ids)


def modules_required(min_modules: int | None, module_count: int) -> int:
    """How many attended modules complete a series with this rule (never fewer than one)."""
    return max(1, min_modules or module_count)


def module_attended(module: TrainingModule, present_session_ids: Collection[uuid.UUID]) -> bool:
    return bool(module.sessions) and all(s.id in present_session_ids for s in module.sessions)


def evaluate(
    series: TrainingSeries,
    modules: Sequence[TrainingModule],
    present_session_ids: Collection[uuid.UUID],
) -> Completion:
    """Apply the rule to one participant, given the sessions they were present at.

    ``modules`` must have their sessions loaded.
    """
    attended = [m for m in modules if module_attended(m, present_session_ids)]
    required = modules_required(series.completion_min_modules, len(modules))
    completed_on = None
    if len(attended) >= required:
        finished = sorted(max(s.day for s in m.sessions) for m in attended)
        completed_on = finished[required - 1]
    return Completion(tuple(m.id for m in attended), completed_on)


async def present_sessions(
    session: AsyncSession, series_id: uuid.UUID
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Per participant of the series, the session days they were present at."""
    rows = await session.execute(
        select(Attendance.participant_id, Attendance.session_id)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(
            TrainingSession.series_id == series_id,
            Attendance.status == AttendanceStatus.PRESENT,
        )
    )
    present: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for participant_id, session_id in rows:
        present[participant_id].add(session_id)
    return present


async def modules_with_sessions(
    session: AsyncSession, series_id: uuid.UUID
) -> list[TrainingModule]:
    """The series' modules in order, their session days freshly loaded."""
    stmt = (
        select(TrainingModule)
        .where(TrainingModule.series_id == series_id)
        .order_by(TrainingModule.position)
        .options(selectinload(TrainingModule.sessions))
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(stmt))


async def refresh_completion(session: AsyncSession, series: TrainingSeries) -> None:
    """Recompute every participant's completion of ``series`` after a change.

    Callers hold the series lock (``service.lock_series``), so concurrent changes to
    the same series are applied one after another and never compute from stale rows.
    """
    modules = await modules_with_sessions(session, series.id)
    present = await present_sessions(session, series.id)
    participants = await session.scalars(
        select(TrainingParticipant).where(TrainingParticipant.series_id == series.id)
    )
    for participant in participants:
        result = evaluate(series, modules, present.get(participant.id, set()))
        participant.modules_attended = result.modules_attended
        participant.completed_on = result.completed_on
