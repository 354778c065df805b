"""Participants of a series, attendance per session day, and the qualified conflict managers."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.contacts.models import Contact
from kokoma.core.concurrency import apply_changes, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, invalid
from kokoma.events.outbox import EventType
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.completion import refresh_completion
from kokoma.trainings.models import (
    Attendance,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from kokoma.trainings.schemas import (
    MAX_ATTENDANCE_ENTRIES,
    AttendanceUpdate,
    ParticipantCreate,
    ParticipantListQuery,
    ParticipantUpdate,
    QualifiedListQuery,
    QualifiedOut,
)
from kokoma.trainings.service import (
    SERIES,
    SESSION,
    get_session_day,
    lock_series,
    locked_child,
    series_child,
)
from kokoma.users.models import User

PARTICIPANT = "Participant"
MAX_PARTICIPANTS = MAX_ATTENDANCE_ENTRIES
_BY_NAME = [SortKey(TrainingParticipant.full_name)]


async def list_participants(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    query: ParticipantListQuery,
) -> tuple[list[TrainingParticipant], str | None]:
    """Participants of one series by name, with their completion status."""
    await get_scoped(session, TrainingSeries, series_id, principal, what=SERIES)
    stmt = scoped(TrainingParticipant, principal).where(TrainingParticipant.series_id == series_id)
    if query.completed is not None:
        done = TrainingParticipant.completed_on.is_not(None)
        stmt = stmt.where(done if query.completed else ~done)
    return await _page_by_name(session, stmt, query)


async def _page_by_name(
    session: AsyncSession, stmt: Select[Any], query: ParticipantListQuery | QualifiedListQuery
) -> tuple[list[TrainingParticipant], str | None]:
    if query.q:
        stmt = stmt.where(TrainingParticipant.full_name.icontains(query.q, autoescape=True))
    return await paginate(
        session,
        stmt,
        keys=_BY_NAME,
        id_column=TrainingParticipant.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_participant(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, participant_id: uuid.UUID
) -> TrainingParticipant:
    """One participant of the series with the attendance recorded for them."""
    return await series_child(
        session,
        principal,
        TrainingParticipant,
        series_id,
        participant_id,
        what=PARTICIPANT,
        options=[selectinload(TrainingParticipant.attendance)],
    )


async def _default_name(
    session: AsyncSession, principal: Principal, data: ParticipantCreate
) -> str:
    # The linked record must be the caller's municipality's. Trainers do not read
    # contacts, so a contact's name is never copied in: the schema requires full_name.
    if data.contact_id:
        await get_scoped(session, Contact, data.contact_id, principal, what="Contact")
    if data.user_id:
        user = await get_scoped(session, User, data.user_id, principal, what="User")
        return data.full_name or user.full_name
    assert data.full_name is not None
    return data.full_name


async def add_participant(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, data: ParticipantCreate
) -> TrainingParticipant:
    """Enrol a user, a contact or a named person; each user or contact once per series."""
    series = await lock_series(session, principal, series_id)
    count = await session.scalar(
        select(func.count()).where(TrainingParticipant.series_id == series.id)
    )
    if (count or 0) >= MAX_PARTICIPANTS:
        raise Conflict(f"A series has at most {MAX_PARTICIPANTS} participants.")
    participant = TrainingParticipant(
        municipality_id=series.municipality_id,
        series_id=series.id,
        user_id=data.user_id,
        contact_id=data.contact_id,
        full_name=await _default_name(session, principal, data),
        organisation=data.organisation,
    )
    session.add(participant)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("This person already takes part in the series.") from exc
    audit.record_change(
        session,
        "training.participant.create",
        principal=principal,
        target=audit.Target("training_participant", participant.id),
        event_type=EventType.TRAINING_PARTICIPANT_ADDED,
        subject=audit.Target("training", series.id),
        details={"series_id": str(series.id)},
    )
    await session.commit()
    return await get_participant(session, principal, series.id, participant.id)


async def update_participant(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    participant_id: uuid.UUID,
    data: ParticipantUpdate,
    if_match: str | None,
) -> TrainingParticipant:
    """Correct a participant's name or organisation."""
    _, participant = await locked_child(
        session,
        principal,
        TrainingParticipant,
        series_id,
        participant_id,
        if_match,
        what=PARTICIPANT,
    )
    changed = apply_changes(participant, data)
    audit.record_change(
        session,
        "training.participant.update",
        principal=principal,
        target=audit.Target("training_participant", participant.id),
        event_type=EventType.TRAINING_PARTICIPANT_UPDATED,
        subject=audit.Target("training", series_id),
        details={"fields": sorted(changed)},
    )
    await commit_versioned(session)
    return await get_participant(session, principal, series_id, participant.id)


