"""Arranging known data for the statistics, row by row, with exact timestamps."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select

from kokoma.access.tokens import issue_access_token
from kokoma.api_clients.models import ApiClient
from kokoma.cases.models import Case, CaseStatus, CaseTopicRow
from kokoma.consultations.models import Consultation
from kokoma.contacts.models import ActorGroup, Contact, ContactKind, LegalBasis
from kokoma.referrals.models import Referral, ReferralStatus
from kokoma.trainings.models import (
    Attendance,
    AttendanceStatus,
    TrainingModule,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)
from tests.support import Tenant

STATISTICS = "/api/v1/statistics"
_numbers = itertools.count(1)


def at(text: str) -> datetime:
    """An aware timestamp from ISO text with its offset, e.g. ``2025-01-01T00:30+01:00``."""
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


@dataclass
class CaseRow:
    created: str
    status: str = "new"
    level: int = 1
    democracy: bool = False
    topics: tuple[str, ...] = ()
    closed: str | None = None


@dataclass
class ConsultationRow:
    started: str
    minutes: int = 60
    kind: str = "counselling"
    format: str = "in_person"


@dataclass
class ReferralRow:
    """A referral made on ``day`` to ``target``: a body named in words, or a network
    contact of that name in actor group ``group``."""

    day: date
    target: str
    status: str = "proposed"
    group: str | None = None


@dataclass
class ContactRow:
    created: str
    group: str = "civil_society"


@dataclass
class SeriesRow:
    """A series with one module per list of session days, participants by name with the
    day they completed (or None), and attendance as {(participant, day index): status}."""

    days: list[list[date]]
    participants: dict[str, date | None]
    attendance: dict[tuple[str, int], str] = field(default_factory=dict)
    users: dict[str, uuid.UUID] = field(default_factory=dict)


async def add_cases(db: Any, tenant: Tenant, *rows: CaseRow) -> None:
    async with db() as session:
        for row in rows:
            number = next(_numbers)
            case = Case(
                municipality_id=tenant.id,
                reference=f"{tenant.slug.upper()}-2025-{number:05d}",
                year=2025,
                number=number,
                title="Streit um die Windkraftanlage am Hörselberg",
                status=CaseStatus(row.status),
                escalation_level=row.level,
                endangers_democracy=row.democracy,
                created_at=at(row.created),
                closed_at=at(row.closed) if row.closed else None,
            )
            session.add(case)
            await session.flush()
            session.add_all(CaseTopicRow(case_id=case.id, topic=topic) for topic in row.topics)
        await session.commit()


async def _insert(db: Any, records: Iterable[Any]) -> None:
    async with db() as session:
        session.add_all(records)
        await session.commit()


async def add_consultations(db: Any, tenant: Tenant, *rows: ConsultationRow) -> None:
    await _insert(
        db,
        (
            Consultation(
                municipality_id=tenant.id,
                started_at=at(row.started),
                duration_minutes=row.minutes,
                format=row.format,
                kind=row.kind,
                summary="Gespräch im Bürgerhaus",
            )
            for row in rows
        ),
    )


async def add_referrals(db: Any, tenant: Tenant, *rows: ReferralRow) -> None:
    """Referrals of one case of ``tenant`` (a fresh one if it has none yet)."""
    async with db() as session:
        case = await session.scalar(select(Case).where(Case.municipality_id == tenant.id))
        if case is None:
            case = Case(
                municipality_id=tenant.id,
                reference=f"{tenant.slug}-R",
                year=2025,
                number=0,
                title="Vermittelter Fall",
                created_at=at("2020-01-01T10:00Z"),
            )
            session.add(case)
            await session.flush()
        contacts: dict[str, Contact] = {}
        for row in rows:
            if row.group and row.target not in contacts:
                contacts[row.target] = Contact(
                    municipality_id=tenant.id,
                    kind=ContactKind.ORGANISATION,
                    name=row.target,
                    sort_name=row.target.lower(),
                    actor_group=ActorGroup(row.group),
                    legal_basis=LegalBasis.PUBLIC_TASK,
                    created_at=at("2020-01-01T10:00Z"),
                )
            session.add(
                Referral(
                    municipality_id=tenant.id,
                    case_id=case.id,
                    referred_on=row.day,
                    contact=contacts.get(row.target),
                    target_name=None if row.group else row.target,
                    reason="Spezialisierte Beratung",
                    status=ReferralStatus(row.status),
                )
            )
        await session.commit()


async def add_contacts(db: Any, tenant: Tenant, *rows: ContactRow) -> None:
    await _insert(
        db,
        (
            Contact(
                municipality_id=tenant.id,
                kind=ContactKind.ORGANISATION,
                name=f"Verein {index}",
                sort_name=f"verein {index}",
                actor_group=ActorGroup(row.group),
                legal_basis=LegalBasis.PUBLIC_TASK,
                created_at=at(row.created),
            )
            for index, row in enumerate(rows)
        ),
    )


async def add_series(db: Any, tenant: Tenant, row: SeriesRow) -> None:
    async with db() as session:
        series = TrainingSeries(municipality_id=tenant.id, title="Konfliktmanagement Grundkurs")
        session.add(series)
        await session.flush()
        sessions: list[TrainingSession] = []
        for position, days in enumerate(row.days, start=1):
            module = TrainingModule(
                municipality_id=tenant.id,
                series_id=series.id,
                position=position,
                title=f"Modul {position}",
                days=len(days),
            )
            session.add(module)
            await session.flush()
            for day in days:
                sessions.append(
                    TrainingSession(
                        municipality_id=tenant.id,
                        series_id=series.id,
                        module_id=module.id,
                        day=day,
                        starts_at=time(9),
                        ends_at=time(16),
                        place="Eisenach",
                    )
                )
        participants = {
            name: TrainingParticipant(
                municipality_id=tenant.id,
                series_id=series.id,
                full_name=name,
                completed_on=completed_on,
                user_id=row.users.get(name),
            )
            for name, completed_on in row.participants.items()
        }
        session.add_all([*sessions, *participants.values()])
        await session.flush()
        session.add_all(
            Attendance(
                session_id=sessions[day].id,
                participant_id=participants[name].id,
                status=AttendanceStatus(status),
            )
            for (name, day), status in row.attendance.items()
        )
        await session.commit()


async def client_headers(
    db: Any, settings: Any, tenant: Tenant, scopes: list[str]
) -> dict[str, str]:
    """Headers of an API client of ``tenant`` holding ``scopes``."""
    api_client = ApiClient(
        municipality_id=tenant.id, name="Fachverfahren Statistik", scopes=scopes, secret_hash="-"
    )
    await _insert(db, [api_client])
    token, _ = issue_access_token(
        settings, subject_id=api_client.id, municipality_id=tenant.id, kind="client", scopes=scopes
    )
    return {"Authorization": f"Bearer {token}"}


async def get(client: Any, tenant: Tenant, role: str, path: str, **params: str) -> dict[str, Any]:
    """The JSON of a statistics route, asserting it answered 200."""
    response = await client.get(
        f"{STATISTICS}/{path}", params=params, headers=tenant.headers(role)
    )
    assert response.status_code == 200, response.text
    return response.json()


def cells(rows: list[dict[str, Any]], measure: str = "count") -> dict[str, int | None]:
    """{key: value} of a breakdown (None where suppressed)."""
    return {row["key"]: row[measure]["value"] for row in rows}


def suppressed(rows: list[dict[str, Any]], measure: str = "count") -> set[str]:
    return {row["key"] for row in rows if row[measure]["suppressed"]}
