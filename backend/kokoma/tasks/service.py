"""Tasks and follow-ups: everyone keeps their own tasks; coordinators see every task of
the municipality, give tasks to others and watch the cases nothing happens on.

Every write is checked against the caller's municipality, versioned (If-Match),
audited and published as a domain event.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.access import get_visible_case, visible_cases
from kokoma.cases.models import Case, CaseStatus, CaseTimelineEntry
from kokoma.consultations.models import Consultation
from kokoma.core.calendar import local_midnight, local_today
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.crisis_plans.models import CrisisPlanActivation
from kokoma.db import utcnow
from kokoma.errors import Forbidden, NotFound, invalid
from kokoma.events.outbox import publish
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.steering.models import SteeringAgendaItem
from kokoma.tasks.models import Task, TaskStatus
from kokoma.tasks.schemas import (
    DueCounts,
    DueGroup,
    StalledCase,
    StalledCaseQuery,
    TaskCreate,
    TaskListQuery,
    TaskOwnerFilter,
    TaskSummary,
    TaskUpdate,
)
from kokoma.users.models import User

# Statuses in which a case is still being worked on.
_ENDED_CASES = (CaseStatus.CLOSED, CaseStatus.REFERRED)


def announce(
    session: AsyncSession, principal: Principal, task: Task, action: str, **details: Any
) -> None:
    """Audit entry and domain event for a change of ``task``."""
    audit.record(
        session,
        f"task.{action}",
        principal=principal,
        target=audit.Target("task", task.id),
        details=details or None,
    )
    publish(
        session,
        municipality_id=task.municipality_id,
        event_type=f"task.{action}d",
        resource_id=task.id,
        data={
            "task_id": str(task.id),
            "owner_id": str(task.owner_id),
            **({"case_id": str(task.case_id)} if task.case_id else {}),
            **details,
        },
    )


def week_end(today: date) -> date:
    """The Sunday of ``today``'s week."""
    return today + timedelta(days=6 - today.weekday())


def due_group(task: Task, today: date | None = None) -> DueGroup | None:
    if task.status is not TaskStatus.OPEN:
        return None
    today = today or local_today()
    if task.due_on < today:
        return DueGroup.OVERDUE
    if task.due_on == today:
        return DueGroup.TODAY
    if task.due_on <= week_end(today):
        return DueGroup.THIS_WEEK
    return DueGroup.LATER


def _sees_all(principal: Principal) -> bool:
    return principal.can(Permission.TASKS_COORDINATE)


def _readable(principal: Principal) -> Any:
    stmt = scoped(Task, principal)
    if not _sees_all(principal):
        stmt = stmt.where(Task.owner_id == principal.id)
    return stmt


async def list_tasks(
    session: AsyncSession, principal: Principal, query: TaskListQuery
) -> tuple[list[Task], str | None]:
    """The caller's tasks (coordinators: anyone's), by due date."""
    stmt = _readable(principal)
    wants_others = query.owner is TaskOwnerFilter.ALL or (
        query.owner_id is not None and query.owner_id != principal.id
    )
    if wants_others and not _sees_all(principal):
        raise Forbidden("Only coordinators see the tasks of others.")
    if query.owner_id is not None:
        stmt = stmt.where(Task.owner_id == query.owner_id)
    elif query.owner is TaskOwnerFilter.MINE:
        stmt = stmt.where(Task.owner_id == principal.id)
    if query.status is not None:
        stmt = stmt.where(Task.status == query.status)
    if query.case_id is not None:
        stmt = stmt.where(Task.case_id == query.case_id)
    if query.due_before is not None:
        stmt = stmt.where(Task.due_on <= query.due_before)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(Task.due_on)],
        id_column=Task.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def describe(session: AsyncSession, tasks: list[Task]) -> list[dict[str, Any]]:
    """Tasks shaped like ``TaskOut``: with owner names and case references."""
    owners = {t.owner_id for t in tasks}
    cases = {t.case_id for t in tasks if t.case_id}
    names: dict[uuid.UUID, str] = {
        row.id: row.full_name
        for row in await session.execute(
            select(User.id, User.full_name).where(User.id.in_(owners))
        )
    }
    references: dict[uuid.UUID, str] = {}
    if cases:
        rows = await session.execute(select(Case.id, Case.reference).where(Case.id.in_(cases)))
        references = {row.id: row.reference for row in rows}
    items = {t.steering_item_id for t in tasks if t.steering_item_id}
    meetings: dict[uuid.UUID, uuid.UUID] = {}
    if items:
        rows = await session.execute(
            select(SteeringAgendaItem.id, SteeringAgendaItem.meeting_id).where(
                SteeringAgendaItem.id.in_(items)
            )
        )
        meetings = {row.id: row.meeting_id for row in rows}
    today = local_today()
    return [
        {
            **{c.key: getattr(t, c.key) for c in Task.__table__.columns},
            "steering_meeting_id": meetings.get(t.steering_item_id)
            if t.steering_item_id
            else None,
            "owner_name": names.get(t.owner_id, ""),
            "case_reference": references.get(t.case_id) if t.case_id else None,
            "due_group": due_group(t, today),
        }
        for t in tasks
    ]


