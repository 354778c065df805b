"""Delivering the e-mail outbox, on the shared background machinery
(``kokoma.core.background``), the way webhook deliveries are delivered:

1. claim: take due messages with a conditional UPDATE that leases them to this worker
   (of several concurrent workers exactly one wins each row);
2. send them concurrently, each in its own SMTP conversation with a timeout;
3. record every attempt (the delivery log) and schedule a retry with exponential
   backoff, or give up after the last attempt.

Without an SMTP server configured nothing is sent: due messages are marked `unsent`
and stay readable for administrators. The same loop runs the daily jobs
(``kokoma.mail.jobs``) under leader election.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import undefer

from kokoma.core.background import retry_delay, run_forever, running
from kokoma.db import Database, utcnow
from kokoma.mail import jobs
from kokoma.mail.models import MailAttempt, MailMessage, MailStatus
from kokoma.mail.smtp import SmtpServer, compose, send, server_of
from kokoma.mail.texts import render
from kokoma.settings import Settings
from kokoma.users.models import User

log = logging.getLogger("kokoma.mail")
Sessionmaker = async_sessionmaker[AsyncSession]
Sender = Callable[[Settings, SmtpServer, EmailMessage], Awaitable[None]]


@dataclass(frozen=True)
class _Job:
    message_id: uuid.UUID
    number: int
    email: EmailMessage


@dataclass(frozen=True)
class _Outcome:
    job: _Job
    attempted_at: datetime
    error: str | None
    duration_ms: int


@dataclass(frozen=True)
class MailReport:
    attempts: int
    sent: int
    held: int

    @property
    def busy(self) -> bool:
        return self.attempts > 0


def rendered_message(settings: Settings, message: MailMessage, name: str | None) -> Any:
    """The message's text and HTML. Someone without an account (an external member of
    the steering group, the sender of a request for help) is greeted by address."""
    link = f"{settings.public_base}{message.link_path}" if message.link_path else None
    lines = message.params.get("lines") if isinstance(message.params, dict) else None
    return render(
        kind=message.kind.value,
        language=message.language,
        subject=message.subject,
        name=name or message.to_address,
        params=message.params,
        link=link,
        lines=lines,
    )


async def _hold(sessionmaker: Sessionmaker) -> int:
    """No SMTP server: due messages become `unsent`, readable by administrators."""
    async with sessionmaker() as session:
        held = list(
            await session.scalars(
                update(MailMessage)
                .where(MailMessage.status == MailStatus.PENDING)
                .values(status=MailStatus.UNSENT, next_attempt_at=None)
                .returning(MailMessage.id)
                .execution_options(synchronize_session=False)
            )
        )
        await session.commit()
    return len(held)


async def _claim(sessionmaker: Sessionmaker, settings: Settings) -> list[_Job]:
    async with sessionmaker() as session:
        now = utcnow()
        due = (MailMessage.status == MailStatus.PENDING, MailMessage.next_attempt_at <= now)
        ids = list(
            await session.scalars(
                select(MailMessage.id)
                .where(*due)
                .order_by(MailMessage.next_attempt_at)
                .limit(settings.mail_batch_size)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            await session.rollback()
            return []
        lease_end = now + timedelta(seconds=4 * settings.smtp_timeout_seconds + 30)
        claimed = list(
            await session.scalars(
                update(MailMessage)
                .where(MailMessage.id.in_(ids), *due)
                .values(next_attempt_at=lease_end, attempt_count=MailMessage.attempt_count + 1)
                .returning(MailMessage.id)
                .execution_options(synchronize_session=False)
            )
        )
        rows = (
            await session.execute(
                select(MailMessage, User.full_name)
                .outerjoin(User, User.id == MailMessage.user_id)
                .where(MailMessage.id.in_(claimed))
                .options(undefer(MailMessage.attachment))
                .execution_options(populate_existing=True)
            )
        ).all()
        await session.commit()
    return [
        _Job(
            message_id=message.id,
            number=message.attempt_count,
            email=compose(
                settings,
                message.to_address,
                rendered_message(settings, message, name),
                message.calendar,
                (message.attachment_name, message.attachment)
                if message.attachment_name and message.attachment
                else None,
            ),
        )
        for message, name in rows
    ]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | aiosmtplib.SMTPTimeoutError):
        return "The SMTP server did not answer in time."
    return f"{exc.__class__.__name__}: {exc}"[:300]


async def _attempt(settings: Settings, server: SmtpServer, sender: Sender, job: _Job) -> _Outcome:
    attempted_at = utcnow()
    started = time.monotonic()
    error: str | None = None
    try:
        async with asyncio.timeout(settings.smtp_timeout_seconds * 2):
            await sender(settings, server, job.email)
    except (TimeoutError, aiosmtplib.SMTPException, OSError) as exc:
        error = _describe(exc)
    return _Outcome(job, attempted_at, error, int((time.monotonic() - started) * 1000))


def _next_state(settings: Settings, outcome: _Outcome) -> dict[str, Any]:
    now = utcnow()
    if outcome.error is None:
        return {
            "status": MailStatus.SENT,
            "sent_at": now,
            "next_attempt_at": None,
            "attachment": None,
        }
    if outcome.job.number >= settings.mail_max_attempts:
        return {"status": MailStatus.FAILED, "next_attempt_at": None}
    delay = retry_delay(settings.mail_retry_base_seconds, outcome.job.number)
    return {"next_attempt_at": now + timedelta(seconds=delay)}


async def _record(
    sessionmaker: Sessionmaker, settings: Settings, outcomes: Sequence[_Outcome]
) -> None:
    async with sessionmaker() as session:
        for outcome in outcomes:
            await session.execute(
                update(MailMessage)
                .where(MailMessage.id == outcome.job.message_id)
                .values(**_next_state(settings, outcome))
                .execution_options(synchronize_session=False)
            )
            session.add(
                MailAttempt(
                    message_id=outcome.job.message_id,
                    number=outcome.job.number,
                    attempted_at=outcome.attempted_at,
                    error=outcome.error,
                    duration_ms=outcome.duration_ms,
                )
            )
        await session.commit()


async def deliver_once(
    sessionmaker: Sessionmaker, settings: Settings, sender: Sender = send
) -> MailReport:
    """One round: send every due message, or hold them when no server is configured."""
    server = server_of(settings)
    if server is None:
        return MailReport(attempts=0, sent=0, held=await _hold(sessionmaker))
    jobs_ = await _claim(sessionmaker, settings)
    if not jobs_:
        return MailReport(attempts=0, sent=0, held=0)
    outcomes = await asyncio.gather(*(_attempt(settings, server, sender, j) for j in jobs_))
    await _record(sessionmaker, settings, outcomes)
    sent = sum(1 for outcome in outcomes if outcome.error is None)
    return MailReport(attempts=len(outcomes), sent=sent, held=0)


async def run_mail_worker(sessionmaker: Sessionmaker, settings: Settings) -> None:
    """Deliver forever; once a minute look whether a daily job is due."""
    last_jobs_check = 0.0

    async def one_round() -> bool:
        nonlocal last_jobs_check
        if time.monotonic() - last_jobs_check >= 60:
            last_jobs_check = time.monotonic()
            await jobs.run_due_jobs(sessionmaker, settings)
        return (await deliver_once(sessionmaker, settings)).busy

    await run_forever("mail_delivery", one_round, settings.mail_poll_seconds, log)


@contextlib.asynccontextmanager
async def mail_worker_running(database: Database, settings: Settings) -> AsyncIterator[None]:
    """Run the e-mail worker for the lifetime of the app, unless switched off."""
    if not settings.mail_worker_enabled:
        yield
        return
    async with running(run_mail_worker(database.sessionmaker, settings)):
        yield
