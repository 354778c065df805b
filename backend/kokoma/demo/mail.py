"""Demo e-mails: what the demo's assignments and account changes would have sent. The
demo runs without an SMTP server, so they stay unsent and administrators read them in
the outbox. Idempotent: written only while the outbox is empty."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseAssignment
from kokoma.core.calendar import local_today
from kokoma.mail.models import MailKind, MailMessage, MailStatus
from kokoma.mail.notify import notify
from kokoma.users.models import User


async def load_mail(session: AsyncSession) -> None:
    written = await session.scalar(
        select(func.count())
        .select_from(MailMessage)
        .where(MailMessage.to_address.like("%@wartburgkreis.example"))
    )
    if written:
        return
    made: list[MailMessage | None] = []
    assignments = await session.execute(
        select(Case.id, Case.reference, CaseAssignment.user_id)
        .join(CaseAssignment, CaseAssignment.case_id == Case.id)
        .order_by(Case.created_at.desc())
        .limit(4)
    )
    for case_id, reference, user_id in assignments.all():
        made.append(
            await notify(
                session,
                user_id=user_id,
                kind=MailKind.CASE_ASSIGNED,
                params={"reference": reference},
                link_path=f"/cases/{case_id}",
            )
        )
    due = (local_today() + timedelta(days=3)).strftime("%d.%m.%Y")
    trainer = await session.scalar(
        select(User).where(User.email == "qualifizierung@wartburgkreis.example")
    )
    if trainer is not None:
        made.append(
            await notify(
                session,
                user_id=trainer.id,
                kind=MailKind.TASK_ASSIGNED,
                params={"due_on": due},
                link_path="/tasks",
            )
        )
        made.append(await notify(session, user_id=trainer.id, kind=MailKind.PASSWORD_CHANGED))
    # No SMTP server in the demo: what would have gone out is kept, marked unsent.
    for message in made:
        if message is not None and message.status is MailStatus.PENDING:
            message.status = MailStatus.UNSENT
            message.next_attempt_at = None
    await session.flush()
