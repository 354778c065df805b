"""The meeting as the API shows it (agenda with minutes, decisions, action items and
participants) and the steering group's overview (next meeting, open action items)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.core.calendar import local_today
from kokoma.core.tenancy import scoped
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.db import utcnow
from kokoma.district_analysis.models import ConflictField
from kokoma.steering.agenda import active_items
from kokoma.steering.members import participants
from kokoma.steering.models import (
    MeetingStatus,
    SteeringAgendaItem,
    SteeringDecision,
    SteeringMeeting,
)
from kokoma.tasks.models import Task, TaskStatus
from kokoma.users.models import User

OVERVIEW_ACTION_ITEMS = 20


async def _names(session: AsyncSession, model: Any, column: Any, ids: set[Any]) -> dict[Any, str]:
    ids.discard(None)
    if not ids:
        return {}
    rows = await session.execute(select(model.id, column).where(model.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


async def _action_items(session: AsyncSession, tasks: list[Task]) -> list[dict[str, Any]]:
    items = await _names(
        session,
        SteeringAgendaItem,
        SteeringAgendaItem.meeting_id,
        {t.steering_item_id for t in tasks},
    )
    owners = await _names(session, User, User.full_name, {t.owner_id for t in tasks})
    return [
        {
            "task_id": t.id,
            "meeting_id": items[t.steering_item_id],
            "agenda_item_id": t.steering_item_id,
            "decision_id": t.steering_decision_id,
            "title": t.title,
            "owner_id": t.owner_id,
            "owner_name": owners.get(t.owner_id, ""),
            "due_on": t.due_on,
            "status": t.status,
        }
        for t in tasks
        if t.steering_item_id in items
    ]


async def describe(session: AsyncSession, meeting: SteeringMeeting) -> dict[str, Any]:
    """The meeting shaped like ``MeetingOut``: agenda with minutes, decisions and action
    items, and the participants."""
    items = await active_items(session, meeting.id)
    item_ids = [i.id for i in items]
    decisions: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for d in await session.scalars(
        select(SteeringDecision)
        .where(SteeringDecision.agenda_item_id.in_(item_ids))
        .order_by(SteeringDecision.created_at, SteeringDecision.id)
    ):
        vote = (
            {"yes": d.votes_yes, "no": d.votes_no, "abstain": d.votes_abstain}
            if d.votes_yes is not None
            else None
        )
        decisions[d.agenda_item_id].append(
            {"id": d.id, "agenda_item_id": d.agenda_item_id, "text": d.text, "vote": vote}
        )
    tasks = list(
        await session.scalars(
            select(Task).where(Task.steering_item_id.in_(item_ids)).order_by(Task.due_on, Task.id)
        )
    )
    actions: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for action in await _action_items(session, tasks):
        actions[action["agenda_item_id"]].append(action)
    fields = await _names(
        session, ConflictField, ConflictField.name, {i.conflict_field_id for i in items}
    )
    plans = await _names(session, CrisisPlan, CrisisPlan.title, {i.crisis_plan_id for i in items})

    def ref(names: dict[Any, str], ref_id: uuid.UUID | None) -> dict[str, Any] | None:
        return {"id": ref_id, "name": names[ref_id]} if ref_id in names else None

    agenda = [
        {
            "id": i.id,
            "position": n,
            "title": i.title,
            "presenter": i.presenter,
            "conflict_field": ref(fields, i.conflict_field_id),
            "crisis_plan": ref(plans, i.crisis_plan_id),
            "statistics_from": i.statistics_from,
            "statistics_to": i.statistics_to,
            "minutes": i.minutes,
            "decisions": decisions[i.id],
            "action_items": actions[i.id],
        }
        for n, i in enumerate(items)
    ]
    approved_by = await _names(session, User, User.full_name, {meeting.approved_by_id})
    return {
        **{c.key: getattr(meeting, c.key) for c in SteeringMeeting.__table__.columns},
        "approved_by_name": approved_by.get(meeting.approved_by_id),
        "agenda_items": agenda,
        "participants": await participants(session, meeting.id),
    }


async def overview(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    """The next meeting (not a cancelled one) and the open action items of all meetings."""
    next_meeting = await session.scalar(
        scoped(SteeringMeeting, principal)
        .where(SteeringMeeting.ends_at > utcnow(), SteeringMeeting.status == MeetingStatus.PLANNED)
        .order_by(SteeringMeeting.starts_at, SteeringMeeting.id)
        .limit(1)
    )
    open_items = scoped(Task, principal).where(
        Task.steering_item_id.is_not(None), Task.status == TaskStatus.OPEN
    )
    total = await session.scalar(open_items.with_only_columns(func.count()).order_by(None))
    overdue = await session.scalar(
        open_items.with_only_columns(func.count()).where(Task.due_on < local_today())
    )
    tasks = list(
        await session.scalars(
            open_items.order_by(Task.due_on, Task.id).limit(OVERVIEW_ACTION_ITEMS)
        )
    )
    return {
        "next_meeting": next_meeting,
        "open_action_items": await _action_items(session, tasks),
        "open_action_items_total": total or 0,
        "overdue_action_items": overdue or 0,
    }
