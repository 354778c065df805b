"""Routes of the steering-group API; the rules are in ``service`` and the modules of
the meeting's parts beside it.

A meeting is one record: changes of its agenda, attendance, minutes, decisions and
action items need the meeting's ETag in If-Match and answer the whole meeting with
its new ETag.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.steering import agenda, decisions, invitation, members, minutes, reading, service
from kokoma.steering.models import SteeringMeeting
from kokoma.steering.schemas import (
    ActionItemCreate,
    AgendaItemCreate,
    AgendaItemUpdate,
    DecisionCreate,
    DecisionUpdate,
    InvitationsOut,
    MeetingCreate,
    MeetingListItemOut,
    MeetingListQuery,
    MeetingOut,
    MeetingParticipantsIn,
    MeetingUpdate,
    SteeringMemberOut,
    SteeringOverviewOut,
)

router = APIRouter(prefix="/steering-meetings", tags=["steering group"])

MeetingId = Annotated[uuid.UUID, Path(description="The meeting; 404 unless of your municipality.")]
ItemId = Annotated[uuid.UUID, Path(description="The agenda item.")]
DecisionId = Annotated[uuid.UUID, Path(description="The decision.")]
WRITE = problems(404, 409, 412, 428)


async def _out(session: AsyncSession, response: Response, meeting: SteeringMeeting) -> MeetingOut:
    set_etag(response, meeting.version)
    return MeetingOut.model_validate(await reading.describe(session, meeting))


async def _mailed(
    session: AsyncSession, response: Response, meeting: SteeringMeeting, result: dict[str, Any]
) -> InvitationsOut:
    """Who was written to, with the meeting as it is now."""
    out = await _out(session, response, meeting)
    return InvitationsOut.model_validate({**result, "meeting": out})


@router.get("", response_model=Page[MeetingListItemOut], responses=problems(400))
async def list_meetings(
    session: DbSession,
    principal: Caller(P.STEERING_READ),
    query: Annotated[MeetingListQuery, Query()],
) -> Page[MeetingListItemOut]:
    """The steering group's meetings."""
    items, next_cursor = await service.list_meetings(session, principal, query)
    return Page(
        items=[MeetingListItemOut.model_validate(m) for m in items], next_cursor=next_cursor
    )


@router.post("", status_code=201, response_model=MeetingOut, responses=problems())
async def create_meeting(
    body: MeetingCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
) -> MeetingOut:
    """Plan a meeting; 422 if it ends before it starts."""
    return await _out(session, response, await service.create_meeting(session, principal, body))


@router.get("/members", response_model=list[SteeringMemberOut], responses=problems())
async def list_members(
    session: DbSession, principal: Caller(P.STEERING_READ)
) -> list[SteeringMemberOut]:
    """The steering group: users with its role and the contacts marked as members."""
    return [SteeringMemberOut.model_validate(m) for m in await members.members(session, principal)]


@router.get("/overview", response_model=SteeringOverviewOut, responses=problems())
async def overview(session: DbSession, principal: Caller(P.STEERING_READ)) -> SteeringOverviewOut:
    """The next meeting and the open action items, for the steering group's dashboard."""
    return SteeringOverviewOut.model_validate(await reading.overview(session, principal))


@router.get("/{meeting_id}", response_model=MeetingOut, responses=problems(404))
async def get_meeting(
    meeting_id: MeetingId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_READ),
) -> MeetingOut:
    """A meeting with agenda, attendance, minutes, decisions and action items."""
    meeting = await service.get_meeting(session, principal, meeting_id)
    return await _out(session, response, meeting)


