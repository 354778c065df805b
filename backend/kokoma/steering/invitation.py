"""The iCalendar (RFC 5545) event of an invitation to a steering-group meeting.

The UID is the meeting's, so calendars update the event they already hold; SEQUENCE
rises with every invitation sent again after a change. The event names the meeting
neutrally (no agenda texts), its time in UTC, the place or video link, the organiser
and the one recipient as attendee (members do not see each other's addresses).
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from kokoma.db import utcnow

PRODID = "-//KoKoMa//Steuerungsgruppe//DE"
SUMMARY = "Sitzung der Steuerungsgruppe"


def meeting_uid(meeting_id: object) -> str:
    return f"steering-meeting-{meeting_id}@kokoma"


def invitation_ics(
    *,
    meeting_id: object,
    sequence: int,
    starts_at: datetime,
    ends_at: datetime,
    location: str | None,
    url: str | None,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
) -> str:
    """One VEVENT in a VCALENDAR with METHOD:REQUEST; ``organizer`` and ``attendee`` are
    (name, e-mail address)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting_id))
    event.add("sequence", sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", SUMMARY)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
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
