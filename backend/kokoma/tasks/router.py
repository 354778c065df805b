"""HTTP routes of tasks and follow-ups; the rules live in ``kokoma.tasks.service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.tasks import service
from kokoma.tasks.schemas import (
    StalledCase,
    StalledCaseQuery,
    TaskCreate,
    TaskListQuery,
    TaskOut,
    TaskSummary,
    TaskUpdate,
)

router = APIRouter(prefix="/tasks", tags=["tasks"])


async def _out(session: DbSession, task: object) -> TaskOut:
    [row] = await service.describe(session, [task])  # type: ignore[list-item]
    return TaskOut.model_validate(row)


@router.get("", response_model=Page[TaskOut], responses=problems(400, 403))
async def list_tasks(
    session: DbSession,
    principal: Caller(P.TASKS_READ),
    query: Annotated[TaskListQuery, Query()],
) -> Page[TaskOut]:
    """The caller's open tasks by due date ("My tasks"); coordinators may ask for
    `owner=all` or one user's tasks, and any status."""
    items, next_cursor = await service.list_tasks(session, principal, query)
    rows = await service.describe(session, items)
    return Page(items=[TaskOut.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=TaskOut, responses=problems(403))
async def create_task(
    body: TaskCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.TASKS_WRITE),
) -> TaskOut:
    """A task for oneself, or (coordinators) for another user of the municipality."""
    task = await service.create_task(session, principal, body)
    set_etag(response, task.version)
    return await _out(session, task)


@router.get("/summary", response_model=TaskSummary, responses=problems())
async def task_summary(session: DbSession, principal: Caller(P.TASKS_READ)) -> TaskSummary:
    """Counts for the dashboard: one's own open tasks by due group; for coordinators
    also the overdue tasks of the whole municipality."""
    return await service.summary(session, principal)


@router.get("/stalled-cases", response_model=Page[StalledCase], responses=problems(400))
async def stalled_cases(
    session: DbSession,
    principal: Caller(P.TASKS_COORDINATE),
    query: Annotated[StalledCaseQuery, Query()],
) -> Page[StalledCase]:
    """Cases not closed with no activity (change, timeline entry, consultation or task)
    for `inactive_days` days (30 unless told), the longest-idle first (coordinators)."""
    items, next_cursor = await service.stalled_cases(session, principal, query)
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{task_id}", response_model=TaskOut, responses=problems(404))
async def get_task(
    task_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Caller(P.TASKS_READ),
) -> TaskOut:
    task = await service.get_task(session, principal, task_id)
    set_etag(response, task.version)
    return await _out(session, task)


@router.patch("/{task_id}", response_model=TaskOut, responses=problems(403, 404, 409, 412, 428))
async def update_task(
    task_id: uuid.UUID,
    body: TaskUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.TASKS_WRITE),
    if_match: IfMatch = None,
) -> TaskOut:
    """Change a task, mark it done (`{"status": "done"}`), cancel or reopen it;
    coordinators also hand it to someone else (`owner_id`)."""
    task = await service.update_task(session, principal, task_id, body, if_match)
    set_etag(response, task.version)
    return await _out(session, task)
