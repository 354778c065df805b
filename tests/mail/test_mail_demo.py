"""Demo e-mails: kept unsent (the demo has no SMTP server), readable by administrators;
loading twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.demo.loader import load_demo_data
from kokoma.mail.models import MailMessage, MailStatus


async def test_the_demo_outbox_holds_unsent_messages(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        count = await session.scalar(select(func.count()).select_from(MailMessage))
        await load_demo_data(session, settings)
    async with db() as session:
        assert await session.scalar(select(func.count()).select_from(MailMessage)) == count
        statuses = set(
            await session.scalars(
                select(MailMessage.status).where(MailMessage.to_address.like("%wartburgkreis%"))
            )
        )
    assert statuses == {MailStatus.UNSENT}
