"""Demo training: the Wartburgkreis' completed qualification series of 2026.

Five in-person modules and one online deepening session, ten participants (two of
them the demo conflict managers), attendance on every session day, and certificates
for those who met the rule (4 of 5 in-person modules, the deepening, 75 hours).
Idempotent: the series is recognised by its title, and everything is added in the
caller's transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role, permissions_for_role
from kokoma.access.principal import Principal
from kokoma.core.calendar import LOCAL_TIME, local_today
from kokoma.municipalities.models import Municipality
from kokoma.trainings.certificates.service import certify
from kokoma.trainings.completion import refresh_completion
from kokoma.trainings.models import (
    Attendance,
    AttendanceStatus,
    ModuleKind,
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from kokoma.users.models import User

TITLE = "Kommunales Konfliktmanagement — Qualifizierungsreihe 2026"
CLOSING_DAY = date(2026, 6, 18)
TRAINER_EMAIL = "qualifizierung@wartburgkreis.example"

ONLINE_LINK = "https://konferenz.wartburgkreis.example/qualifizierung-vertiefung"
# (title, description, kind, hours, [(day, start, end, place, link)])
Day = tuple[date, time, time, str | None, str | None]
MODULES: list[tuple[str, str, ModuleKind, float, list[Day]]] = [
    (
        "Konflikte in der Kommune verstehen",
        "Rolle der Konfliktmanager:innen, Konfliktarten, Eskalationsstufen nach Glasl.",
        ModuleKind.IN_PERSON,
        20,
        [
            (date(2026, 2, 12), time(10), time(17), "Eisenach, Rathaus, Ratssaal", None),
            (date(2026, 2, 13), time(9), time(15), "Eisenach, Rathaus, Ratssaal", None),
        ],
    ),
    (
        "Systemische Konfliktanalyse",
        "Akteurslandkarten, Interessen und Dynamiken; Analyse eigener Fälle.",
        ModuleKind.IN_PERSON,
        20,
        [
            (date(2026, 3, 12), time(10), time(17), "Bad Salzungen, Landratsamt, Raum 204", None),
            (date(2026, 3, 13), time(9), time(15), "Bad Salzungen, Landratsamt, Raum 204", None),
        ],
    ),
    (
        "Gesprächsführung und Moderation",
        "Moderation von Bürgerversammlungen und Runden Tischen, schwierige Gespräche.",
        ModuleKind.IN_PERSON,
        12,
        [(date(2026, 4, 16), time(9), time(16, 30), "Erfurt, Tagungshaus am Petersberg", None)],
    ),
    (
        "Mediation im kommunalen Raum",
        "Ablauf einer Mediation, Allparteilichkeit, Vereinbarungen; Rollenspiele.",
        ModuleKind.IN_PERSON,
        20,
        [
            (date(2026, 5, 7), time(10), time(17), "Eisenach, Bildungsstätte am Wartenberg", None),
            (date(2026, 5, 8), time(9), time(15), "Eisenach, Bildungsstätte am Wartenberg", None),
        ],
    ),
    (
        "Demokratiegefährdende Konflikte und Netzwerkarbeit",
        "Erkennen demokratiegefährdender Dynamiken, Verweisberatung, Abschluss der Reihe.",
        ModuleKind.IN_PERSON,
        12,
        [(CLOSING_DAY, time(9), time(16), "Bad Salzungen, Haus des Gastes", None)],
    ),
    (
        "Online-Vertiefung: Kollegiale Fallberatung",
        "Eigene Fälle in der kollegialen Fallberatung, mit Konfliktmanager:innen anderer Kommunen.",
        ModuleKind.ONLINE,
        6,
        [(date(2026, 5, 27), time(14), time(17), None, ONLINE_LINK)],
    ),
]

# (name, organisation, account e-mail or None)
PARTICIPANTS = [
    ("Anna Schulze", "Landratsamt Wartburgkreis", "konfliktmanagement@wartburgkreis.example"),
    ("Markus Keller", "Landratsamt Wartburgkreis", "m.keller@wartburgkreis.example"),
    ("Claudia Hoffmann", "Stadtverwaltung Eisenach", None),
    ("Stefan Rößler", "Stadt Bad Salzungen", None),
    ("Katrin Wagner", "Gemeinde Gerstungen", None),
    ("Uwe Schmidt", "Stadt Ruhla", None),
    ("Daniela Fuchs", "Stadt Treffurt", None),
    ("Michael Kühn", "Gemeinde Dermbach", None),
    ("Sandra Möller", "Stadt Vacha", None),
    ("Tobias Engel", "Stadt Geisa", None),
]

E, A, L = AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT, AttendanceStatus.LATE
# Everyone else was present. (module index, day index) -> status, per participant name.
MISSED = {
    "Claudia Hoffmann": {(1, 0): L},
    "Katrin Wagner": {(2, 0): E},
    "Michael Kühn": {(5, 0): E},
    "Uwe Schmidt": {(1, 1): A, (3, 0): E},
    "Sandra Möller": {(0, 0): A, (0, 1): A, (2, 0): E},
    "Tobias Engel": {(4, 0): E},
}


def _add_modules(session: AsyncSession, series: TrainingSeries) -> list[list[TrainingSession]]:
    days_per_module = []
    for position, (title, description, kind, hours, days) in enumerate(MODULES, start=1):
        module = TrainingModule(
            municipality_id=series.municipality_id,
            series_id=series.id,
            position=position,
            title=title,
            description=description,
            kind=kind,
            days=len(days),
            hours=hours,
        )
        session_days = [
            TrainingSession(
                municipality_id=series.municipality_id,
                series_id=series.id,
                module=module,
                day=day,
                starts_at=start,
                ends_at=end,
                place=place,
                link=link,
                attendance_recorded_at=datetime.combine(day, end, LOCAL_TIME),
            )
            for day, start, end, place, link in days
        ]
        session.add_all([module, *session_days])
        days_per_module.append(session_days)
    return days_per_module


async def _add_participants(
    session: AsyncSession, series: TrainingSeries, days_per_module: list[list[TrainingSession]]
) -> None:
    accounts = {
        u.email: u
        for u in await session.scalars(
            select(User).where(User.municipality_id == series.municipality_id)
        )
    }
    for name, organisation, email in PARTICIPANTS:
        account = accounts.get(email) if email else None
        participant = TrainingParticipant(
            municipality_id=series.municipality_id,
            series_id=series.id,
            user_id=account.id if account else None,
            full_name=name,
            organisation=organisation,
        )
        session.add(participant)
        await session.flush()
        missed = MISSED.get(name, {})
        for module_index, session_days in enumerate(days_per_module):
            for day_index, day in enumerate(session_days):
                status = missed.get((module_index, day_index), AttendanceStatus.PRESENT)
                session.add(
                    Attendance(session_id=day.id, participant_id=participant.id, status=status)
                )


async def load_trainings(session: AsyncSession) -> None:
    """Add the Wartburgkreis' demo series unless it exists; the caller commits."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    trainer = await session.scalar(select(User).where(User.email == TRAINER_EMAIL))
    if municipality is None or trainer is None:
        return
    exists = await session.scalar(
        select(TrainingSeries.id).where(
            TrainingSeries.municipality_id == municipality.id, TrainingSeries.title == TITLE
        )
    )
    if exists:
        return
    series = TrainingSeries(
        municipality_id=municipality.id,
        title=TITLE,
        description="Qualifizierung kommunaler Mitarbeiter:innen zu Konfliktmanager:innen, "
        "gemeinsam mit der Stiftung und dem Trägerverein. Abschluss mit Zertifikat bei "
        "Teilnahme an mindestens vier der fünf Präsenzmodule und an der Online-Vertiefung, "
        "zusammen mindestens 75 Stunden (mit Vor- und Nachbereitung).",
        rule_in_person=4,
        rule_online=1,
        rule_hours=75,
        signatory="Sabine Lorenz, Qualifizierung",
    )
    session.add(series)
    await session.flush()
    days_per_module = _add_modules(session, series)
    await session.flush()
    await _add_participants(session, series, days_per_module)
    await session.flush()
    await refresh_completion(session, series)
    if local_today() < CLOSING_DAY:
        return
    completed = await session.scalars(
        select(TrainingParticipant)
        .where(
            TrainingParticipant.series_id == series.id,
            TrainingParticipant.completed_on.is_not(None),
        )
        .order_by(TrainingParticipant.full_name)
    )
    principal = Principal(
        id=trainer.id,
        kind="user",
        municipality_id=municipality.id,
        label=trainer.email,
        permissions=permissions_for_role(Role.TRAINER),
        role=Role.TRAINER,
    )
    await certify(session, principal, series, list(completed), CLOSING_DAY)
