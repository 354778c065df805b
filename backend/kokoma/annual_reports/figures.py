"""The figures of a year's report, computed from the records.

Where the statistics have the figure (cases by topic, consultations by kind,
referrals by receiving body, activations by level), it is taken from
``kokoma.statistics.service``, so a report never shows another number than the
statistics of the same year, and the same small-count protection decides what a
reader without ``statistics:exact`` sees: one rule for every aggregate the steering
group reads. The few figures the statistics lack (outcomes, head counts, attendance
per module, exercises) are counted here and protected with the same ``Disclosure``.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.annual_reports.schemas import AnnualFigures, ModuleAttendanceRow
from kokoma.cases.models import Case, CaseOutcome
from kokoma.consultations.models import Consultation
from kokoma.core.tenancy import scoped
from kokoma.crisis_plans.models import CrisisPlanExercise
from kokoma.db import utcnow
from kokoma.statistics import service as statistics
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import Count, CountRow
from kokoma.statistics.suppression import Disclosure
from kokoma.steering.models import MeetingStatus, Presence, SteeringMeeting, SteeringParticipant
from kokoma.trainings.models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    TrainingModule,
    TrainingSeries,
    TrainingSession,
)

NO_OUTCOME = "none"


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def aggregate_reader(principal: Principal) -> Principal:
    """``principal`` as a reader without exact small counts (the steering group) sees."""
    return dataclasses.replace(
        principal, permissions=principal.permissions - {Permission.STATISTICS_EXACT}
    )


def _count_if(condition: object) -> object:
    return func.count(case((condition, 1)))  # type: ignore[arg-type]


async def _outcomes(
    session: AsyncSession, principal: Principal, period: Period, disclosure: Disclosure
) -> list[CountRow]:
    """Cases ended in the year by outcome: a partition of the statistics' closed cases."""
    rows = await session.execute(
        scoped(Case, principal, Case.outcome, func.count())
        .where(period.contains(Case.closed_at))
        .group_by(Case.outcome)
    )
    counts = {(outcome.value if outcome else NO_OUTCOME): n for outcome, n in rows.tuples()}
    keys = [outcome.value for outcome in CaseOutcome] + [NO_OUTCOME]
    cells = disclosure.counts([counts.get(key, 0) for key in keys])
    return [CountRow(key=key, count=cell) for key, cell in zip(keys, cells, strict=True)]


async def _modules(
    session: AsyncSession, principal: Principal, period: Period, disclosure: Disclosure
) -> list[ModuleAttendanceRow]:
    """Attendance per module over its session days in the year, as a two-way table
    (modules × present/excused/absent) protected line by line and column by column."""
    status = Attendance.status
    rows = (
        await session.execute(
            scoped(
                TrainingSession,
                principal,
                TrainingSeries.title,
                TrainingModule.title,
                func.count(distinct(TrainingSession.id)),
                _count_if(status.in_(ATTENDED)),
                _count_if(status == AttendanceStatus.EXCUSED),
                _count_if(status == AttendanceStatus.ABSENT),
            )
            .join(TrainingModule, TrainingModule.id == TrainingSession.module_id)
            .join(TrainingSeries, TrainingSeries.id == TrainingSession.series_id)
            .outerjoin(Attendance, Attendance.session_id == TrainingSession.id)
            .where(period.contains(TrainingSession.day))
            .group_by(
                TrainingSeries.id, TrainingSeries.title, TrainingModule.id, TrainingModule.title
            )
            .order_by(
                TrainingSeries.title, func.min(TrainingModule.position), TrainingModule.title
            )
        )
    ).all()
    table = [[row[3], row[4], row[5]] for row in rows]
    hidden = disclosure.hidden_table(table)
    return [
        ModuleAttendanceRow(
            series=row[0],
            module=row[1],
            session_days=row[2],
            present=disclosure.count(row[3], hidden=cells[0]),
            excused=disclosure.count(row[4], hidden=cells[1]),
            absent=disclosure.count(row[5], hidden=cells[2]),
        )
        for row, cells in zip(rows, hidden, strict=True)
    ]


async def _steering(
    session: AsyncSession, principal: Principal, period: Period, disclosure: Disclosure
) -> tuple[int, Count]:
    """Steering-group meetings held in the year (begun by now, not cancelled) and the attendances at them.

    Meetings are shown as they are, like session days: they count work, not people.
    The attendances count people and are protected like every other such count.
    """
    held = scoped(SteeringMeeting, principal, SteeringMeeting.id).where(
        period.contains(SteeringMeeting.starts_at),
        SteeringMeeting.starts_at <= utcnow(),
        SteeringMeeting.status == MeetingStatus.PLANNED,
    )
    meetings = await session.scalar(select(func.count()).select_from(held.subquery()))
    present = await session.scalar(
        select(func.count())
        .select_from(SteeringParticipant)
        .where(
            SteeringParticipant.meeting_id.in_(held),
            SteeringParticipant.status == Presence.PRESENT,
        )
    )
    return meetings or 0, disclosure.count(present or 0)


async def compute(
    session: AsyncSession, principal: Principal, year: int, *, threshold: int
) -> AnnualFigures:
    """The figures of ``year`` for the caller's municipality, as ``principal`` may see them."""
    period = year_period(year)
    disclosure = Disclosure.for_caller(principal, threshold)
    cases = await statistics.case_statistics(session, principal, period, threshold=threshold)
    consultations = await statistics.consultation_statistics(
        session, principal, period, threshold=threshold
    )
    referrals = await statistics.referral_statistics(
        session, principal, period, threshold=threshold
    )
    trainings = await statistics.training_statistics(
        session, principal, period, threshold=threshold
    )
    activations = await statistics.activation_statistics(
        session, principal, period, threshold=threshold
    )
    head_count = await session.scalar(
        scoped(Consultation, principal, func.coalesce(func.sum(Consultation.head_count), 0)).where(
            period.contains(Consultation.started_at)
        )
    )
    exercises = await session.scalar(
        scoped(CrisisPlanExercise, principal, func.count()).where(
            period.contains(CrisisPlanExercise.held_on)
        )
    )
    meetings, attendances = await _steering(session, principal, period, disclosure)
    peer = await statistics.peer_session_statistics(
        session, principal, period, threshold=threshold
    )
    return AnnualFigures(
        year=year,
        steering_meetings=meetings,
        steering_attendances=attendances,
        peer_sessions=peer.sessions,
        peer_session_participants=peer.participants,
        suppression_threshold=disclosure.threshold,
        consultations=consultations.total,
        consultation_hours=consultations.hours,
        # People in consultations: hidden with the consultations they took part in.
        consultation_participants=disclosure.count(
            head_count or 0, hidden=consultations.total.suppressed
        ),
        consultations_by_kind=consultations.by_kind,
        training_participants=trainings.participants,
        training_modules=await _modules(session, principal, period, disclosure),
        cases_new=cases.new,
        cases_by_topic=cases.by_topic,
        cases_closed=cases.closed,
        cases_by_outcome=await _outcomes(session, principal, period, disclosure),
        referrals=referrals.total,
        referrals_by_target=referrals.by_target_service,
        crisis_plan_exercises=disclosure.count(exercises or 0),
        crisis_plan_activations=activations.activations,
        activations_by_level=activations.by_level,
    )
