"""Demo training: the Wartburgkreis' completed five-module qualification series of 2026.

Ten participants (two of them the demo conflict managers), attendance on every
session day, and certificates for the eight who completed. Idempotent: the series
is recognised by its title, and everything is added in the caller's transaction.
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
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from kokoma.users.models import User

TITLE = "Kommunales Konfliktmanagement — Qualifizierungsreihe 2026"
CLOSING_DAY = date(2026, 6, 18)
TRAINER_EMAIL = "qualifizierung@wartburgkreis.example"

# (title, description, [(day, start, end, place)])
MODULES = [
    (
        "Konflikte in der Kommune verstehen",
        "Rolle der Konfliktmanager:innen, Konfliktarten, Eskalationsstufen nach Glasl.",
        [
            (date(2026, 2, 12), time(10), time(17), "Eisenach, Rathaus, Ratssaal"),
            (date(2026, 2, 13), time(9), time(15), "Eisenach, Rathaus, Ratssaal"),
        ],
    ),
    (
        "Systemische Konfliktanalyse",
        "Akteurslandkarten, Interessen und Dynamiken; Analyse eigener Fälle.",
        [
            (date(2026, 3, 12), time(10), time(17), "Bad Salzungen, Landratsamt, Raum 204"),
            (date(2026, 3, 13), time(9), time(15), "Bad Salzungen, Landratsamt, Raum 204"),
        ],
    ),
    (
        "Gesprächsführung und Moderation",
        "Moderation von Bürgerversammlungen und Runden Tischen, schwierige Gespräche.",
        [(date(2026, 4, 16), time(9), time(16, 30), "Erfurt, Tagungshaus am Petersberg")],
    ),
    (
        "Mediation im kommunalen Raum",
        "Ablauf einer Mediation, Allparteilichkeit, Vereinbarungen; Rollenspiele.",
        [
            (date(2026, 5, 7), time(10), time(17), "Eisenach, Bildungsstätte am Wartenberg"),
            (date(2026, 5, 8), time(9), time(15), "Eisenach, Bildungsstätte am Wartenberg"),
        ],
    ),
    (
        "Demokratiegefährdende Konflikte und Netzwerkarbeit",
        "Erkennen demokratiegefährdender Dynamiken, Verweisberatung, Abschluss der Reihe.",
        [(CLOSING_DAY, time(9), time(16), "Bad Salzungen, Haus des Gastes")],
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

E, A = AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT
# Everyone else was present. (module index, day index) -> status, per participant name.
MISSED = {
    "Katrin Wagner": {(2, 0): E},
    "Uwe Schmidt": {(1, 1): A, (3, 0): E},
    "Sandra Möller": {(0, 0): A, (0, 1): A, (2, 0): E},
    "Tobias Engel": {(4, 0): E},
}


def _add_modules(session: AsyncSession, series: TrainingSeries) -> list[list[TrainingSession]]:
    days_per_module = []
    for position, (title, description, days) in enumerate(MODULES, start=1):
        module = TrainingModule(
            municipality_id=series.municipality_id,
            series_id=series.id,
            position=position,
            title=title,
            description=description,
            days=len(days),
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
                attendance_recorded_at=datetime.combine(day, end, LOCAL_TIME),
            )
            for day, start, end, place in days
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
        "vollständiger Teilnahme an mindestens vier der fünf Module.",
        completion_min_modules=4,
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
