"""The iCalendar (RFC 5545) event of an invitation to a meeting (a steering-group
meeting, a peer session), attached to the invitation e-mail.

The UID is the meeting's, so calendars update the event they already hold; SEQUENCE
rises with every invitation sent again after a change. The event names the meeting
neutrally (no agenda texts or case contents), its time in UTC, the place or video
link, the organiser and the one recipient as attendee (invitees do not see each
other's addresses). A cancellation is the same event with METHOD:CANCEL and
STATUS:CANCELLED, so calendars remove it.
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from kokoma.db import utcnow

PRODID = "-//KoKoMa//Einladung//DE"


def invitation_ics(
    *,
    uid: str,
    summary: str,
    sequence: int,
    starts_at: datetime,
    ends_at: datetime,
    location: str | None,
    url: str | None,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    cancelled: bool = False,
) -> str:
    """One VEVENT in a VCALENDAR with METHOD:REQUEST, or METHOD:CANCEL if ``cancelled``;
    ``uid`` names the meeting for good (``kind-id@kokoma``), ``organizer`` and
    ``attendee`` are (name, e-mail address)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _address(*organizer))
    person = _address(*attendee)
    person.params["ROLE"] = vText("REQ-PARTICIPANT")
    person.params["PARTSTAT"] = vText("NEEDS-ACTION")
    person.params["RSVP"] = vText("FALSE")
    event.add("attendee", person)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _address(name: str, email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address
