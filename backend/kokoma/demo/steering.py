"""Demo steering group of the Wartburgkreis: a meeting held six weeks ago with its
attendance, minutes, decisions and action items (tasks of the team), approved by the
coordinator (its minutes as PDF for the external members in the outbox); a special
meeting called off after its invitations went out; and the next meeting in three weeks
with its agenda and the invitations in the outbox (unsent, as the demo runs without an
SMTP server).

Made through the steering service as the demo coordinator would, so every rule holds.
Idempotent: nothing is added while the Wartburgkreis has a meeting.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import permissions_for_role
from kokoma.access.principal import Principal
from kokoma.core.calendar import LOCAL_TIME, local_today
from kokoma.crisis_plans.models import CrisisPlan, PlanStatus
from kokoma.district_analysis.models import ConflictField
from kokoma.mail.models import MailMessage, MailStatus
from kokoma.municipalities.models import Municipality
from kokoma.steering import service
from kokoma.steering.agenda import add_agenda_item, update_agenda_item
from kokoma.steering.decisions import add_action_item, add_decision
from kokoma.steering.invitation import cancel_meeting, send_invitations
from kokoma.steering.minutes import approve_minutes
from kokoma.steering.models import Presence, SteeringMeeting
from kokoma.steering.reading import describe
from kokoma.steering.schemas import (
    ActionItemCreate,
    AgendaItemCreate,
    AgendaItemUpdate,
    DecisionCreate,
    DecisionVoteIn,
    MeetingCreate,
    MeetingParticipantIn,
)
from kokoma.users.models import User

ANY = "*"  # the demo changes what it has just made; no one else writes meanwhile


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LOCAL_TIME)


async def _coordinator(session: AsyncSession, municipality: Municipality) -> Principal | None:
    user = await session.scalar(
        select(User).where(User.email == "koordination@wartburgkreis.example")
    )
    if user is None or user.municipality_id != municipality.id:
        return None
    return Principal(
        id=user.id,
        kind="user",
        municipality_id=municipality.id,
        label=user.email,
        role=user.role,
        permissions=permissions_for_role(user.role),
    )


async def _user(session: AsyncSession, email: str) -> uuid.UUID:
    found = await session.scalar(select(User.id).where(User.email == email))
    assert found is not None, email
    return found


async def _held(session: AsyncSession, coordinator: Principal, today: date) -> None:
    day = today - timedelta(weeks=6)
    field = await session.scalar(
        select(ConflictField)
        .where(ConflictField.municipality_id == coordinator.municipality_id)
        .order_by(ConflictField.name)
    )
    plan = await session.scalar(
        select(CrisisPlan).where(
            CrisisPlan.municipality_id == coordinator.municipality_id,
            CrisisPlan.status == PlanStatus.ADOPTED,
            CrisisPlan.training_series_id.is_(None),
        )
    )
    meeting = await service.create_meeting(
        session,
        coordinator,
        MeetingCreate(
            title=f"Sitzung der Steuerungsgruppe {day:%m/%Y}",
            starts_at=_at(day, 15),
            ends_at=_at(day, 17),
            place="Landratsamt Bad Salzungen, Raum 204",
        ),
    )
    agenda = [
        AgendaItemCreate(
            title="Lagebild der Konfliktfelder im Kreis",
            presenter="Anna Schulze",
            conflict_field_id=field.id if field else None,
        ),
        AgendaItemCreate(
            title="Krisenpräventionsplan: Stand der Überprüfung",
            presenter="Thomas Berger",
            crisis_plan_id=plan.id if plan else None,
        ),
        AgendaItemCreate(
            title=f"Fallzahlen {day.year - 1}",
            presenter="Thomas Berger",
            # A whole calendar year: the steering group reads the statistics by year.
            statistics_from=date(day.year - 1, 1, 1),
            statistics_to=date(day.year - 1, 12, 31),
        ),
    ]
    for item in agenda:
        meeting = await add_agenda_item(session, coordinator, meeting.id, item, ANY)
    items = [i["id"] for i in (await describe(session, meeting))["agenda_items"]]
    minutes = [
        "Frau Schulze stellt die Entwicklung der Konfliktfelder vor. Die Lage um die "
        "Windkraftplanung hat sich verschärft; die Gesprächsangebote werden angenommen.",
        "Die jährliche Überprüfung des Plans steht an. Die Alarmkette ist nach dem "
        "Personalwechsel in der Polizeiinspektion zu aktualisieren.",
        "Die Koordination stellt die Fallzahlen des Vorjahres vor; kleine Zahlen werden "
        "wie in der Statistik nicht ausgewiesen.",
    ]
    for item_id, text in zip(items, minutes, strict=True):
        meeting = await update_agenda_item(
            session, coordinator, meeting.id, item_id, AgendaItemUpdate(minutes=text), ANY
        )
    meeting = await add_decision(
        session,
        coordinator,
        meeting.id,
        DecisionCreate(
            agenda_item_id=items[0],
            text="Die Steuerungsgruppe unterstützt einen Runden Tisch zur Windkraftplanung "
            "unter neutraler Moderation.",
            vote=DecisionVoteIn(yes=8, no=0, abstain=1),
        ),
        ANY,
    )
    meeting = await add_decision(
        session,
        coordinator,
        meeting.id,
        DecisionCreate(
            agenda_item_id=items[1],
            text="Die Überprüfung des Krisenpräventionsplans wird bis zur nächsten Sitzung "
            "abgeschlossen.",
        ),
        ANY,
    )
    described = await describe(session, meeting)
    decisions = [d["id"] for i in described["agenda_items"] for d in i["decisions"]]
    actions = [
        (items[0], decisions[0], "Runden Tisch Windkraft vorbereiten", "konfliktmanagement", 14),
        (items[1], decisions[1], "Alarmkette des Krisenplans aktualisieren", "koordination", -3),
        (items[2], None, "Jahreszahlen an den Landkreis senden", "m.keller", 21),
    ]
    for item_id, decision_id, title, mailbox, offset in actions:
        meeting = await add_action_item(
            session,
            coordinator,
            meeting.id,
            ActionItemCreate(
                agenda_item_id=item_id,
                decision_id=decision_id,
                title=title,
                owner_id=await _user(session, f"{mailbox}@wartburgkreis.example"),
                due_on=today + timedelta(days=offset),
            ),
            ANY,
        )
    attendance = [
        MeetingParticipantIn(user_id=p["user_id"], contact_id=p["contact_id"], status=status)
        for n, p in enumerate(described["participants"])
        for status in [Presence.EXCUSED if n % 4 == 3 else Presence.PRESENT]
    ]
    attendance.append(
        MeetingParticipantIn(
            user_id=await _user(session, "konfliktmanagement@wartburgkreis.example"),
            status=Presence.PRESENT,
        )
    )
    meeting = await service.set_participants(session, coordinator, meeting.id, attendance, ANY)
    await approve_minutes(session, coordinator, meeting.id, ANY)


async def _planned(session: AsyncSession, coordinator: Principal, today: date) -> None:
    day = today + timedelta(weeks=3)
    meeting = await service.create_meeting(
        session,
        coordinator,
        MeetingCreate(
            title=f"Sitzung der Steuerungsgruppe {day:%m/%Y}",
            starts_at=_at(day, 15),
            ends_at=_at(day, 17),
            place="Landratsamt Bad Salzungen, Raum 204",
            video_url="https://video.wartburgkreis.example/steuerungsgruppe",
        ),
    )
    for title, presenter in (
        ("Bericht aus den Aufgaben der letzten Sitzung", "Thomas Berger"),
        ("Runder Tisch Windkraft: Ergebnisse", "Anna Schulze"),
        ("Sachbericht an den Fördermittelgeber", "Thomas Berger"),
    ):
        meeting = await add_agenda_item(
            session,
            coordinator,
            meeting.id,
            AgendaItemCreate(title=title, presenter=presenter),
            ANY,
        )
    await send_invitations(session, coordinator, meeting.id, ANY)


async def _cancelled(session: AsyncSession, coordinator: Principal, today: date) -> None:
    day = today + timedelta(days=10)
    meeting = await service.create_meeting(
        session,
        coordinator,
        MeetingCreate(
            title="Sondersitzung Windkraft",
            starts_at=_at(day, 18),
            ends_at=_at(day, 19),
            place="Rathaus Dippach, Ratssaal",
        ),
    )
    await send_invitations(session, coordinator, meeting.id, ANY)
    await cancel_meeting(session, coordinator, meeting.id, ANY)


async def load_steering(session: AsyncSession) -> None:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    if await session.scalar(
        select(func.count())
        .select_from(SteeringMeeting)
        .where(SteeringMeeting.municipality_id == municipality.id)
    ):
        return
    coordinator = await _coordinator(session, municipality)
    if coordinator is None:
        return
    today = local_today()
    await _held(session, coordinator, today)
    await _cancelled(session, coordinator, today)
    await _planned(session, coordinator, today)
    # No SMTP server in the demo: what would have gone out is kept, marked unsent.
    pending = await session.scalars(
        select(MailMessage).where(
            MailMessage.municipality_id == municipality.id,
            MailMessage.status == MailStatus.PENDING,
        )
    )
    for message in pending:
        message.status = MailStatus.UNSENT
        message.next_attempt_at = None
    await session.flush()