async def delete_participant(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    participant_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Remove a participant and their attendance; refused once a certificate was issued."""
    series, participant = await locked_child(
        session,
        principal,
        TrainingParticipant,
        series_id,
        participant_id,
        if_match,
        what=PARTICIPANT,
    )
    certified = await session.scalar(
        select(func.count()).where(Certificate.participant_id == participant.id)
    )
    if certified:
        raise Conflict("A certificate was issued to this participant; they cannot be removed.")
    await session.delete(participant)
    audit.record_change(
        session,
        "training.participant.delete",
        principal=principal,
        target=audit.Target("training_participant", participant.id),
        event_type=EventType.TRAINING_PARTICIPANT_REMOVED,
        subject=audit.Target("training", series.id),
        details={"series_id": str(series.id)},
    )
    await commit_versioned(session)


# --- attendance ----------------------------------------------------------------------


async def _register(session: AsyncSession, day: TrainingSession) -> list[Attendance]:
    stmt = (
        select(Attendance)
        .where(Attendance.session_id == day.id)
        .order_by(Attendance.participant_id)
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(stmt))


async def get_attendance(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, session_id: uuid.UUID
) -> tuple[TrainingSession, list[Attendance]]:
    """The attendance register of one session day."""
    day = await get_session_day(session, principal, series_id, session_id)
    return day, await _register(session, day)


async def _check_participants(
    session: AsyncSession, principal: Principal, series_id: uuid.UUID, data: AttendanceUpdate
) -> None:
    wanted = [entry.participant_id for entry in data.entries]
    known = set(
        await session.scalars(
            scoped(TrainingParticipant, principal, TrainingParticipant.id).where(
                TrainingParticipant.series_id == series_id, TrainingParticipant.id.in_(wanted)
            )
        )
    )
    for index, participant_id in enumerate(wanted):
        if participant_id not in known:
            raise invalid(
                f"body.entries.{index}.participant_id", "Not a participant of this series."
            )


async def record_attendance(
    session: AsyncSession,
    principal: Principal,
    series_id: uuid.UUID,
    session_id: uuid.UUID,
    data: AttendanceUpdate,
    if_match: str | None,
) -> tuple[TrainingSession, list[Attendance]]:
    """Replace the whole register of a session day and recompute completion."""
    series, day = await locked_child(
        session, principal, TrainingSession, series_id, session_id, if_match, what=SESSION
    )
    await _check_participants(session, principal, series.id, data)
    existing = {row.participant_id: row for row in await _register(session, day)}
    before = {participant: row.status.value for participant, row in existing.items()}
    after = {entry.participant_id: entry.status.value for entry in data.entries}
    for entry in data.entries:
        row = existing.pop(entry.participant_id, None)
        if row is None:
            session.add(
                Attendance(
                    session_id=day.id, participant_id=entry.participant_id, status=entry.status
                )
            )
        else:
            row.status = entry.status
    for row in existing.values():
        await session.delete(row)
    day.attendance_recorded_at = utcnow()
    await session.flush()
    await refresh_completion(session, series)
    audit.record_change(
        session,
        "training.attendance.update",
        principal=principal,
        target=audit.Target("training_session", day.id),
        event_type=EventType.TRAINING_ATTENDANCE_RECORDED,
        subject=audit.Target("training", series.id),
        details={
            "counts": dict(Counter(e.status.value for e in data.entries)),
            # Whose attendance changed, and from what to what (null: no entry).
            "changes": [
                {"participant_id": str(who), "from": before.get(who), "to": after.get(who)}
                for who in sorted(before.keys() | after.keys(), key=str)
                if before.get(who) != after.get(who)
            ],
        },
    )
    await commit_versioned(session)
    return day, await _register(session, day)


# --- qualified conflict managers -----------------------------------------------------


async def list_qualified(
    session: AsyncSession,
    principal: Principal,
    query: QualifiedListQuery,
) -> tuple[list[QualifiedOut], str | None]:
    """Everyone in the municipality who completed a series, by name."""
    stmt = (
        scoped(TrainingParticipant, principal)
        .where(TrainingParticipant.completed_on.is_not(None))
        .options(selectinload(TrainingParticipant.series))
    )
    if query.series_id:
        stmt = stmt.where(TrainingParticipant.series_id == query.series_id)
    rows, next_cursor = await _page_by_name(session, stmt, query)
    numbers = dict(
        (
            await session.execute(
                select(Certificate.participant_id, Certificate.number).where(
                    Certificate.participant_id.in_([p.id for p in rows]),
                    Certificate.revoked_at.is_(None),
                )
            )
        )
        .tuples()
        .all()
    )
    items = [
        QualifiedOut(
            participant_id=p.id,
            series_id=p.series_id,
            series_title=p.series.title,
            full_name=p.full_name,
            organisation=p.organisation,
            user_id=p.user_id,
            contact_id=p.contact_id,
            completed_on=p.completed_on,
            certificate_number=numbers.get(p.id),
        )
        for p in rows
    ]
    return items, next_cursor
