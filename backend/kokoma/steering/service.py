"""Meetings of the steering group: planning, invitations, attendance, minutes per agenda
item, decisions and action items (tasks), and the coordinator's approval of the minutes.

Coordinators write; coordinators, conflict managers and the steering group's users
read the meetings of their municipality. The meeting is one record: every change of
its parts needs the meeting's ETag and raises its version. Once the minutes are
approved the meeting is read-only (409); its action items go on as tasks. A meeting
called off before it began (``invitation.cancel_meeting``) is read-only as well.

This module holds the meeting itself and the write path every part shares
(``editable`` and ``save``); the parts live beside it: ``agenda``, ``decisions``
(with action items), ``members`` (participants), ``invitation``, ``minutes`` and
``reading`` (the meeting as the API shows it, the overview).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, invalid
from kokoma.steering import members as people
from kokoma.steering.models import (
    MeetingStatus,
    MinutesStatus,
    SteeringAgendaItem,
    SteeringMeeting,
    SteeringParticipant,
)
from kokoma.steering.schemas import (
    MeetingCreate,
    MeetingListQuery,
    MeetingParticipantIn,
    MeetingUpdate,
    MeetingWhen,
)
from kokoma.tasks.models import Task, TaskStatus

READ_ONLY = "The minutes are approved; the meeting can no longer be changed."
CANCELLED = "The meeting is cancelled; it can no longer be changed."
_SCHEDULE = ("starts_at", "ends_at", "place", "video_url")


def _change(
    session: AsyncSession,
    principal: Principal,
    meeting: SteeringMeeting,
    action: str,
    *,
    part: audit.Target | None,
    event: str,
    details: dict[str, Any],
) -> None:
    """Audit a change of the meeting (or of one of its parts) and publish its event."""
    subject = audit.Target("steering_meeting", meeting.id)
    audit.record_change(
        session,
        f"steering_meeting.{action}",
        principal=principal,
        target=part or subject,
        subject=subject,
        event_type=f"steering_meeting.{event}",
        details=details or None,
    )


async def save(
    session: AsyncSession,
    principal: Principal,
    meeting: SteeringMeeting,
    action: str,
    *,
    part: audit.Target | None = None,
    event: str = "updated",
    **details: Any,
) -> SteeringMeeting:
    """Commit a change of the meeting or of one of its parts: the meeting's version
    rises (a change of a part is a change of the meeting), the change is audited as
    ``steering_meeting.<action>`` and published as ``steering_meeting.<event>``; a
    concurrent writer that got in first turns it into 412."""
    meeting.updated_at = utcnow()
    _change(session, principal, meeting, action, part=part, event=event, details=details)
    await commit_versioned(session)
    return meeting


async def _meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, *, for_update: bool = False
) -> SteeringMeeting:
    meeting: SteeringMeeting = await get_scoped(
        session, SteeringMeeting, meeting_id, principal, what="Meeting", for_update=for_update
    )
    return meeting


async def editable(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    if_match: str | None,
    *,
    cancelled_too: bool = False,
) -> SteeringMeeting:
    """The meeting to change: If-Match checked, refused once the minutes are approved
    or (unless ``cancelled_too``) once it is cancelled."""
    meeting = await _meeting(session, principal, meeting_id, for_update=True)
    check_if_match(if_match, meeting.version)
    if meeting.minutes_status is MinutesStatus.APPROVED:
        raise Conflict(READ_ONLY)
    if meeting.status is MeetingStatus.CANCELLED and not cancelled_too:
        raise Conflict(CANCELLED)
    return meeting


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise invalid("body.ends_at", "The meeting must end after it starts.", "ends_before_start")


async def list_meetings(
    session: AsyncSession, principal: Principal, query: MeetingListQuery
) -> tuple[list[SteeringMeeting], str | None]:
    """Meetings of the municipality: upcoming soonest first, otherwise newest first."""
    stmt = scoped(SteeringMeeting, principal)
    now = utcnow()
    if query.when is MeetingWhen.UPCOMING:
        stmt = stmt.where(SteeringMeeting.ends_at > now)
    elif query.when is MeetingWhen.PAST:
        stmt = stmt.where(SteeringMeeting.ends_at <= now)
    if query.year is not None:
        stmt = stmt.where(
            SteeringMeeting.starts_at >= datetime(query.year, 1, 1, tzinfo=now.tzinfo),
            SteeringMeeting.starts_at < datetime(query.year + 1, 1, 1, tzinfo=now.tzinfo),
        )
    key = SortKey(SteeringMeeting.starts_at, descending=query.when is not MeetingWhen.UPCOMING)
    return await paginate(
        session,
        stmt,
        keys=[key],
        id_column=SteeringMeeting.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> SteeringMeeting:
    """A meeting of the caller's municipality, else 404."""
    return await _meeting(session, principal, meeting_id)


