"""The coordinator's approval of a meeting's minutes, and the approved minutes as PDF
for the external members.

Users are told by a notice with a link and read the minutes in KoKoMa. External
members have no account: they get the approved minutes as a PDF, marked confidential
on every page. It holds what minutes are for: attendance, the agenda with its
minutes, the decisions with their votes and the action items with owner and due
date; not the internal links of an item (conflict field, crisis plan, statistics),
which they could not open and which may be confidential on their own.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.core.calendar import LOCAL_TIME
from kokoma.core.pdf import ReportPdf
from kokoma.db import utcnow
from kokoma.errors import Conflict
from kokoma.mail.models import MailKind
from kokoma.steering.invitation import mail_participants
from kokoma.steering.models import MinutesStatus, Presence, SteeringMeeting
from kokoma.steering.reading import describe
from kokoma.steering.service import editable, save

MARK = "VERTRAULICH - nur für die Mitglieder der Steuerungsgruppe"
NOTE = (
    "Dieses Protokoll ist vertraulich. Es ist nur für die Mitglieder der "
    "Steuerungsgruppe bestimmt und darf nicht weitergegeben werden. Bitte löschen Sie "
    "es, wenn Sie es nicht mehr benötigen. Es gilt die freigegebene Fassung."
)
ATTENDANCE = {Presence.PRESENT: "Anwesend", Presence.EXCUSED: "Entschuldigt"}


async def approve_minutes(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> SteeringMeeting:
    """The coordinator approves the minutes: the meeting becomes read-only, users who
    were invited get a notice with a link, external members the approved minutes as a
    PDF."""
    meeting = await editable(session, principal, meeting_id, if_match)
    if meeting.starts_at > utcnow():
        raise Conflict("Minutes can be approved once the meeting has begun.")
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.approved_at = utcnow()
    meeting.approved_by_id = principal.id if principal.is_user else None
    approved = minutes_pdf(await describe(session, meeting))
    await mail_participants(
        session,
        meeting,
        MailKind.MINUTES_APPROVED,
        external=(MailKind.MINUTES_ATTACHED, (minutes_file(meeting), approved)),
    )
    return await save(session, principal, meeting, "approve_minutes", event="minutes_approved")


def minutes_file(meeting: SteeringMeeting) -> str:
    day = meeting.starts_at.astimezone(LOCAL_TIME).strftime("%Y-%m-%d")
    return f"protokoll-steuerungsgruppe-{day}.pdf"


def minutes_pdf(meeting: dict[str, Any]) -> bytes:
    """The approved minutes of ``meeting`` (shaped like ``MeetingOut``) as PDF."""
    starts = meeting["starts_at"].astimezone(LOCAL_TIME)
    ends = meeting["ends_at"].astimezone(LOCAL_TIME)
    day = starts.strftime("%d.%m.%Y")
    pdf = ReportPdf(
        f"Protokoll: {meeting['title']}", f"Protokoll der Steuerungsgruppe vom {day}", mark=MARK
    )
    pdf.add_page()
    pdf.heading(f"Protokoll: {meeting['title']}", 15)
    pdf.para(f"{day}, {starts:%H:%M} bis {ends:%H:%M} Uhr")
    pdf.para(meeting["place"] or meeting["video_url"] or "")
    approved_at = meeting["approved_at"].astimezone(LOCAL_TIME).strftime("%d.%m.%Y")
    by = f" von {meeting['approved_by_name']}" if meeting["approved_by_name"] else ""
    pdf.para(f"Freigegeben am {approved_at}{by}.")
    pdf.para(NOTE, bold=True)
    for presence, label in ATTENDANCE.items():
        names = [_person(p) for p in meeting["participants"] if p["status"] is presence]
        if names:
            pdf.para(f"{label}: {', '.join(names)}")
    for number, item in enumerate(meeting["agenda_items"], start=1):
        _item(pdf, number, item)
    return bytes(pdf.output())


def _person(person: dict[str, Any]) -> str:
    organisation = person.get("organisation")
    return f"{person['name']} ({organisation})" if organisation else str(person["name"])


def _item(pdf: ReportPdf, number: int, item: dict[str, Any]) -> None:
    pdf.heading(f"TOP {number}: {item['title']}", 12)
    if item["presenter"]:
        pdf.para(f"Vortrag: {item['presenter']}")
    pdf.para(item["minutes"] or "")
    for decision in item["decisions"]:
        vote = decision["vote"]
        counted = (
            f" (Abstimmung: {vote['yes']} ja, {vote['no']} nein, {vote['abstain']} Enthaltungen)"
            if vote
            else ""
        )
        pdf.para(f"Beschluss: {decision['text']}{counted}", bold=True)
    for action in item["action_items"]:
        owner = f", verantwortlich: {action['owner_name']}" if action["owner_name"] else ""
        pdf.para(f"Aufgabe: {action['title']}{owner}, fällig am {action['due_on']:%d.%m.%Y}")
