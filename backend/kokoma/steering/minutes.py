"""The coordinator's approval of a meeting's minutes."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.db import utcnow
from kokoma.errors import Conflict
from kokoma.mail.models import MailKind
from kokoma.steering.invitation import mail_participants
from kokoma.steering.models import MinutesStatus, SteeringMeeting
from kokoma.steering.service import editable, save


async def approve_minutes(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> SteeringMeeting:
    """The coordinator approves the minutes: the meeting becomes read-only and everyone
    invited is told by e-mail (a neutral notice; the minutes stay in KoKoMa)."""
    meeting = await editable(session, principal, meeting_id, if_match)
    if meeting.starts_at > utcnow():
        raise Conflict("Minutes can be approved once the meeting has begun.")
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.approved_at = utcnow()
    meeting.approved_by_id = principal.id if principal.is_user else None
    await mail_participants(session, meeting, MailKind.MINUTES_APPROVED)
    return await save(session, principal, meeting, "approve_minutes", event="minutes_approved")
