"""The annual report of the caller's municipality: the coordinator's working draft of a
year, and the versions generated from it for the funder.

Coordinators write the four text sections (If-Match) and generate versions; a version
freezes the words, the figures, the author and the time, and is never changed
afterwards. The steering group reads generated versions only, with the figures as
callers without ``statistics:exact`` see them (``kokoma.annual_reports.figures``).
Every write and every download is audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.annual_reports import figures
from kokoma.annual_reports.models import TEXT_SECTIONS, AnnualReportDraft, AnnualReportVersion
from kokoma.annual_reports.schemas import (
    AnnualFigures,
    DraftOut,
    ReportTexts,
    TextsOut,
    VersionOut,
)
from kokoma.audit import service as audit
from kokoma.cases.timeline import actor_name
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_or_conflict
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.errors import NotFound, invalid
from kokoma.events.outbox import EventType
from kokoma.municipalities.models import Municipality

EXACT = "exact"
PROTECTED = "protected"


def _check_year(year: int) -> None:
    if year > local_today().year:
        raise invalid("path.year", "A report covers a year that has begun.", "future_year")


async def _draft(
    session: AsyncSession, principal: Principal, year: int, *, for_update: bool = False
) -> AnnualReportDraft | None:
    stmt = scoped(AnnualReportDraft, principal).where(AnnualReportDraft.year == year)
    if for_update:
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def _version_count(session: AsyncSession, principal: Principal, year: int) -> int:
    stmt = scoped(AnnualReportVersion, principal, func.count()).where(
        AnnualReportVersion.year == year
    )
    return await session.scalar(stmt) or 0


def _texts(draft: AnnualReportDraft | None) -> TextsOut:
    return TextsOut(**{name: getattr(draft, name) if draft else "" for name in TEXT_SECTIONS})


async def get_draft(
    session: AsyncSession, principal: Principal, year: int, *, threshold: int
) -> DraftOut:
    """The working draft of ``year`` with the figures as the records say now (exact for
    coordinators). Nothing written yet reads as empty sections at version 0."""
    _check_year(year)
    draft = await _draft(session, principal, year)
    return DraftOut(
        year=year,
        version=draft.version if draft else 0,
        texts=_texts(draft),
        updated_at=draft.updated_at if draft else None,
        updated_by_name=draft.updated_by_name if draft else None,
        figures=await figures.compute(session, principal, year, threshold=threshold),
        versions=await _version_count(session, principal, year),
    )


async def save_texts(
    session: AsyncSession,
    principal: Principal,
    year: int,
    texts: ReportTexts,
    if_match: str | None,
    *,
    threshold: int,
) -> DraftOut:
    """Rewrite the text sections of ``year``'s draft; If-Match of the draft (``"0"`` for
    the first write)."""
    _check_year(year)
    draft = await _draft(session, principal, year, for_update=True)
    check_if_match(if_match, draft.version if draft else 0)
    author = await actor_name(session, principal)
    sent = texts.model_dump()
    if draft is None:
        changed = [name for name in TEXT_SECTIONS if sent[name]]
        draft = AnnualReportDraft(
            id=uuid.uuid4(),
            municipality_id=principal.municipality_id,
            year=year,
            updated_by_name=author,
            **sent,
        )
        session.add(draft)
    else:
        changed = [name for name in TEXT_SECTIONS if getattr(draft, name) != sent[name]]
        for name in TEXT_SECTIONS:
            setattr(draft, name, sent[name])
        draft.updated_by_name = author
    audit.record_change(
        session,
        "annual_report.update",
        principal=principal,
        target=audit.Target("annual_report_draft", draft.id),
        event_type=EventType.ANNUAL_REPORT_DRAFT_UPDATED,
        details={"year": year, "fields": changed},
    )
    await commit_or_conflict(session, "Someone wrote this year's report at the same time.")
    return await get_draft(session, principal, year, threshold=threshold)


async def generate(
    session: AsyncSession, principal: Principal, year: int, *, threshold: int
) -> AnnualReportVersion:
    """Freeze ``year``'s draft with its figures as the next read-only version."""
    _check_year(year)
    draft = await _draft(session, principal, year)
    exact = await figures.compute(session, principal, year, threshold=threshold)
    protected = await figures.compute(
        session, figures.aggregate_reader(principal), year, threshold=threshold
    )
    last = await session.scalar(
        scoped(AnnualReportVersion, principal, func.max(AnnualReportVersion.number)).where(
            AnnualReportVersion.year == year
        )
    )
    version = AnnualReportVersion(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        year=year,
        number=(last or 0) + 1,
        texts=_texts(draft).model_dump(),
        figures={
            EXACT: exact.model_dump(mode="json"),
            PROTECTED: protected.model_dump(mode="json"),
        },
        author_id=principal.id,
        author_name=await actor_name(session, principal),
    )
    session.add(version)
    audit.record_change(
        session,
        "annual_report.generate",
        principal=principal,
        target=audit.Target("annual_report_version", version.id),
        event_type=EventType.ANNUAL_REPORT_GENERATED,
        details={"year": year, "number": version.number},
    )
    await commit_or_conflict(session, "Someone generated a version at the same time; try again.")
    return version


async def list_versions(
    session: AsyncSession,
    principal: Principal,
    *,
    year: int | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[AnnualReportVersion], str | None]:
    """The generated versions, newest first (of one year, or of all)."""
    stmt = scoped(AnnualReportVersion, principal)
    if year is not None:
        stmt = stmt.where(AnnualReportVersion.year == year)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(AnnualReportVersion.generated_at, descending=True)],
        id_column=AnnualReportVersion.id,
        limit=limit,
        cursor=cursor,
    )


async def get_version(
    session: AsyncSession, principal: Principal, year: int, number: int
) -> AnnualReportVersion:
    version = await session.scalar(
        scoped(AnnualReportVersion, principal).where(
            AnnualReportVersion.year == year, AnnualReportVersion.number == number
        )
    )
    if version is None:
        raise NotFound("Annual report version")
    return version


def figures_for(version: AnnualReportVersion, principal: Principal) -> AnnualFigures:
    """The frozen figures as the reader may see them: exact with ``statistics:exact``."""
    view = EXACT if principal.can(Permission.STATISTICS_EXACT) else PROTECTED
    data: dict[str, Any] = version.figures[view]
    return AnnualFigures.model_validate(data)


def version_out(version: AnnualReportVersion, principal: Principal) -> VersionOut:
    return VersionOut(
        year=version.year,
        number=version.number,
        generated_at=version.generated_at,
        author_name=version.author_name,
        texts=TextsOut.model_validate(version.texts),
        figures=figures_for(version, principal),
    )


@dataclass(frozen=True)
class Export:
    version: VersionOut
    municipality: str


async def export_version(
    session: AsyncSession, principal: Principal, year: int, number: int, fmt: str
) -> Export:
    """The version to download, as the reader may see it; the download is audited."""
    version = await get_version(session, principal, year, number)
    municipality = await session.get(Municipality, principal.municipality_id)
    audit.record(
        session,
        "annual_report.export",
        principal=principal,
        target=audit.Target("annual_report_version", version.id),
        details={"year": year, "number": number, "format": fmt},
    )
    await session.commit()
    name = municipality.name if municipality else ""
    return Export(version_out(version, principal), name)
