"""The seam through which a case keeps its follow-up task (*Wiedervorlage*) in step with
its follow-up date: setting the date creates the task, moving it moves the task,
removing it cancels the task. Called by the cases service within its transaction."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.tasks.models import Task, TaskKind, TaskStatus
from kokoma.tasks.service import announce
from kokoma.users.models import User


def follow_up_title(reference: str) -> str:
    return f"Wiedervorlage {reference}"


async def _is_active_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(User.id).where(
            User.id == user_id,
            User.municipality_id == principal.municipality_id,
            User.is_active.is_(True),
        )
    )
    return found is not None


def _owner(
    principal: Principal, assignee_ids: list[uuid.UUID], created_by: uuid.UUID | None
) -> uuid.UUID | None:
    """Whoever set the date if they work on the case, else its first assignee."""
    if principal.is_user and (principal.id in assignee_ids or not assignee_ids):
        return principal.id
    if assignee_ids:
        return assignee_ids[0]
    return created_by


async def sync_follow_up(
    session: AsyncSession,
    principal: Principal,
    *,
    case_id: uuid.UUID,
    reference: str,
    follow_up_date: date | None,
    assignee_ids: list[uuid.UUID],
    created_by_id: uuid.UUID | None,
) -> Task | None:
    """Create, move or cancel the case's open follow-up task to match ``follow_up_date``."""
    task = await session.scalar(
        select(Task).where(
            Task.municipality_id == principal.municipality_id,
            Task.case_id == case_id,
            Task.kind == TaskKind.CASE_FOLLOW_UP,
            Task.status == TaskStatus.OPEN,
        )
    )
    if follow_up_date is None:
        if task is not None:
            task.status = TaskStatus.CANCELLED
            announce(session, principal, task, "update", fields=["status"], reason="follow_up")
        return task
    if task is not None:
        if task.due_on != follow_up_date:
            task.due_on = follow_up_date
            announce(session, principal, task, "update", fields=["due_on"], reason="follow_up")
        return task
    owner_id = _owner(principal, assignee_ids, created_by_id)
    # A case opened by an API client has no person to remind: no task then.
    if owner_id is None or not await _is_active_user(session, principal, owner_id):
        return None
    task = Task(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        title=follow_up_title(reference),
        kind=TaskKind.CASE_FOLLOW_UP,
        owner_id=owner_id,
        due_on=follow_up_date,
        case_id=case_id,
        created_by_id=principal.id if principal.is_user else None,
    )
    session.add(task)
    announce(session, principal, task, "create", reason="follow_up")
    return task
