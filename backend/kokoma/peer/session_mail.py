"""Invitations to a peer session: an e-mail to every participant with the session as
an iCalendar event, written to the outbox with the change that causes it. The mail
names only the day and links to the session; the event names the method, never the
case."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.core.calendar import local_day
from kokoma.mail.invitation import invitation_ics
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.peer.models import PeerSession, PeerSessionRole, SessionRole
from kokoma.settings import get_settings
from kokoma.users.models import User

# The calendar entry's neutral title (German, as the sessions are held).
CALENDAR_SUMMARY = "Kollegiale Fallberatung"


def session_path(session_id: object) -> str:
    """The session's page in the web UI, relative to the public URL."""
    return f"/peer/sessions/{session_id}"


async def invite(session: AsyncSession, peer_session: PeerSession, group_name: str) -> int:
    """Invite every participant (again after a change of time or link: the calendar
    updates its entry, whose sequence the caller raised); returns how many messages
    went to the outbox."""
    people = list(
        await session.execute(
            select(User, PeerSessionRole.role)
            .join(PeerSessionRole, PeerSessionRole.user_id == User.id)
            .where(PeerSessionRole.session_id == peer_session.id)
        )
    )
    moderator = next((u for u, role in people if role is SessionRole.MODERATOR), None)
    organizer = (
        (moderator.full_name, moderator.email) if moderator else ("KoKoMa", "kokoma@localhost")
    )
    link = session_path(peer_session.id)
    url = f"{get_settings().public_base}{link}"
    day = {"day": local_day(peer_session.starts_at).strftime("%d.%m.%Y")}
    sent = 0
    for user, _ in people:
        message = await notify(
            session,
            user_id=user.id,
            kind=MailKind.MEETING_INVITATION,
            params=day,
            link_path=link,
            calendar=invitation_ics(
                uid=f"peer-session-{peer_session.id}@kokoma",
                summary=f"{CALENDAR_SUMMARY}: {group_name}",
                sequence=peer_session.invitation_sequence,
                starts_at=peer_session.starts_at,
                ends_at=peer_session.starts_at + timedelta(minutes=peer_session.duration_minutes),
                location=peer_session.video_link,
                url=url,
                organizer=organizer,
                attendee=(user.full_name, user.email),
            ),
        )
        sent += message is not None
    return sent
