"""Scheduled work: once a day (from ``KOKOMA_MAIL_DIGEST_HOUR``, German time) the
reminder of tasks due tomorrow and overdue, and then each user's digest of what they
chose to receive that way. Run inside the server under leader election, or by an
operator's cron as ``kokoma jobs run-once``; either way once per day (``JobRun``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kokoma.core.calendar import LOCAL_TIME, local_today
from kokoma.core.leader import leadership
from kokoma.db import utcnow
from kokoma.mail.models import JobRun, MailKind, MailMessage, MailStatus
from kokoma.mail.notify import notify
from kokoma.mail.texts import subject_of
from kokoma.settings import Settings
from kokoma.tasks.models import Task, TaskStatus

Sessionmaker = async_sessionmaker[AsyncSession]


async def remind_due_tasks(session: AsyncSession, day: date) -> int:
    """One reminder per user with open tasks overdue or due tomorrow."""
    tomorrow = day + timedelta(days=1)
    counts: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    due = await session.execute(
        select(Task.owner_id, Task.due_on).where(
            Task.status == TaskStatus.OPEN, Task.due_on <= tomorrow, Task.due_on != day
        )
    )
    for owner_id, due_on in due.all():
        counts[owner_id][0 if due_on < day else 1] += 1
    made = 0
    for owner_id, (overdue, due_tomorrow) in counts.items():
        message = await notify(
            session,
            user_id=owner_id,
            kind=MailKind.TASKS_DUE,
            params={"overdue": overdue, "tomorrow": due_tomorrow},
            link_path="/tasks",
        )
        made += message is not None
    return made


async def send_digests(session: AsyncSession, day: date) -> int:
    """Collect each user's waiting messages into one digest."""
    waiting = list(
        await session.scalars(
            select(MailMessage)
            .where(MailMessage.status == MailStatus.IN_DIGEST)
            .order_by(MailMessage.user_id, MailMessage.created_at)
        )
    )
    by_user: dict[uuid.UUID | None, list[MailMessage]] = defaultdict(list)
    for message in waiting:
        by_user[message.user_id].append(message)
    made = 0
    for user_id, messages in by_user.items():
        first = messages[0]
        for message in messages:
            message.status = MailStatus.DIGESTED
        if user_id is None:
            continue
        session.add(
            MailMessage(
                id=uuid.uuid4(),
                municipality_id=first.municipality_id,
                user_id=user_id,
                to_address=first.to_address,
                kind=MailKind.DIGEST,
                language=first.language,
                subject=_digest_subject(first.language, day),
                params={"day": day.strftime("%d.%m.%Y"), "lines": [m.subject for m in messages]},
                link_path="/tasks",
            )
        )
        made += 1
    return made


def _digest_subject(language: str, day: date) -> str:
    return subject_of(MailKind.DIGEST.value, language, {"day": day.strftime("%d.%m.%Y")})


async def daily_mail(session: AsyncSession, day: date) -> None:
    await remind_due_tasks(session, day)
    await session.flush()
    await send_digests(session, day)


DAILY_JOBS: dict[str, Callable[[AsyncSession, date], Awaitable[None]]] = {
    "daily_mail": daily_mail,
}


async def run_due_jobs(
    sessionmaker: Sessionmaker,
    settings: Settings,
    *,
    now: datetime | None = None,
    ignore_hour: bool = False,
) -> list[str]:
    """Run each daily job not yet done today, if this process leads; returns those run."""
    moment = (now or utcnow()).astimezone(LOCAL_TIME)
    if not ignore_hour and moment.hour < settings.mail_digest_hour:
        return []
    day = moment.date() if now else local_today()
    done: list[str] = []
    for name, job in DAILY_JOBS.items():
        async with sessionmaker() as session:
            async with leadership(session, settings, f"job:{name}") as leader:
                if not leader:
                    await session.rollback()
                    continue
                if await session.get(JobRun, (name, day.isoformat())) is not None:
                    await session.rollback()
                    continue
                session.add(JobRun(name=name, day=day.isoformat()))
                try:
                    await session.flush()
                except IntegrityError:  # another instance got there first
                    await session.rollback()
                    continue
                await job(session, day)
                await session.commit()
                done.append(name)
    # Messages just written are delivered by the next delivery round.
    return done
