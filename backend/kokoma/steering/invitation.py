"""Invitations to a steering-group meeting, its cancellation, and the mail to its
participants.

Every participant is written to: users as they chose, external members at their
contact address. An invitation carries an iCalendar (RFC 5545) event
(``kokoma.mail.invitation``). Its UID is the meeting's, so calendars update the event
they already hold; SEQUENCE rises with every invitation sent again after a change. A
cancellation is the same event with METHOD:CANCEL and a raised SEQUENCE (RFC 5546), so
calendars remove it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.core.calendar import local_day
from kokoma.db import utcnow
from kokoma.errors import Conflict
from kokoma.mail.invitation import invitation_ics
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify, notify_address
from kokoma.settings import get_settings
from kokoma.steering.members import participant_rows
from kokoma.steering.models import MeetingStatus, SteeringMeeting
from kokoma.steering.service import editable, save
from kokoma.users.models import User

# The calendar entry's neutral title (German, as the meetings are held).
CALENDAR_SUMMARY = "Sitzung der Steuerungsgruppe"


def meeting_path(meeting_id: object) -> str:
    """The meeting's page in the web UI, relative to the public URL."""
    return f"/steering/{meeting_id}"


# An invitation's calendar event for one recipient: (name, address, with the link to
# the meeting's page, which only users can open).
CalendarFor = Callable[[str, str, bool], str]


async def mail_participants(
    session: AsyncSession,
    meeting: SteeringMeeting,
    kind: MailKind,
    *,
    calendar: CalendarFor | None = None,
    external: tuple[MailKind, tuple[str, bytes]] | None = None,
) -> dict[str, Any]:
    """E-mail every participant of ``meeting``: users as they chose (with a link to the
    meeting), external members at their contact address; ``external`` gives them another
    kind of message with a PDF (file name, content) instead, as they cannot sign in to
    read what users open by the link. Says how many of each were written to and which
    external members have no address."""
    contact_kind, attachment = external if external else (kind, None)
    day = {"day": local_day(meeting.starts_at).strftime("%d.%m.%Y")}
    result: dict[str, Any] = {"users": 0, "contacts": 0, "without_address": []}
    for _, user, contact in await participant_rows(session, meeting.id):
        if user is not None:
            message = await notify(
                session,
                user_id=user.id,
                kind=kind,
                params=day,
                link_path=meeting_path(meeting.id),
                calendar=calendar(user.full_name, user.email, True) if calendar else None,
            )
            result["users"] += message is not None
        elif contact is not None and contact.email:
            notify_address(
                session,
                municipality_id=meeting.municipality_id,
                to_address=contact.email,
                kind=contact_kind,
                language="de",
                params=day,
                calendar=calendar(contact.name, contact.email, False) if calendar else None,
                attachment=attachment,
            )
            result["contacts"] += 1
        elif contact is not None:
            result["without_address"].append(contact.name)
    return result


async def _calendar_for(
    session: AsyncSession, principal: Principal, meeting: SteeringMeeting, *, cancelled: bool
) -> CalendarFor:
    """The meeting's event as it stands (its current SEQUENCE), per recipient; the
    organiser is the coordinator who sends it."""
    organizer = await session.get(User, principal.id) if principal.is_user else None
    sender = (
        (organizer.full_name, organizer.email) if organizer else ("KoKoMa", "kokoma@localhost")
    )
    url = f"{get_settings().public_base}{meeting_path(meeting.id)}"

    def ics(name: str, email: str, with_link: bool) -> str:
        return invitation_ics(
            uid=f"steering-meeting-{meeting.id}@kokoma",
            summary=CALENDAR_SUMMARY,
            sequence=meeting.invitation_sequence,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            location=meeting.place or meeting.video_url,
            url=url if with_link else meeting.video_url,
            organizer=sender,
            attendee=(name, email),
            cancelled=cancelled,
        )

    return ics


async def send_invitations(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> tuple[SteeringMeeting, dict[str, Any]]:
    """E-mail every participant an invitation with the iCalendar event: users as they
    chose, external members at their contact address. Sending again (after a change)
    keeps the event's UID and raises its SEQUENCE."""
    meeting = await editable(session, principal, meeting_id, if_match)
    if meeting.ends_at <= utcnow():
        raise Conflict("The meeting is over; invitations are no longer sent.")
    if meeting.invitations_sent_at is not None:
        meeting.invitation_sequence += 1
    calendar = await _calendar_for(session, principal, meeting, cancelled=False)
    result = await mail_participants(
        session, meeting, MailKind.MEETING_INVITATION, calendar=calendar
    )
    meeting.invitations_sent_at = utcnow()
    meeting.invitations_outdated = False
    return meeting, await _save_mailed(session, principal, meeting, result, "invite")


async def cancel_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> tuple[SteeringMeeting, dict[str, Any]]:
    """Call the meeting off before it begins; it becomes read-only. If invitations went
    out, every participant is sent the cancellation of the calendar event (same UID,
    raised SEQUENCE) so that calendars remove it; a meeting nobody was invited to yet
    is called off without mail."""
    meeting = await editable(session, principal, meeting_id, if_match)
    if meeting.starts_at <= utcnow():
        raise Conflict("The meeting has begun; it can no longer be cancelled.")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = utcnow()
    meeting.invitations_outdated = False
    result: dict[str, Any] = {"users": 0, "contacts": 0, "without_address": []}
    if meeting.invitations_sent_at is not None:
        meeting.invitation_sequence += 1
        calendar = await _calendar_for(session, principal, meeting, cancelled=True)
        result = await mail_participants(
            session, meeting, MailKind.MEETING_CANCELLED, calendar=calendar
        )
    return meeting, await _save_mailed(session, principal, meeting, result, "cancel")


_EVENTS = {"invite": "invitations_sent", "cancel": "cancelled"}


async def _save_mailed(
    session: AsyncSession,
    principal: Principal,
    meeting: SteeringMeeting,
    result: dict[str, Any],
    action: str,
) -> dict[str, Any]:
    """Save the meeting after its participants were written to; audit and event say
    which SEQUENCE went out and to how many."""
    await save(
        session,
        principal,
        meeting,
        action,
        event=_EVENTS[action],
        sequence=meeting.invitation_sequence,
        users=result["users"],
        contacts=result["contacts"],
    )
    return {**result, "sequence": meeting.invitation_sequence}
