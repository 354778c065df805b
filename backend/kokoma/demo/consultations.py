"""Demo consultations: the talks, moderations and mediations behind the demo cases.

Each demo case gets consultations along the path it took (initial talk, counselling,
moderation or mediation, follow-up; a handover talk for referred cases), with its parties
as participants; some general advice and peer consultations stand without a case.
Idempotent: cases that have consultations get no more, general ones are recognised
by their summary.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.cases.models import Case, CaseStatus
from kokoma.consultations.models import (
    Consultation,
    ConsultationFormat,
    ConsultationKind,
    ConsultationParticipant,
    CounsellingRole,
)
from kokoma.contacts.models import Contact
from kokoma.core.calendar import LOCAL_TIME
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality

K = ConsultationKind
F = ConsultationFormat
S = CaseStatus


@dataclass(frozen=True)
class Step:
    kind: ConsultationKind
    role: CounsellingRole
    formats: tuple[ConsultationFormat, ...]
    minutes: tuple[int, int]
    summary: str
    agreements: str | None = None
    next_steps: str | None = None


INITIAL = Step(
    K.INITIAL_TALK,
    CounsellingRole.ADVISOR,
    (F.IN_PERSON, F.PHONE),
    (30, 90),
    "Erstgespräch mit {requester}: Anlass und Vorgeschichte geschildert, Erwartungen an das "
    "Konfliktmanagement und Rahmen der Zusammenarbeit geklärt.",
    next_steps="Auftragsklärung mit der Verwaltungsspitze; Gesprächspartner benennen.",
)
COUNSELLING = Step(
    K.COUNSELLING,
    CounsellingRole.ADVISOR,
    (F.IN_PERSON, F.ONLINE),
    (60, 120),
    "Beratung zur Lage in {place}: Konfliktparteien, Interessen und Eskalationsstufe in einer "
    "Konfliktlandkarte sortiert.",
    agreements="Gemeinsame Einschätzung der Lage; nächste Gespräche mit beiden Seiten.",
    next_steps="Einzelgespräche mit den Konfliktparteien vorbereiten.",
)
MODERATION = Step(
    K.MODERATION,
    CounsellingRole.MODERATOR,
    (F.IN_PERSON,),
    (90, 180),
    "Moderiertes Gespräch der Beteiligten zu „{title}“: Positionen ausgetauscht, "
    "Gesprächsregeln vereinbart, strittige Punkte gesammelt.",
    agreements="Sachliche Informationen der Verwaltung vor der nächsten Sitzung; "
    "keine Veröffentlichungen in sozialen Netzwerken bis zum Folgetermin.",
    next_steps="Folgetermin in vier Wochen; Protokoll an alle Beteiligten.",
)
MEDIATION = Step(
    K.MEDIATION,
    CounsellingRole.MEDIATOR,
    (F.IN_PERSON,),
    (120, 240),
    "Mediationssitzung mit den Konfliktparteien: gemeinsame Interessen herausgearbeitet, "
    "Lösungsoptionen entwickelt und bewertet.",
    agreements="Schriftliche Vereinbarung über die nächsten Schritte, von allen unterzeichnet.",
    next_steps="Umsetzung begleiten; Nachsorgetermin vereinbaren.",
)
FOLLOW_UP = Step(
    K.FOLLOW_UP,
    CounsellingRole.PROCESS_FACILITATOR,
    (F.PHONE, F.IN_PERSON),
    (20, 60),
    "Nachsorgegespräch: Vereinbarungen werden weitgehend eingehalten, keine neuen Vorfälle "
    "seit dem letzten Treffen.",
    next_steps="Letzter Kontakt in drei Monaten, danach Abschluss.",
)
REFERRAL = Step(
    K.REFERRAL,
    CounsellingRole.ADVISOR,
    (F.PHONE, F.ONLINE),
    (30, 60),
    "Übergabegespräch: Fall geschildert, Einverständnis der Beteiligten zur Weitergabe "
    "eingeholt, Zuständigkeit geklärt.",
)
PATHS = {
    S.NEW: (),
    S.CLARIFYING: (INITIAL,),
    S.ANALYSING: (INITIAL, COUNSELLING),
    S.IN_PROGRESS: (INITIAL, COUNSELLING, MODERATION),
    S.FOLLOW_UP: (INITIAL, COUNSELLING, MEDIATION, FOLLOW_UP),
    S.CLOSED: (INITIAL, COUNSELLING, MODERATION, MEDIATION, FOLLOW_UP),
    S.REFERRED: (INITIAL, REFERRAL),
}
CONFIDENTIAL = (
    "Gesprächspartnerin bat ausdrücklich um Vertraulichkeit: familiäre Verbindung zu einer "
    "der Konfliktparteien.",
    "Hinweis auf anonyme Drohanrufe gegen die Familie; Anzeige noch nicht erstattet.",
    "Persönliche Belastung des Ehrenamtlichen sehr hoch, denkt über Rückzug nach.",
    "Interne Spannungen in der Verwaltung angesprochen, nicht für das Protokoll.",
)
# General advice and peer consultations, without a case.
GENERAL = {
    "wak": (
        (
            K.PEER_CONSULTATION,
            CounsellingRole.PEER_CONSULTANT,
            "Kollegiale Fallberatung im "
            "Netzwerk der Konfliktmanager:innen: Umgang mit Störungen in Ratssitzungen.",
        ),
        (
            K.PEER_CONSULTATION,
            CounsellingRole.PEER_CONSULTANT,
            "Kollegiale Fallberatung: Rollenklarheit zwischen Verwaltung und Konfliktmanagement.",
        ),
        (
            K.PEER_CONSULTATION,
            CounsellingRole.PEER_CONSULTANT,
            "Kollegiale Fallberatung mit "
            "Modellkommunen: Gesprächsführung bei Verschwörungserzählungen.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.ADVISOR,
            "Allgemeine Beratung der Jugendfeuerwehr zum "
            "Umgang mit rechtsextremen Symbolen bei Jugendlichen.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.ADVISOR,
            "Beratung des Seniorenbeirats zur Vorbereitung einer Einwohnerversammlung.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.COACH,
            "Coaching einer Ortsteilbürgermeisterin zur "
            "Moderation schwieriger Ortsteilratssitzungen.",
        ),
        (
            K.INITIAL_TALK,
            CounsellingRole.ADVISOR,
            "Erstkontakt mit dem Gewerbeverein: Anfrage "
            "zu Konflikten um die Innenstadtentwicklung, noch kein Fall.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.ADVISOR,
            "Beratung einer Schulleitung zu Konflikten zwischen Elterngruppen im Schulchat.",
        ),
        (
            K.MODERATION,
            CounsellingRole.MODERATOR,
            "Moderation des Netzwerktreffens Demokratie im Wartburgkreis.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.PROCESS_FACILITATOR,
            "Vorbereitung der Steuerungsgruppensitzung mit dem Landratsamt.",
        ),
        (
            K.PEER_CONSULTATION,
            CounsellingRole.PEER_CONSULTANT,
            "Kollegiale Fallberatung: "
            "Grenzen der Vertraulichkeit gegenüber der Verwaltungsspitze.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.ADVISOR,
            "Beratung eines Sportvereins zur Satzung gegen Diskriminierung.",
        ),
    ),
    "uh": (
        (
            K.PEER_CONSULTATION,
            CounsellingRole.PEER_CONSULTANT,
            "Kollegiale Fallberatung mit "
            "dem Wartburgkreis: Konflikte um Windkraft im ländlichen Raum.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.ADVISOR,
            "Beratung des Ortschaftsrats zur Bürgerbeteiligung bei der Dorfentwicklung.",
        ),
        (
            K.COUNSELLING,
            CounsellingRole.COACH,
            "Coaching der Schulleitung zu Konflikten im Kollegium nach einer Elternversammlung.",
        ),
        (
            K.MODERATION,
            CounsellingRole.MODERATOR,
            "Moderation des Runden Tisches Demokratie in Mühlhausen.",
        ),
        (
            K.INITIAL_TALK,
            CounsellingRole.ADVISOR,
            "Erstkontakt mit der Freiwilligen Feuerwehr: "
            "Nachwuchssorgen und Spannungen im Ort, noch kein Fall.",
        ),
    ),
}


def _working_hour(rng: random.Random, moment: datetime) -> datetime:
    """The same local day (a weekend moved on to Monday) at a usual meeting time."""
    day = moment.astimezone(LOCAL_TIME).date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    start = time(hour=rng.choice((9, 10, 11, 13, 14, 15, 16, 17, 18)), minute=rng.choice((0, 30)))
    return datetime.combine(day, start, tzinfo=LOCAL_TIME)


def _meeting_after(rng: random.Random, moment: datetime, earliest: datetime) -> datetime:
    """A usual meeting time on ``moment``'s day, or the next working day when that time
    would come before ``earliest`` (a talk on the day a case was opened, after it was)."""
    when = _working_hour(rng, moment)
    return when if when >= earliest else _working_hour(rng, moment + timedelta(days=1))


def _consultation(
    rng: random.Random,
    municipality: Municipality,
    step: Step,
    started: datetime,
    participants: list[uuid.UUID],
    summary: str,
) -> Consultation:
    return Consultation(
        id=uuid.uuid4(),
        municipality_id=municipality.id,
        started_at=started,
        duration_minutes=rng.randrange(step.minutes[0], step.minutes[1] + 1, 15),
        format=rng.choice(step.formats),
        kind=step.kind,
        counselling_role=step.role,
        head_count=len(participants) + rng.randint(0 if participants else 1, 5),
        summary=summary,
        agreements=step.agreements,
        next_steps=step.next_steps,
        confidential_notes=rng.choice(CONFIDENTIAL) if rng.random() < 0.3 else None,
        participant_rows=[ConsultationParticipant(contact_id=c) for c in participants],
        # Documented the same evening.
        created_at=started + timedelta(hours=3),
        updated_at=started + timedelta(hours=3),
    )


def _case_consultations(
    rng: random.Random, municipality: Municipality, case: Case, now: datetime
) -> list[Consultation]:
    steps = PATHS[case.status]
    end = min(case.closed_at or now, now - timedelta(days=1))
    span = max((end - case.created_at).total_seconds(), 3600.0)
    moments = sorted(
        _meeting_after(
            rng, case.created_at + timedelta(seconds=rng.uniform(0, span)), case.created_at
        )
        for _ in steps
    )
    parties = [party.contact_id for party in case.party_rows]
    made = []
    for step, started in zip(steps, moments, strict=False):
        if started > now:
            break  # a recent case: the next talk is still to come
        summary = step.summary.format(
            requester=case.requesting_body or "der Verwaltung",
            place=case.place or "der Gemeinde",
            title=case.title,
        )
        who = rng.sample(parties, k=rng.randint(min(1, len(parties)), len(parties)))
        consultation = _consultation(rng, municipality, step, started, who, summary)
        consultation.case_id = case.id
        made.append(consultation)
    return made


async def _add_case_consultations(
    session: AsyncSession, municipality: Municipality, now: datetime
) -> None:
    with_consultations = select(Consultation.case_id).where(Consultation.case_id.is_not(None))
    cases = await session.scalars(
        select(Case)
        .where(Case.municipality_id == municipality.id, Case.id.not_in(with_consultations))
        .options(selectinload(Case.party_rows))
        .order_by(Case.year, Case.number)
    )
    rng = random.Random(f"kokoma-demo-consultations-{municipality.slug}")
    for case in cases:
        session.add_all(_case_consultations(rng, municipality, case, now))


async def _add_general_consultations(
    session: AsyncSession, municipality: Municipality, now: datetime
) -> None:
    known = set(
        await session.scalars(
            select(Consultation.summary).where(
                Consultation.municipality_id == municipality.id, Consultation.case_id.is_(None)
            )
        )
    )
    contacts = list(
        await session.scalars(
            select(Contact.id)
            .where(Contact.municipality_id == municipality.id)
            .order_by(Contact.sort_name)
        )
    )
    rng = random.Random(f"kokoma-demo-general-{municipality.slug}")
    for kind, role, summary in GENERAL[municipality.slug]:
        started = _working_hour(rng, now - timedelta(days=rng.uniform(2, 360)))
        who = rng.sample(contacts, k=min(len(contacts), rng.randint(0, 3)))
        step = Step(kind, role, (F.IN_PERSON, F.ONLINE), (45, 120), summary)
        if summary not in known and started < now:
            session.add(_consultation(rng, municipality, step, started, who, summary))


async def load_consultations(session: AsyncSession) -> None:
    """Add the missing demo consultations (after cases and contacts); the caller commits."""
    now = utcnow()
    municipalities = await session.scalars(
        select(Municipality).where(Municipality.slug.in_(GENERAL)).order_by(Municipality.slug)
    )
    for municipality in municipalities:
        await _add_case_consultations(session, municipality, now)
        await _add_general_consultations(session, municipality, now)
    await session.flush()
