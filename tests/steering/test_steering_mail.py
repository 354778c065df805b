"""Invitations, cancellations and approved minutes go out by e-mail to a real SMTP
server: users as they chose, external members at their contact address; invitations
carry an iCalendar event that an updated invitation replaces and a cancellation removes
(same UID, higher SEQUENCE); nothing of the agenda or the minutes is in the messages'
texts. External members, who cannot sign in, get the approved minutes as a PDF."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from icalendar import Calendar
from sqlalchemy import select, update

from kokoma.core.calendar import local_day
from kokoma.mail.models import MailMessage, MailStatus
from kokoma.mail.worker import deliver_once
from kokoma.settings import Settings
from tests.annual_reports.test_annual_report_versions import pdf_text
from tests.mail.smtp_server import smtp_server
from tests.mail.test_mail import mail_settings
from tests.steering.helpers import MEETINGS, item_with_minutes, make_meeting, write
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
    meeting, _ = await item_with_minutes(
        client, t, meeting, "Bürgerdialog", "Vertrauliche Einschätzung zur Lage in Dippach"
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


async def _outbox(client: Any, t: Any, kind: str) -> list[dict[str, Any]]:
    """The messages of ``kind`` in the municipality's outbox, as administrators read them."""
    listed = await client.get("/api/v1/mail/messages", headers=t.headers("admin"))
    assert listed.status_code == 200, listed.text
    details = []
    for message in listed.json()["items"]:
        if message["kind"] == kind:
            detail = await client.get(
                f"/api/v1/mail/messages/{message['id']}", headers=t.headers("admin")
            )
            assert detail.status_code == 200, detail.text
            details.append(detail.json())
    return details


