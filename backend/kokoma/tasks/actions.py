"""The seam through which another domain gives someone a task within its own
transaction: the action items agreed in a steering-group meeting. The owner must be
an active user of the municipality (422 otherwise), the task is audited and announced
like any other, and the owner is told by e-mail."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.tasks.models import Task
from kokoma.tasks.service import announce, check_owner, tell_owner


async def add_action_item(
    session: AsyncSession,
    principal: Principal,
    *,
    title: str,
    description: str | None,
    owner_id: uuid.UUID,
    due_on: date,
    steering_item_id: uuid.UUID,
    steering_decision_id: uuid.UUID | None,
) -> Task:
    """A task for ``owner_id`` that belongs to a steering-group agenda item (and
    decision); added to the session, not committed. A due date in the past is allowed."""
    await check_owner(session, principal, owner_id)
    task = Task(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        title=title,
        description=description,
        owner_id=owner_id,
        due_on=due_on,
        steering_item_id=steering_item_id,
        steering_decision_id=steering_decision_id,
        created_by_id=principal.id if principal.is_user else None,
    )
    session.add(task)
    announce(session, principal, task, "create", reason="steering")
    await tell_owner(session, principal, task)
    return task