async def get_task(
    session: AsyncSession, principal: Principal, task_id: uuid.UUID, *, for_update: bool = False
) -> Task:
    task = await get_scoped(session, Task, task_id, principal, what="Task", for_update=for_update)
    if task.owner_id != principal.id and not _sees_all(principal):
        # Someone else's task is not found, as in another municipality.
        raise NotFound("Task")
    return task


async def check_owner(session: AsyncSession, principal: Principal, owner_id: uuid.UUID) -> User:
    """The task's owner: an active user of the caller's municipality, else 422."""
    user = await session.scalar(
        scoped(User, principal).where(User.id == owner_id, User.is_active.is_(True))
    )
    if user is None:
        raise invalid(
            "body.owner_id",
            "The owner must be an active user of your municipality.",
            "unknown_owner",
        )
    return user


async def create_task(session: AsyncSession, principal: Principal, data: TaskCreate) -> Task:
    """A task for the caller, or (coordinators) for another user of the municipality."""
    owner_id = data.owner_id or principal.id
    if owner_id != principal.id and not _sees_all(principal):
        raise Forbidden("Only coordinators give tasks to others.")
    if not principal.is_user and data.owner_id is None:
        raise invalid("body.owner_id", "Name the user who does the task.", "missing")
    await check_owner(session, principal, owner_id)
    if data.case_id is not None:
        try:
            await get_visible_case(session, principal, data.case_id)
        except NotFound as exc:
            raise invalid(
                "body.case_id", "The case must be one you can see.", "unknown_case"
            ) from exc
    if data.activation_id is not None:
        found = await session.scalar(
            scoped(CrisisPlanActivation, principal, CrisisPlanActivation.id).where(
                CrisisPlanActivation.id == data.activation_id
            )
        )
        if found is None:
            raise invalid(
                "body.activation_id",
                "The activation must be one of your municipality.",
                "unknown_activation",
            )
    task = Task(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        title=data.title,
        description=data.description,
        owner_id=owner_id,
        due_on=data.due_on,
        case_id=data.case_id,
        activation_id=data.activation_id,
        created_by_id=principal.id if principal.is_user else None,
    )
    session.add(task)
    announce(session, principal, task, "create")
    await tell_owner(session, principal, task)
    await session.commit()
    return task


async def tell_owner(session: AsyncSession, principal: Principal, task: Task) -> None:
    """An e-mail to whoever was given a task by someone else (due date and a link)."""
    if task.owner_id != principal.id:
        await notify(
            session,
            user_id=task.owner_id,
            kind=MailKind.TASK_ASSIGNED,
            params={"due_on": task.due_on.strftime("%d.%m.%Y")},
            link_path="/tasks",
        )


