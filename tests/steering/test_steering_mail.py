"""Invitations and approved minutes go out by e-mail to a real SMTP server: users as they
chose, external members at their contact address; invitations carry an iCalendar event
that an updated invitation replaces (same UID, higher SEQUENCE); nothing of the agenda
or the minutes is in the messages."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from icalendar import Calendar
from sqlalchemy import update

from kokoma.core.calendar import local_day
from kokoma.mail.models import MailMessage, MailStatus
from kokoma.mail.worker import deliver_once
from kokoma.settings import Settings
from tests.mail.smtp_server import smtp_server
from tests.mail.test_mail import mail_settings
from tests.steering.helpers import MEETINGS, make_meeting, write
from tests.support import make_contact


async def deliver_for(db: Any, settings: Settings, municipality_id: uuid.UUID) -> None:
    """Deliver the waiting messages of one municipality; other tests' are set aside."""
    async with db() as session:
        await session.execute(
            update(MailMessage)
            .where(
                MailMessage.status == MailStatus.PENDING,
                MailMessage.municipality_id != municipality_id,
            )
            .values(status=MailStatus.UNSENT)
        )
        await session.commit()
    while (await deliver_once(db, settings)).busy:
        pass


def event_of(message: EmailMessage) -> Any:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
    return event


def plain(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


async def test_invitations_carry_a_calendar_entry_that_updates_keep(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    await make_contact(
        client,
        t,
        given_name="Uwe",
        family_name="Kramer",
        actor_group="police",
        steering_group_member=True,
        email="u.kramer@polizei.example",
    )
    await make_contact(
        client, t, given_name="Ohne", family_name="Adresse", steering_group_member=True
    )
    member = t.user("steering_group")
    meeting = await make_meeting(client, t, start=48, title="Sitzung zum Windpark Dippach")
    meeting = await write(
        client, t, meeting, "POST", "/agenda-items", {"title": "Windpark Dippach"}, status=201
    )
    sent = await write(client, t, meeting, "POST", "/invitations")
    assert (sent["users"], sent["contacts"], sent["sequence"]) == (1, 1, 0)
    assert sent["without_address"] == ["Ohne Adresse"]
    meeting = sent["meeting"]
    assert meeting["invitations_sent_at"] and not meeting["invitations_outdated"]

    with smtp_server() as (inbox, url):
        configured = mail_settings(settings, url)
        await deliver_for(db, configured, t.id)
        assert sorted(r for [r] in inbox.recipients) == sorted(
            [member.email, "u.kramer@polizei.example"]
        )
        starts = datetime.fromisoformat(meeting["starts_at"])
        ends = datetime.fromisoformat(meeting["ends_at"])
        for message in inbox.received:
            day = local_day(starts).strftime("%d.%m.%Y")
            assert message["Subject"] == f"KoKoMa: Einladung zum Termin am {day}"
            assert "Windpark" not in message["Subject"] and "Windpark" not in plain(message)
            event = event_of(message)
            assert event["UID"] == f"steering-meeting-{meeting['id']}@kokoma"
            assert event.decoded("DTSTART") == starts and event.decoded("DTEND") == ends
            assert int(event["SEQUENCE"]) == 0
            assert "Windpark" not in event.to_ical().decode()
            [attendee] = [str(event["ATTENDEE"])]
            assert attendee == f"mailto:{inbox.recipients[inbox.received.index(message)][0]}"
        to_member = next(m for m in inbox.received if m["To"] == member.email)
        assert f"https://kokoma.test/steering/{meeting['id']}" in plain(to_member)
        first_uid = event_of(to_member)["UID"]

        # Moved by an hour: the invitations are outdated until sent again.
        moved = await write(
            client,
            t,
            meeting,
            "PATCH",
            "",
            {"starts_at": meeting["ends_at"], "ends_at": _later(meeting["ends_at"], 2)},
        )
        assert moved["invitations_outdated"]
        again = await write(client, t, moved, "POST", "/invitations")
        assert again["sequence"] == 1 and not again["meeting"]["invitations_outdated"]
        inbox.received.clear()
        inbox.recipients.clear()
        await deliver_for(db, configured, t.id)
        assert len(inbox.received) == 2
        for message in inbox.received:
            event = event_of(message)
            assert event["UID"] == first_uid and int(event["SEQUENCE"]) == 1
            assert event.decoded("DTSTART") == datetime.fromisoformat(moved["starts_at"])


def _later(moment: str, hours: int) -> str:
    return (datetime.fromisoformat(moment) + timedelta(hours=hours)).isoformat()


async def test_members_choices_are_respected_and_minutes_are_announced(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    member = t.user("steering_group")
    await make_contact(
        client,
        t,
        given_name="Sabine",
        family_name="Lorenz",
        actor_group="administration",
        steering_group_member=True,
        email="s.lorenz@landratsamt.example",
    )
    # The member switched invitations off.
    me = await client.get("/api/v1/mail/preferences", headers=t.headers("steering_group"))
    assert me.status_code == 200, me.text
    choice = await client.put(
        "/api/v1/mail/preferences",
        json={"language": "de", "deliveries": {"meeting_invitation": "off"}},
        headers={**t.headers("steering_group"), "If-Match": me.headers["ETag"]},
    )
    assert choice.status_code == 200, choice.text
    meeting = await make_meeting(client, t, start=-1)
    sent = await write(client, t, meeting, "POST", "/invitations")
    assert (sent["users"], sent["contacts"]) == (0, 1)
    meeting = sent["meeting"]
    meeting = await write(
        client, t, meeting, "POST", "/agenda-items", {"title": "Bürgerdialog"}, status=201
    )
    item = meeting["agenda_items"][0]
    meeting = await write(
        client,
        t,
        meeting,
        "PATCH",
        f"/agenda-items/{item['id']}",
        {"minutes": "Vertrauliche Einschätzung zur Lage in Dippach"},
    )
    await write(client, t, meeting, "POST", "/minutes/approve")

    with smtp_server() as (inbox, url):
        await deliver_for(db, mail_settings(settings, url), t.id)
    # The member gets the minutes but had switched the invitation off.
    assert [m["To"] for m in inbox.received].count(member.email) == 1
    minutes = [m for m in inbox.received if "Protokoll" in m["Subject"]]
    assert sorted(m["To"] for m in minutes) == sorted(
        [member.email, "s.lorenz@landratsamt.example"]
    )
    for message in minutes:
        assert message["Subject"].startswith("KoKoMa: Protokoll der Sitzung vom")
        assert "Dippach" not in plain(message) and "Bürgerdialog" not in plain(message)
    member_copy = next(m for m in minutes if m["To"] == member.email)
    assert f"/steering/{meeting['id']}" in plain(member_copy)
    assert (
        await client.get(f"{MEETINGS}/{meeting['id']}", headers=t.headers("steering_group"))
    ).json()["minutes_status"] == "approved"


async def test_people_without_an_account_are_greeted_by_their_address(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    address = "u.kramer@polizei.example"
    await make_contact(
        client,
        t,
        given_name="Uwe",
        family_name="Kramer",
        steering_group_member=True,
        email=address,
    )
    member = t.user("steering_group")
    await write(client, t, await make_meeting(client, t, start=48), "POST", "/invitations")
    greetings = {address: f"Guten Tag {address},", member.email: f"Guten Tag {member.full_name},"}

    # As administrators read the message before it goes out ...
    listed = await client.get("/api/v1/mail/messages", headers=t.headers("admin"))
    assert listed.status_code == 200, listed.text
    for message in listed.json()["items"]:
        detail = await client.get(
            f"/api/v1/mail/messages/{message['id']}", headers=t.headers("admin")
        )
        text = detail.json()["text"]
        assert text.splitlines()[0] == greetings[message["to_address"]]
        assert "None" not in text

    # ... and as it arrives.
    with smtp_server() as (inbox, url):
        await deliver_for(db, mail_settings(settings, url), t.id)
        assert len(inbox.received) == 2
        for received in inbox.received:
            assert plain(received).splitlines()[0] == greetings[received["To"]]
