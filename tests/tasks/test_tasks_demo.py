"""Demo tasks: every demo user who keeps tasks has some, and every open case with a
follow-up date has its follow-up task; loading twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.cases.models import Case
from kokoma.demo.loader import load_demo_data
from kokoma.tasks.models import Task, TaskKind
from kokoma.users.models import User


async def test_demo_users_have_tasks_and_cases_their_follow_ups(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        count = await session.scalar(select(func.count()).select_from(Task))
        await load_demo_data(session, settings)
    async with db() as session:
        assert await session.scalar(select(func.count()).select_from(Task)) == count
        demo = await session.scalars(select(User).where(User.email.like("%wartburgkreis%")))
        owners = set(await session.scalars(select(Task.owner_id)))
        assert all(u.id in owners for u in demo)
        follow_ups = set(
            await session.scalars(select(Task.case_id).where(Task.kind == TaskKind.CASE_FOLLOW_UP))
        )
        assert follow_ups
        with_date = await session.scalars(
            select(Case.id).where(Case.follow_up_date.is_not(None), Case.archived.is_(False))
        )
        assert len(follow_ups) >= len(list(with_date)) // 2