async def update_task(
    session: AsyncSession,
    principal: Principal,
    task_id: uuid.UUID,
    data: TaskUpdate,
    if_match: str | None,
) -> Task:
    """Change, reassign (coordinators), mark done, cancel or reopen a task."""
    task = await get_task(session, principal, task_id, for_update=True)
    check_if_match(if_match, task.version)
    sent = data.model_dump(exclude_unset=True)
    if "owner_id" in sent and sent["owner_id"] != task.owner_id:
        if not _sees_all(principal):
            raise Forbidden("Only coordinators reassign tasks.")
        await check_owner(session, principal, sent["owner_id"])
    if "status" in sent and sent["status"] != task.status:
        task.done_at = utcnow() if sent["status"] is TaskStatus.DONE else None
    changed = sorted(name for name, value in sent.items() if getattr(task, name) != value)
    for name, value in sent.items():
        setattr(task, name, value)
    if "owner_id" in changed:
        await tell_owner(session, principal, task)
    if changed:
        details: dict[str, Any] = {"fields": changed}
        if "status" in changed:
            details["status"] = task.status.value
        announce(session, principal, task, "update", **details)
    await commit_versioned(session)
    return task


async def summary(session: AsyncSession, principal: Principal) -> TaskSummary:
    """Counts for the dashboard: the caller's open tasks by due group, and for
    coordinators the municipality's overdue tasks."""
    today = local_today()
    due = await session.scalars(
        scoped(Task, principal, Task.due_on).where(
            Task.owner_id == principal.id, Task.status == TaskStatus.OPEN
        )
    )
    groups: Counter[str] = Counter()
    for day in due:
        if day < today:
            groups["overdue"] += 1
        elif day == today:
            groups["today"] += 1
        elif day <= week_end(today):
            groups["this_week"] += 1
        else:
            groups["later"] += 1
    overdue_all = None
    if _sees_all(principal):
        overdue_all = await session.scalar(
            scoped(Task, principal, func.count()).where(
                Task.status == TaskStatus.OPEN, Task.due_on < today
            )
        )
    return TaskSummary(
        mine=DueCounts(**{g.value: groups[g.value] for g in DueGroup}),
        municipality_overdue=overdue_all,
    )


def _activity_since(cutoff: datetime) -> ColumnElement[bool]:
    """Anything done on the case since ``cutoff``."""
    return (
        (Case.updated_at >= cutoff)
        | exists().where(
            CaseTimelineEntry.case_id == Case.id, CaseTimelineEntry.occurred_at >= cutoff
        )
        | exists().where(Consultation.case_id == Case.id, Consultation.started_at >= cutoff)
        | exists().where(Task.case_id == Case.id, Task.updated_at >= cutoff)
    )


async def _last_activity(session: AsyncSession, cases: list[Case]) -> dict[uuid.UUID, datetime]:
    ids = [c.id for c in cases]
    latest: dict[uuid.UUID, datetime] = {c.id: c.updated_at for c in cases}
    for column, case_column in (
        (CaseTimelineEntry.occurred_at, CaseTimelineEntry.case_id),
        (Consultation.started_at, Consultation.case_id),
        (Task.updated_at, Task.case_id),
    ):
        rows = await session.execute(
            select(case_column, func.max(column)).where(case_column.in_(ids)).group_by(case_column)
        )
        for case_id, moment in rows.all():
            if moment is not None and _aware(moment) > _aware(latest[case_id]):
                latest[case_id] = moment
    return latest


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def stalled_cases(
    session: AsyncSession, principal: Principal, query: StalledCaseQuery
) -> tuple[list[StalledCase], str | None]:
    """Open cases with no activity for ``inactive_days`` days, the longest-idle first."""
    cutoff = local_midnight(local_today() - timedelta(days=query.inactive_days - 1))
    stmt = visible_cases(principal).where(
        Case.archived.is_(False),
        Case.status.not_in(_ENDED_CASES),
        ~_activity_since(cutoff),
    )
    cases, next_cursor = await paginate(
        session,
        stmt,
        keys=[SortKey(Case.updated_at)],
        id_column=Case.id,
        limit=query.limit,
        cursor=query.cursor,
    )
    latest = await _last_activity(session, cases)
    now = utcnow()
    return [
        StalledCase(
            id=c.id,
            reference=c.reference,
            title=c.title,
            status=c.status.value,
            last_activity_at=latest[c.id],
            inactive_days=(now - _aware(latest[c.id])).days,
        )
        for c in cases
    ], next_cursor
