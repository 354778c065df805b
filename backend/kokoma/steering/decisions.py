"""Decisions taken under an agenda item (with the vote, if there was one) and the
action items agreed there, which become tasks of their owners."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.errors import NotFound, invalid
from kokoma.steering.agenda import find_item
from kokoma.steering.models import SteeringDecision, SteeringMeeting
from kokoma.steering.schemas import ActionItemCreate, DecisionCreate, DecisionUpdate
from kokoma.steering.service import editable, save
from kokoma.tasks.actions import add_action_item as add_task_for_item


def _set_vote(decision: SteeringDecision, vote: dict[str, int] | None) -> None:
    decision.votes_yes = vote["yes"] if vote else None
    decision.votes_no = vote["no"] if vote else None
    decision.votes_abstain = vote["abstain"] if vote else None


async def add_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: DecisionCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """Record a decision under an agenda item, with the vote if there was one."""
    meeting = await editable(session, principal, meeting_id, if_match)
    item = await find_item(session, meeting, data.agenda_item_id, field="body.agenda_item_id")
    decision = SteeringDecision(
        id=uuid.uuid4(), meeting_id=meeting.id, agenda_item_id=item.id, text=data.text
    )
    _set_vote(decision, data.vote.model_dump() if data.vote else None)
    session.add(decision)
    return await save(
        session,
        principal,
        meeting,
        "decision_create",
        part=_part(decision),
        event="decision_recorded",
    )


async def _decision(
    session: AsyncSession, meeting: SteeringMeeting, decision_id: uuid.UUID
) -> SteeringDecision:
    decision = await session.scalar(
        select(SteeringDecision).where(
            SteeringDecision.id == decision_id, SteeringDecision.meeting_id == meeting.id
        )
    )
    if decision is None:
        raise NotFound("Decision")
    return decision


def _part(decision: SteeringDecision) -> audit.Target:
    """The part of the meeting a change is about, in the audit log."""
    return audit.Target("steering_decision", decision.id)


async def update_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    data: DecisionUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change a decision's text or vote."""
    meeting = await editable(session, principal, meeting_id, if_match)
    decision = await _decision(session, meeting, decision_id)
    sent = data.model_dump(exclude_unset=True)
    if "text" in sent:
        decision.text = sent["text"]
    if "vote" in sent:
        _set_vote(decision, sent["vote"])
    return await save(
        session,
        principal,
        meeting,
        "decision_update",
        part=_part(decision),
        fields=sorted(sent),
    )


async def remove_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    if_match: str | None,
) -> SteeringMeeting:
    """Delete a decision from draft minutes; its action items stay on the agenda item."""
    meeting = await editable(session, principal, meeting_id, if_match)
    decision = await _decision(session, meeting, decision_id)
    await session.delete(decision)
    return await save(
        session,
        principal,
        meeting,
        "decision_delete",
        part=_part(decision),
    )


async def add_action_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: ActionItemCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """An action item agreed under an agenda item: a task for a user of the municipality
    (422 otherwise, or for an agenda item that was removed)."""
    meeting = await editable(session, principal, meeting_id, if_match)
    item = await find_item(session, meeting, data.agenda_item_id, field="body.agenda_item_id")
    if data.decision_id is not None:
        decision = await session.scalar(
            select(SteeringDecision).where(
                SteeringDecision.id == data.decision_id,
                SteeringDecision.agenda_item_id == item.id,
            )
        )
        if decision is None:
            raise invalid(
                "body.decision_id",
                "The decision must be one taken under this agenda item.",
                "unknown_decision",
            )
    task = await add_task_for_item(
        session,
        principal,
        title=data.title,
        description=data.description,
        owner_id=data.owner_id,
        due_on=data.due_on,
        steering_item_id=item.id,
        steering_decision_id=data.decision_id,
    )
    return await save(
        session,
        principal,
        meeting,
        "action_item_create",
        part=audit.Target("task", task.id),
        event="action_item_added",
    )