@router.patch("/{meeting_id}", response_model=MeetingOut, responses=WRITE)
async def update_meeting(
    meeting_id: MeetingId,
    body: MeetingUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Change title, time or place; 409 once the minutes are approved."""
    meeting = await service.update_meeting(session, principal, meeting_id, body, if_match)
    return await _out(session, response, meeting)


@router.delete("/{meeting_id}", status_code=204, responses=WRITE)
async def delete_meeting(
    meeting_id: MeetingId,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Remove a meeting that has no approved minutes and no action items."""
    await service.delete_meeting(session, principal, meeting_id, if_match)
    return Response(status_code=204)


@router.put("/{meeting_id}/participants", response_model=MeetingOut, responses=WRITE)
async def set_participants(
    meeting_id: MeetingId,
    body: MeetingParticipantsIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Who is invited, and after the meeting who was present, excused or absent."""
    meeting = await service.set_participants(
        session, principal, meeting_id, body.participants, if_match
    )
    return await _out(session, response, meeting)


@router.post(
    "/{meeting_id}/agenda-items", status_code=201, response_model=MeetingOut, responses=WRITE
)
async def add_agenda_item(
    meeting_id: MeetingId,
    body: AgendaItemCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Add an item at the end of the agenda."""
    meeting = await agenda.add_agenda_item(session, principal, meeting_id, body, if_match)
    return await _out(session, response, meeting)


@router.patch("/{meeting_id}/agenda-items/{item_id}", response_model=MeetingOut, responses=WRITE)
async def update_agenda_item(
    meeting_id: MeetingId,
    item_id: ItemId,
    body: AgendaItemUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Change an agenda item, write its minutes or move it."""
    meeting = await agenda.update_agenda_item(
        session, principal, meeting_id, item_id, body, if_match
    )
    return await _out(session, response, meeting)


@router.delete("/{meeting_id}/agenda-items/{item_id}", response_model=MeetingOut, responses=WRITE)
async def remove_agenda_item(
    meeting_id: MeetingId,
    item_id: ItemId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Take an item off the agenda; 409 while decisions or action items belong to it."""
    meeting = await agenda.remove_agenda_item(session, principal, meeting_id, item_id, if_match)
    return await _out(session, response, meeting)


@router.post(
    "/{meeting_id}/decisions", status_code=201, response_model=MeetingOut, responses=WRITE
)
async def add_decision(
    meeting_id: MeetingId,
    body: DecisionCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Record a decision under an agenda item, with the vote if there was one."""
    meeting = await decisions.add_decision(session, principal, meeting_id, body, if_match)
    return await _out(session, response, meeting)


@router.patch("/{meeting_id}/decisions/{decision_id}", response_model=MeetingOut, responses=WRITE)
async def update_decision(
    meeting_id: MeetingId,
    decision_id: DecisionId,
    body: DecisionUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Change a decision's text or vote."""
    meeting = await decisions.update_decision(
        session, principal, meeting_id, decision_id, body, if_match
    )
    return await _out(session, response, meeting)


@router.delete("/{meeting_id}/decisions/{decision_id}", response_model=MeetingOut, responses=WRITE)
async def remove_decision(
    meeting_id: MeetingId,
    decision_id: DecisionId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Delete a decision from the draft minutes."""
    meeting = await decisions.remove_decision(
        session, principal, meeting_id, decision_id, if_match
    )
    return await _out(session, response, meeting)


@router.post(
    "/{meeting_id}/action-items", status_code=201, response_model=MeetingOut, responses=WRITE
)
async def add_action_item(
    meeting_id: MeetingId,
    body: ActionItemCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Agree an action item: it becomes a task of its owner (`/tasks`)."""
    meeting = await decisions.add_action_item(session, principal, meeting_id, body, if_match)
    return await _out(session, response, meeting)


@router.post("/{meeting_id}/invitations", response_model=InvitationsOut, responses=WRITE)
async def send_invitations(
    meeting_id: MeetingId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> InvitationsOut:
    """E-mail the invitation with its calendar entry to every participant; again after a
    change, as an update of the same calendar entry."""
    meeting, result = await invitation.send_invitations(session, principal, meeting_id, if_match)
    return await _mailed(session, response, meeting, result)


@router.post("/{meeting_id}/cancel", response_model=InvitationsOut, responses=WRITE)
async def cancel_meeting(
    meeting_id: MeetingId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> InvitationsOut:
    """Call the meeting off before it begins: it becomes read-only, and whoever was sent
    the invitation gets its calendar cancellation; 409 once it has begun."""
    meeting, result = await invitation.cancel_meeting(session, principal, meeting_id, if_match)
    return await _mailed(session, response, meeting, result)


@router.post("/{meeting_id}/minutes/approve", response_model=MeetingOut, responses=WRITE)
async def approve_minutes(
    meeting_id: MeetingId,
    response: Response,
    session: DbSession,
    principal: Caller(P.STEERING_WRITE),
    if_match: IfMatch = None,
) -> MeetingOut:
    """Approve the minutes: the meeting becomes read-only and the participants are told."""
    meeting = await minutes.approve_minutes(session, principal, meeting_id, if_match)
    return await _out(session, response, meeting)