async def test_a_cancelled_meeting_leaves_every_invited_calendar(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    police = "u.kramer@polizei.example"
    await make_contact(
        client, t, given_name="Uwe", family_name="Kramer", steering_group_member=True, email=police
    )
    member = t.user("steering_group")
    meeting = await make_meeting(client, t, start=72, title="Sitzung zum Windpark Dippach")
    sent = await write(client, t, meeting, "POST", "/invitations")
    # Moved: the invitations go out again as an update of the same event.
    moved = await write(
        client, t, sent["meeting"], "PATCH", "", {"place": "Rathaus Dippach, Ratssaal"}
    )
    assert moved["invitations_outdated"]
    again = await write(client, t, moved, "POST", "/invitations")
    assert again["sequence"] == 1
    for request in await _outbox(client, t, "meeting_invitation"):
        calendar = Calendar.from_ical(request["calendar"])
        assert str(calendar["METHOD"]) == "REQUEST"

    cancelled = await write(client, t, again["meeting"], "POST", "/cancel")
    assert (cancelled["users"], cancelled["contacts"], cancelled["sequence"]) == (1, 1, 2)
    meeting = cancelled["meeting"]
    assert meeting["status"] == "cancelled" and meeting["cancelled_at"]
    assert meeting["invitation_sequence"] == 2

    # In the outbox: the cancellation of the same event, with a higher SEQUENCE.
    uid = f"steering-meeting-{meeting['id']}@kokoma"
    messages = await _outbox(client, t, "meeting_cancelled")
    assert sorted(m["to_address"] for m in messages) == sorted([member.email, police])
    for message in messages:
        assert message["has_calendar"] and "Windpark" not in message["subject"]
        calendar = Calendar.from_ical(message["calendar"])
        assert str(calendar["METHOD"]) == "CANCEL"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
        assert str(event["STATUS"]) == "CANCELLED"
        assert "Windpark" not in message["calendar"]

    # And as it arrives: a text/calendar part with method CANCEL that calendars act on.
    with smtp_server() as (inbox, url):
        await deliver_for(db, mail_settings(settings, url), t.id)
    cancellations = [m for m in inbox.received if "Absage" in m["Subject"]]
    assert sorted(m["To"] for m in cancellations) == sorted([member.email, police])
    for received in cancellations:
        [part] = [
            p for p in received.iter_attachments() if p.get_content_type() == "text/calendar"
        ]
        assert part.get_param("method") == "CANCEL"
        event = event_of(received)
        assert str(event["UID"]) == uid and str(event["STATUS"]) == "CANCELLED"
        assert "findet nicht statt" in plain(received)

    # A cancelled meeting is read-only and no longer the next one; it can be removed.
    for method, path in (("PATCH", ""), ("POST", "/invitations"), ("POST", "/cancel")):
        refused = await client.request(
            method,
            f"{MEETINGS}/{meeting['id']}{path}",
            json={"title": "x"} if method == "PATCH" else None,
            headers={**t.headers("coordinator"), "If-Match": f'"{meeting["version"]}"'},
        )
        assert refused.status_code == 409, (method, path)
        assert refused.json()["detail"] == (
            "Die Sitzung ist abgesagt; sie kann nicht mehr geändert werden."
        )
    overview = await client.get(f"{MEETINGS}/overview", headers=t.headers("steering_group"))
    assert overview.json()["next_meeting"] is None
    removed = await client.delete(
        f"{MEETINGS}/{meeting['id']}",
        headers={**t.headers("coordinator"), "If-Match": f'"{meeting["version"]}"'},
    )
    assert removed.status_code == 204


async def test_cancelling_needs_the_etag_and_a_meeting_not_yet_begun(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    planned = await make_meeting(client, t, start=24)
    path = f"{MEETINGS}/{planned['id']}/cancel"
    assert (await client.post(path, headers=t.headers("coordinator"))).status_code == 428
    stale = {**t.headers("coordinator"), "If-Match": '"999"'}
    assert (await client.post(path, headers=stale)).status_code == 412
    assert (await client.post(path, headers=t.headers("steering_group"))).status_code == 403
    # Nobody was invited yet: called off without mail.
    quiet = await write(client, t, planned, "POST", "/cancel")
    assert (quiet["users"], quiet["contacts"], quiet["sequence"]) == (0, 0, 0)
    assert await _outbox(client, t, "meeting_cancelled") == []

    running = await make_meeting(client, t, start=-1)
    refused = await client.post(
        f"{MEETINGS}/{running['id']}/cancel",
        headers={**t.headers("coordinator"), "If-Match": f'"{running["version"]}"'},
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Die Sitzung hat begonnen; sie kann nicht mehr abgesagt werden."
    )


async def test_external_members_get_the_approved_minutes_as_a_confidential_pdf(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    police = "u.kramer@polizei.example"
    contact = await make_contact(
        client,
        t,
        given_name="Uwe",
        family_name="Kramer",
        steering_group_member=True,
        email=police,
    )
    member = t.user("steering_group")
    meeting = await make_meeting(client, t, start=-2, title="Sitzung Juni")
    meeting, item = await item_with_minutes(
        client, t, meeting, "Windpark Dippach", "Die Lage wurde vorgestellt."
    )
    meeting = await write(
        client,
        t,
        meeting,
        "POST",
        "/decisions",
        {
            "agenda_item_id": item["id"],
            "text": "Runder Tisch im Herbst",
            "vote": {"yes": 6, "no": 0, "abstain": 1},
        },
        status=201,
    )
    meeting = await write(
        client,
        t,
        meeting,
        "PUT",
        "/participants",
        {
            "participants": [
                {"user_id": str(member.id), "status": "present"},
                {"contact_id": contact["id"], "status": "excused"},
            ]
        },
    )
    await write(client, t, meeting, "POST", "/minutes/approve")

    # Administrators see that a PDF goes out, not what it says.
    [queued] = await _outbox(client, t, "minutes_attached")
    assert queued["to_address"] == police and queued["attachment_name"].endswith(".pdf")
    assert "vertraulich" in queued["text"]
    [notice] = await _outbox(client, t, "minutes_approved")
    assert notice["to_address"] == member.email and notice["attachment_name"] is None

    with smtp_server() as (inbox, url):
        await deliver_for(db, mail_settings(settings, url), t.id)
    to_police = next(m for m in inbox.received if m["To"] == police)
    assert to_police["Subject"].startswith("KoKoMa: Protokoll der Sitzung vom")
    assert "Dippach" not in to_police["Subject"] and "Dippach" not in plain(to_police)
    assert "/steering/" not in plain(to_police)
    [pdf] = [p for p in to_police.iter_attachments() if p.get_content_type() == "application/pdf"]
    text = pdf_text(pdf.get_content())
    for expected in (
        "VERTRAULICH",
        "Sitzung Juni",
        "TOP 1: Windpark Dippach",
        "Die Lage wurde vorgestellt.",
        "Beschluss: Runder Tisch im Herbst (Abstimmung: 6 ja, 0 nein, 1 Enthaltungen)",
        f"Anwesend: {member.full_name}",
        "Entschuldigt: Uwe Kramer",
        "nicht weitergegeben",
    ):
        assert expected in " ".join(text.split()), expected
    # Users open the minutes in KoKoMa: a notice with the link, no PDF.
    to_member = next(m for m in inbox.received if m["To"] == member.email)
    assert f"/steering/{meeting['id']}" in plain(to_member)
    assert list(to_member.iter_attachments()) == []
    # Delivered: the outbox keeps no copy of the minutes.
    async with db() as session:
        kept = await session.scalar(
            select(MailMessage.attachment).where(MailMessage.id == uuid.UUID(queued["id"]))
        )
    assert kept is None
