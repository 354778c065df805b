"""Demo tasks: the follow-up task of every open case with a follow-up date, and a few
tasks for every demo user who keeps tasks, some overdue, some due today, some later.
Idempotent: a follow-up task is recognised by its case, a task by owner and title."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission, permissions_for_role
from kokoma.cases.models import Case, CaseAssignment
from kokoma.core.calendar import local_today
from kokoma.tasks.followups import follow_up_title
from kokoma.tasks.models import Task, TaskKind, TaskStatus
from kokoma.users.models import User

# (title, days from today, done)
CHORES = [
    ("Rückmeldung an das Ordnungsamt geben", -4, False),
    ("Protokoll der Fallbesprechung verschicken", 0, False),
    ("Raum für den Runden Tisch reservieren", 2, False),
    ("Jahresplanung mit der Koordination abstimmen", 21, False),
    ("Kontaktliste des Netzwerks prüfen", -12, True),
]


async def _follow_ups(session: AsyncSession) -> None:
    have = set(
        await session.scalars(select(Task.case_id).where(Task.kind == TaskKind.CASE_FOLLOW_UP))
    )
    cases = await session.execute(
        select(Case, CaseAssignment.user_id)
        .join(CaseAssignment, CaseAssignment.case_id == Case.id)
        .where(Case.follow_up_date.is_not(None), Case.archived.is_(False))
        .order_by(Case.id, CaseAssignment.user_id)
    )
    for case, user_id in cases.all():
        if case.id in have or case.follow_up_date is None:
            continue
        have.add(case.id)
        session.add(
            Task(
                id=uuid.uuid4(),
                municipality_id=case.municipality_id,
                title=follow_up_title(case.reference),
                kind=TaskKind.CASE_FOLLOW_UP,
                owner_id=user_id,
                due_on=case.follow_up_date,
                case_id=case.id,
            )
        )


async def _chores(session: AsyncSession) -> None:
    today = local_today()
    have = set((await session.execute(select(Task.owner_id, Task.title))).tuples().all())
    for user in await session.scalars(select(User).where(User.is_active.is_(True))):
        if Permission.TASKS_WRITE not in permissions_for_role(user.role):
            continue
        for title, offset, done in CHORES:
            if (user.id, title) in have:
                continue
            session.add(
                Task(
                    id=uuid.uuid4(),
                    municipality_id=user.municipality_id,
                    title=title,
                    owner_id=user.id,
                    due_on=today + timedelta(days=offset),
                    status=TaskStatus.DONE if done else TaskStatus.OPEN,
                    created_by_id=user.id,
                )
            )


async def load_tasks(session: AsyncSession) -> None:
    await _follow_ups(session)
    await _chores(session)
    await session.flush()