async def create_meeting(
    session: AsyncSession, principal: Principal, data: MeetingCreate
) -> SteeringMeeting:
    """Plan a meeting; every member of the steering group is invited unless told."""
    _check_times(data.starts_at, data.ends_at)
    wanted = data.participants
    if wanted is None:
        wanted = await people.default_participants(session, principal)
    else:
        await people.check_participants(session, principal, wanted)
    meeting = SteeringMeeting(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        created_by_id=principal.id if principal.is_user else None,
        **data.model_dump(exclude={"participants"}),
    )
    session.add(meeting)
    await session.flush()
    _add_participants(session, meeting.id, wanted)
    # Flushed already: touching it now would raise the new meeting's version.
    _change(session, principal, meeting, "create", part=None, event="scheduled", details={})
    await session.commit()
    return meeting


async def update_meeting(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change title, time or place; a new time or place marks sent invitations outdated."""
    meeting = await editable(session, principal, meeting_id, if_match)
    sent = data.model_dump(exclude_unset=True)
    _check_times(sent.get("starts_at", meeting.starts_at), sent.get("ends_at", meeting.ends_at))
    changed = sorted(name for name, value in sent.items() if getattr(meeting, name) != value)
    if not changed:
        # Nothing to write: the version stays and nothing is audited.
        await commit_versioned(session)
        return meeting
    for name in changed:
        setattr(meeting, name, sent[name])
    if meeting.invitations_sent_at and set(changed) & set(_SCHEDULE):
        meeting.invitations_outdated = True
    return await save(session, principal, meeting, "update", fields=changed)


async def delete_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> None:
    """Remove a meeting whose minutes are not approved (a cancelled one too); 409 while
    it has action items that are not cancelled."""
    meeting = await editable(session, principal, meeting_id, if_match, cancelled_too=True)
    agreed = await session.scalar(
        select(func.count())
        .select_from(Task)
        .join(SteeringAgendaItem, SteeringAgendaItem.id == Task.steering_item_id)
        .where(SteeringAgendaItem.meeting_id == meeting.id, Task.status != TaskStatus.CANCELLED)
    )
    if agreed:
        raise Conflict("Action items were agreed in this meeting; cancel them first.")
    _change(session, principal, meeting, "delete", part=None, event="deleted", details={})
    await session.delete(meeting)
    await commit_versioned(session)


def _add_participants(
    session: AsyncSession, meeting_id: uuid.UUID, wanted: list[MeetingParticipantIn]
) -> None:
    for p in wanted:
        session.add(
            SteeringParticipant(
                id=uuid.uuid4(),
                meeting_id=meeting_id,
                user_id=p.user_id,
                contact_id=p.contact_id,
                status=p.status,
            )
        )


async def set_participants(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    wanted: list[MeetingParticipantIn],
    if_match: str | None,
) -> SteeringMeeting:
    """Replace who is invited and who came (attendance)."""
    meeting = await editable(session, principal, meeting_id, if_match)
    await people.check_participants(session, principal, wanted)
    await session.execute(
        delete(SteeringParticipant).where(SteeringParticipant.meeting_id == meeting.id)
    )
    _add_participants(session, meeting.id, wanted)
    counts: dict[str, int] = defaultdict(int)
    for p in wanted:
        counts[p.status.value] += 1
    return await save(session, principal, meeting, "attendance", attendance=dict(counts))
