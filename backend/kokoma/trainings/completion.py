"""The completion rule of a qualification series, in one place.

A module counts as attended when the participant took part (present or late) on
every one of its session days; excused counts as not taking part (a certificate
confirms participation), and a module without session days cannot be attended yet.
The rule is data on the series: how many in-person modules and how many online
deepening sessions must be attended (empty: all of that kind) and how many hours
(the attended modules' hours, preparation included; empty: no minimum). The
completion date is the last session day of the attended module with which the rule
was first met.
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
    ATTENDED,
    Attendance,
    ModuleKind,
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)


@dataclass(frozen=True)
class Requirement:
    """The rule with its defaults resolved against the series' modules."""

    in_person: int
    online: int
    hours: float

    def met(self, attended: Sequence[TrainingModule]) -> bool:
        # At least one module, whatever the rule: nobody completes by attending nothing.
        return bool(attended) and (
            sum(m.kind is ModuleKind.IN_PERSON for m in attended) >= self.in_person
            and sum(m.kind is ModuleKind.ONLINE for m in attended) >= self.online
            and sum(m.hours for m in attended) >= self.hours
        )


@dataclass(frozen=True)
class Completion:
    attended_module_ids: tuple[uuid.UUID, ...]
    in_person: int
    online: int
    hours: float
    completed_on: date | None


def requirement(
    in_person: int | None, online: int | None, hours: float | None, kinds: Sequence[ModuleKind]
) -> Requirement:
    """What completes a series with this rule and modules of these kinds.

    An empty part of the rule means every module of that kind, or no minimum of hours.
    """

    def count(kind: ModuleKind, rule: int | None) -> int:
        return sum(k is kind for k in kinds) if rule is None else rule

    return Requirement(
        count(ModuleKind.IN_PERSON, in_person), count(ModuleKind.ONLINE, online), hours or 0
    )


def series_requirement(series: TrainingSeries, modules: Sequence[TrainingModule]) -> Requirement:
    return requirement(
        series.rule_in_person, series.rule_online, series.rule_hours, [m.kind for m in modules]
    )


def module_attended(module: TrainingModule, present_session_ids: Collection[uuid.UUID]) -> bool:
    return bool(module.sessions) and all(s.id in present_session_ids for s in module.sessions)


def evaluate(
    series: TrainingSeries,
    modules: Sequence[TrainingModule],
    present_session_ids: Collection[uuid.UUID],
) -> Completion:
    """Apply the rule to one participant, given the sessions they took part in.

    ``modules`` must have their sessions loaded.
    """
    attended = [m for m in modules if module_attended(m, present_session_ids)]
    rule = series_requirement(series, modules)
    completed_on = None
    if rule.met(attended):
        # The rule is met from the first prefix (by finishing day) that meets it.
        by_end = sorted(attended, key=lambda m: max(s.day for s in m.sessions))
        completed_on = next(
            max(s.day for s in by_end[i - 1].sessions)
            for i in range(1, len(by_end) + 1)
            if rule.met(by_end[:i])
        )
    return Completion(
        tuple(m.id for m in attended),
        sum(m.kind is ModuleKind.IN_PERSON for m in attended),
        sum(m.kind is ModuleKind.ONLINE for m in attended),
        sum(m.hours for m in attended),
        completed_on,
    )


async def present_sessions(
    session: AsyncSession, series_id: uuid.UUID
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Per participant of the series, the session days they took part in."""
    rows = await session.execute(
        select(Attendance.participant_id, Attendance.session_id)
        .join(TrainingSession, TrainingSession.id == Attendance.session_id)
        .where(TrainingSession.series_id == series_id, Attendance.status.in_(ATTENDED))
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
        participant.in_person_attended = result.in_person
        participant.online_attended = result.online
        participant.hours_attended = result.hours
        participant.completed_on = result.completed_on
