"""The agenda of a meeting: items in order, each with what it is about (a conflict
field, a crisis plan or a period of the statistics) and its minutes. Removed items are
kept so that nothing can hang on them any more."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.tenancy import scoped
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.db import utcnow
from kokoma.district_analysis.models import ConflictField
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.steering.models import SteeringAgendaItem, SteeringDecision, SteeringMeeting
from kokoma.steering.schemas import AgendaItemCreate, AgendaItemUpdate
from kokoma.steering.service import editable, save
from kokoma.tasks.models import Task, TaskStatus


async def _check_links(
    session: AsyncSession, principal: Principal, values: dict[str, Any]
) -> None:
    field_id = values.get("conflict_field_id")
    if field_id is not None and not await session.scalar(
        scoped(ConflictField, principal, ConflictField.id).where(ConflictField.id == field_id)
    ):
        raise invalid(
            "body.conflict_field_id",
            "The conflict field must be one of your municipality.",
            "unknown_conflict_field",
        )
    plan_id = values.get("crisis_plan_id")
    if plan_id is not None and not await session.scalar(
        scoped(CrisisPlan, principal, CrisisPlan.id).where(
            CrisisPlan.id == plan_id, CrisisPlan.training_series_id.is_(None)
        )
    ):
        raise invalid(
            "body.crisis_plan_id",
            "The crisis plan must be one of your municipality.",
            "unknown_crisis_plan",
        )
    first, last = values.get("statistics_from"), values.get("statistics_to")
    if (first is None) != (last is None):
        raise invalid(
            "body.statistics_to", "Give both ends of the statistics period.", "incomplete_period"
        )
    if first is not None and last is not None and last < first:
        raise invalid(
            "body.statistics_to", "The statistics period must end after it starts.", "bad_period"
        )


async def active_items(session: AsyncSession, meeting_id: uuid.UUID) -> list[SteeringAgendaItem]:
    """The meeting's agenda in order, without removed items."""
    return list(
        await session.scalars(
            select(SteeringAgendaItem)
            .where(
                SteeringAgendaItem.meeting_id == meeting_id,
                SteeringAgendaItem.removed_at.is_(None),
            )
            .order_by(SteeringAgendaItem.position, SteeringAgendaItem.id)
        )
    )


def _part(item: SteeringAgendaItem) -> audit.Target:
    """The part of the meeting a change is about, in the audit log."""
    return audit.Target("steering_agenda_item", item.id)


async def find_item(
    session: AsyncSession, meeting: SteeringMeeting, item_id: uuid.UUID, *, field: str | None
) -> SteeringAgendaItem:
    """An agenda item of ``meeting`` that was not removed: 404 in a path, 422 in a body."""
    item = await session.scalar(
        select(SteeringAgendaItem).where(
            SteeringAgendaItem.id == item_id,
            SteeringAgendaItem.meeting_id == meeting.id,
            SteeringAgendaItem.removed_at.is_(None),
        )
    )
    if item is None:
        if field is None:
            raise NotFound("Agenda item")
        raise invalid(
            field, "The agenda item is not on this meeting's agenda.", "unknown_agenda_item"
        )
    return item


async def add_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: AgendaItemCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """Add an item at the end of the agenda."""
    meeting = await editable(session, principal, meeting_id, if_match)
    values = data.model_dump()
    await _check_links(session, principal, values)
    last = await session.scalar(
        select(func.max(SteeringAgendaItem.position)).where(
            SteeringAgendaItem.meeting_id == meeting.id
        )
    )
    item = SteeringAgendaItem(
        id=uuid.uuid4(), meeting_id=meeting.id, position=0 if last is None else last + 1, **values
    )
    session.add(item)
    return await save(
        session,
        principal,
        meeting,
        "agenda_item_create",
        part=_part(item),
    )


def _move(items: list[SteeringAgendaItem], item: SteeringAgendaItem, position: int) -> None:
    order = [i for i in items if i.id != item.id]
    order.insert(min(position, len(order)), item)
    for n, each in enumerate(order):
        each.position = n


async def update_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    item_id: uuid.UUID,
    data: AgendaItemUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change an item, write its minutes, or move it to another place in the agenda."""
    meeting = await editable(session, principal, meeting_id, if_match)
    item = await find_item(session, meeting, item_id, field=None)
    sent = data.model_dump(exclude_unset=True)
    merged = {
        name: sent.get(name, getattr(item, name))
        for name in ("conflict_field_id", "crisis_plan_id", "statistics_from", "statistics_to")
    }
    await _check_links(session, principal, merged)
    position = sent.pop("position", None)
    changed = sorted(name for name, value in sent.items() if getattr(item, name) != value)
    for name in changed:
        setattr(item, name, sent[name])
    if position is not None:
        _move(await active_items(session, meeting.id), item, position)
        changed.append("position")
    return await save(
        session,
        principal,
        meeting,
        "agenda_item_update",
        part=_part(item),
        fields=changed,
    )


async def remove_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    item_id: uuid.UUID,
    if_match: str | None,
) -> SteeringMeeting:
    """Take an item off the agenda; 409 while decisions or action items hang on it."""
    meeting = await editable(session, principal, meeting_id, if_match)
    item = await find_item(session, meeting, item_id, field=None)
    decided = await session.scalar(
        select(func.count()).where(SteeringDecision.agenda_item_id == item.id)
    )
    tasks = await session.scalar(
        select(func.count()).where(
            Task.steering_item_id == item.id, Task.status != TaskStatus.CANCELLED
        )
    )
    if decided or tasks:
        raise Conflict(
            "Decisions or action items belong to this agenda item; remove or cancel them first."
        )
    item.removed_at = utcnow()
    _move(await active_items(session, meeting.id), item, 10_000)
    return await save(
        session,
        principal,
        meeting,
        "agenda_item_delete",
        part=_part(item),
    )
