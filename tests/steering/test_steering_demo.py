"""Demo steering group: a held meeting with approved minutes, decisions and action items
that are tasks, a cancelled meeting, and a planned meeting whose invitations wait in the
outbox."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.demo.loader import load_demo_data
from kokoma.mail.models import MailKind, MailMessage
from kokoma.municipalities.models import Municipality
from kokoma.steering.models import (
    MeetingStatus,
    MinutesStatus,
    SteeringDecision,
    SteeringMeeting,
)
from kokoma.tasks.models import Task


async def test_a_held_and_a_planned_meeting(db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        wak = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
        meetings = list(
            await session.scalars(
                select(SteeringMeeting)
                .where(SteeringMeeting.municipality_id == wak.id)
                .order_by(SteeringMeeting.starts_at)
            )
        )
        assert [(m.status, m.minutes_status) for m in meetings] == [
            (MeetingStatus.PLANNED, MinutesStatus.APPROVED),
            (MeetingStatus.CANCELLED, MinutesStatus.DRAFT),
            (MeetingStatus.PLANNED, MinutesStatus.DRAFT),
        ]
        held, cancelled, planned = meetings
        assert (
            await session.scalar(
                select(func.count()).where(SteeringDecision.meeting_id == held.id)
            )
            == 2
        )
        assert (
            await session.scalar(
                select(func.count())
                .select_from(Task)
                .where(Task.municipality_id == wak.id, Task.steering_item_id.is_not(None))
            )
            == 3
        )
        assert planned.invitations_sent_at is not None
        invitations = list(
            await session.scalars(
                select(MailMessage).where(
                    MailMessage.municipality_id == wak.id,
                    MailMessage.kind == MailKind.MEETING_INVITATION,
                )
            )
        )
        assert invitations and all(m.calendar for m in invitations)
        # External members without an account are invited too.
        assert any(m.user_id is None for m in invitations)
        # The cancelled meeting leaves the calendars it was sent to.
        cancellations = list(
            await session.scalars(
                select(MailMessage).where(
                    MailMessage.municipality_id == wak.id,
                    MailMessage.kind == MailKind.MEETING_CANCELLED,
                )
            )
        )
        assert cancellations
        assert all("METHOD:CANCEL" in (m.calendar or "") for m in cancellations)
        assert cancelled.invitation_sequence == 1
        # External members got the approved minutes of the held meeting as a PDF.
        minutes = list(
            await session.scalars(
                select(MailMessage).where(
                    MailMessage.municipality_id == wak.id,
                    MailMessage.kind == MailKind.MINUTES_ATTACHED,
                )
            )
        )
        assert minutes and all(m.user_id is None and m.attachment_name for m in minutes)
