"""Demo annual report: the Wartburgkreis generated last year's report for the funder,
written by its coordinator; this year's draft has its goals written down.

The figures are computed from the demo records, as a generated version would have them.
Idempotent: a municipality that has a version of last year is left alone.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role, permissions_for_role
from kokoma.access.principal import Principal
from kokoma.annual_reports import figures
from kokoma.annual_reports.models import AnnualReportDraft, AnnualReportVersion
from kokoma.core.calendar import local_today
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality
from kokoma.users.models import User

TEXTS = {
    "goals": "Konfliktmanagement in allen Verwaltungsgemeinschaften des Wartburgkreises "
    "verankern, Konflikte um Energie- und Unterbringungsstandorte früh moderieren und "
    "eine zweite Gruppe kommunaler Konfliktmanager:innen qualifizieren.",
    "what_worked": "Frühe, moderierte Bürgerdialoge vor Standortentscheidungen haben mehrere "
    "Konflikte entschärft; die Zusammenarbeit mit der Mobilen Beratung trägt.",
    "what_did_not_work": "Die Nachsorge abgeschlossener Fälle kam zu kurz; zwei "
    "Ehrenamtliche Mandatsträger:innen sind trotz Unterstützung zurückgetreten.",
    "next_year": "Krisenpläne für alle Unterkunftsstandorte üben, Nachsorgetermine fest "
    "vereinbaren und die kollegiale Fallberatung mit den Nachbarkreisen ausbauen.",
}


async def load_annual_reports(session: AsyncSession, threshold: int) -> None:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    year = local_today().year - 1
    if await session.scalar(
        select(AnnualReportVersion.id)
        .where(AnnualReportVersion.municipality_id == municipality.id)
        .where(AnnualReportVersion.year == year)
        .limit(1)
    ):
        return
    coordinator = await session.scalar(
        select(User)
        .where(User.municipality_id == municipality.id, User.role == Role.COORDINATOR)
        .order_by(User.created_at)
        .limit(1)
    )
    if coordinator is None:
        return
    principal = Principal(
        id=coordinator.id,
        kind="user",
        municipality_id=municipality.id,
        label=coordinator.email,
        permissions=permissions_for_role(Role.COORDINATOR),
        role=Role.COORDINATOR,
    )
    await session.flush()
    exact = await figures.compute(session, principal, year, threshold=threshold)
    protected = await figures.compute(
        session, figures.aggregate_reader(principal), year, threshold=threshold
    )
    session.add(
        AnnualReportDraft(
            id=uuid.uuid4(),
            municipality_id=municipality.id,
            year=year,
            updated_by_name=coordinator.full_name,
            **TEXTS,
        )
    )
    session.add(
        AnnualReportVersion(
            id=uuid.uuid4(),
            municipality_id=municipality.id,
            year=year,
            number=1,
            texts=TEXTS,
            figures={
                "exact": exact.model_dump(mode="json"),
                "protected": protected.model_dump(mode="json"),
            },
            # Early in the new year, as reports to the funder are due.
            generated_at=min(
                datetime(year + 1, 1, 20, 9, tzinfo=UTC), utcnow() - timedelta(hours=1)
            ),
            author_id=coordinator.id,
            author_name=coordinator.full_name,
        )
    )
    session.add(
        AnnualReportDraft(
            id=uuid.uuid4(),
            municipality_id=municipality.id,
            year=year + 1,
            updated_by_name=coordinator.full_name,
            goals="Jede Verwaltungsgemeinschaft hat eine benannte Ansprechperson für "
            "Konflikte; alle Krisenpläne sind einmal geübt.",
        )
    )
    await session.flush()
