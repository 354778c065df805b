"""The systemic conflict analysis of a case: reading, writing, saving and comparing versions.

Who may read or write it follows the case (``kokoma.cases.access``): whoever sees the
case sees its analysis, restricted cases stay restricted. Every write is If-Match
versioned, audited and published as a domain event carrying ids and numbers only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.cases.access import get_visible_case
from kokoma.cases.analysis.compare import compare_contents
from kokoma.cases.analysis.course import CoursePair, CourseVersion, course
from kokoma.cases.analysis.export import render_pdf
from kokoma.cases.analysis.models import CaseAnalysis, CaseAnalysisVersion
from kokoma.cases.analysis.schemas import (
    AnalysisChangeOut,
    AnalysisContent,
    PositionsUpdate,
    VersionCreate,
)
from kokoma.cases.models import Case
from kokoma.cases.service import audit_case, note_escalation_change
from kokoma.cases.timeline import actor_name
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_day, local_today
from kokoma.core.concurrency import check_if_match, commit_or_conflict, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.events.outbox import EventType, publish


@dataclass
class AnalysisView:
    """The working analysis as the API shows it; version 0 before the first save."""

    case_id: uuid.UUID
    version: int
    updated_at: datetime | None
    updated_by_name: str
    content: AnalysisContent


def _view(case: Case, row: CaseAnalysis | None) -> AnalysisView:
    if row is None:
        return AnalysisView(case.id, 0, None, "", AnalysisContent())
    return AnalysisView(
        case.id,
        row.version,
        row.updated_at,
        row.updated_by_name,
        AnalysisContent.model_validate(row.content),
    )


async def _row(session: AsyncSession, case: Case) -> CaseAnalysis | None:
    return await session.scalar(select(CaseAnalysis).where(CaseAnalysis.case_id == case.id))


async def get_analysis(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> AnalysisView:
    """The working analysis of a case the caller sees (empty before the first save)."""
    case = await get_visible_case(session, principal, case_id)
    return _view(case, await _row(session, case))


def _unknown_actor(field: str) -> Exception:
    return invalid(field, "Name an actor of this analysis by its key.", "unknown_actor")


def _check_actors(content: AnalysisContent) -> set[str]:
    keys: set[str] = set()
    for i, actor in enumerate(content.actors):
        if actor.key in keys:
            raise invalid(f"body.actors.{i}.key", "Each actor key is used once.", "duplicate")
        keys.add(actor.key)
    for i, issue in enumerate(content.issues):
        if any(key not in keys for key in issue.raised_by):
            raise _unknown_actor(f"body.issues.{i}.raised_by")
    return keys


def _check_relationships(content: AnalysisContent, keys: set[str]) -> None:
    for i, rel in enumerate(content.relationships):
        for side in ("source", "target"):
            if getattr(rel, side) not in keys:
                raise _unknown_actor(f"body.relationships.{i}.{side}")
        if rel.source == rel.target:
            raise invalid(
                f"body.relationships.{i}.target",
                "A relationship connects two different actors.",
                "self_relationship",
            )


def _check_assessments(content: AnalysisContent, keys: set[str], today: date) -> None:
    pairs: set[frozenset[str]] = set()
    for i, item in enumerate(content.assessments):
        for side in ("actor_a", "actor_b"):
            if getattr(item, side) not in keys:
                raise _unknown_actor(f"body.assessments.{i}.{side}")
        pair = frozenset((item.actor_a, item.actor_b))
        if len(pair) == 1:
            raise invalid(
                f"body.assessments.{i}.actor_b",
                "An assessment is about two different actors.",
                "self_pair",
            )
        if pair in pairs:
            raise invalid(f"body.assessments.{i}", "Each pair is assessed once.", "duplicate_pair")
        pairs.add(pair)
        if item.assessed_on is not None and item.assessed_on > today:
            raise invalid(
                f"body.assessments.{i}.assessed_on", "This day is in the future.", "future_date"
            )
        for j, point in enumerate(item.turning_points):
            if point.on > today:
                raise invalid(
                    f"body.assessments.{i}.turning_points.{j}.on",
                    "A turning point cannot lie in the future.",
                    "future_date",
                )


async def _check_contacts(
    session: AsyncSession, principal: Principal, content: AnalysisContent
) -> None:
    wanted = {a.contact_id for a in content.actors if a.contact_id is not None}
    if not wanted:
        return
    found = set(
        await session.scalars(scoped(Contact, principal, Contact.id).where(Contact.id.in_(wanted)))
    )
    for i, actor in enumerate(content.actors):
        if actor.contact_id is not None and actor.contact_id not in found:
            raise invalid(
                f"body.actors.{i}.contact_id",
                "Link actors only to network contacts of your municipality.",
                "unknown_contact",
            )


def _fill_assessors(content: AnalysisContent, name: str, today: date) -> None:
    for item in content.assessments:
        item.assessed_by = item.assessed_by or name
        item.assessed_on = item.assessed_on or today


def highest_stage(content: AnalysisContent) -> int | None:
    return max((a.stage for a in content.assessments), default=None)


async def _load_case_for_change(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> Case:
    case = await get_visible_case(session, principal, case_id, for_update=True)
    if case.archived:
        raise Conflict("The case is archived and can no longer be changed.")
    return case


def _publish(case: Case, session: AsyncSession, event: EventType, **data: Any) -> None:
    publish(
        session,
        municipality_id=case.municipality_id,
        event_type=event,
        resource_id=case.id,
        data={"case_id": str(case.id), **data},
    )


async def replace_analysis(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    content: AnalysisContent,
    if_match: str | None,
) -> AnalysisView:
    """Write the whole working analysis; the first write answers to ETag ``"0"``."""
    case = await _load_case_for_change(session, principal, case_id)
    row = await _row(session, case)
    check_if_match(if_match, row.version if row else 0)
    today = local_today()
    keys = _check_actors(content)
    _check_relationships(content, keys)
    _check_assessments(content, keys, today)
    await _check_contacts(session, principal, content)
    name = await actor_name(session, principal)
    _fill_assessors(content, name, today)
    data = content.model_dump(mode="json", exclude_computed_fields=True)
    if row is None:
        row = CaseAnalysis(municipality_id=case.municipality_id, case_id=case.id)
        session.add(row)
    row.content = data
    row.updated_by_id = principal.id
    row.updated_by_name = name
    top = highest_stage(content)
    if content.headline_follows_assessments and top is not None and top != case.escalation_level:
        before = case.escalation_level
        case.escalation_level = top
        await note_escalation_change(
            session, principal, case, before, top, "Aus der Konfliktanalyse übernommen"
        )
    audit_case(
        session,
        principal,
        "case.analysis_update",
        case,
        actors=len(content.actors),
        relationships=len(content.relationships),
        assessments=len(content.assessments),
    )
    _publish(case, session, EventType.CASE_ANALYSIS_UPDATED, highest_stage=top)
    await commit_versioned(session)
    await session.refresh(row)
    return _view(case, row)


async def _written_analysis(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    if_match: str | None,
    unwritten: str,
) -> tuple[Case, CaseAnalysis]:
    """The case (locked) and its analysis, as the ETag names it; 409 ``unwritten`` when
    there is no analysis yet."""
    case = await _load_case_for_change(session, principal, case_id)
    row = await _row(session, case)
    check_if_match(if_match, row.version if row else 0)
    if row is None:
        raise Conflict(unwritten)
    return case, row


async def move_actors(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: PositionsUpdate,
    if_match: str | None,
) -> AnalysisView:
    """Put actors at new places on the conflict map; nothing else of the analysis changes."""
    case, row = await _written_analysis(
        session, principal, case_id, if_match, "Write the analysis before placing its actors."
    )
    content = AnalysisContent.model_validate(row.content)
    by_key = {actor.key: actor for actor in content.actors}
    for i, place in enumerate(data.places):
        if place.key not in by_key:
            raise _unknown_actor(f"body.places.{i}.key")
        by_key[place.key].position = place.position
    row.content = content.model_dump(mode="json", exclude_computed_fields=True)
    row.updated_by_id = principal.id
    row.updated_by_name = await actor_name(session, principal)
    audit_case(
        session, principal, "case.analysis_positions", case, moved=[p.key for p in data.places]
    )
    _publish(case, session, EventType.CASE_ANALYSIS_UPDATED, highest_stage=highest_stage(content))
    await commit_versioned(session)
    await session.refresh(row)
    return _view(case, row)


async def save_version(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: VersionCreate,
    if_match: str | None,
) -> CaseAnalysisVersion:
    """Freeze the working analysis (the one the ETag names) as the next version."""
    case, row = await _written_analysis(
        session, principal, case_id, if_match, "Write the analysis before saving a version of it."
    )
    last = await session.scalar(
        select(func.max(CaseAnalysisVersion.number)).where(CaseAnalysisVersion.case_id == case.id)
    )
    version = CaseAnalysisVersion(
        municipality_id=case.municipality_id,
        case_id=case.id,
        number=(last or 0) + 1,
        content=row.content,
        note=data.note,
        author_id=principal.id,
        author_name=await actor_name(session, principal),
    )
    session.add(version)
    audit_case(session, principal, "case.analysis_version_save", case, number=version.number)
    _publish(case, session, EventType.CASE_ANALYSIS_VERSION_SAVED, number=version.number)
    await commit_or_conflict(session, "Someone saved a version at the same time; try again.")
    return version


async def list_versions(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[CaseAnalysisVersion], str | None]:
    """The saved versions of a case's analysis, oldest first."""
    case = await get_visible_case(session, principal, case_id)
    return await paginate(
        session,
        select(CaseAnalysisVersion).where(CaseAnalysisVersion.case_id == case.id),
        keys=[SortKey(CaseAnalysisVersion.number)],
        id_column=CaseAnalysisVersion.id,
        limit=limit,
        cursor=cursor,
    )


async def get_version(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, number: int
) -> CaseAnalysisVersion:
    case = await get_visible_case(session, principal, case_id)
    version = await session.scalar(
        select(CaseAnalysisVersion).where(
            CaseAnalysisVersion.case_id == case.id, CaseAnalysisVersion.number == number
        )
    )
    if version is None:
        raise NotFound("Analysis version")
    return version


async def compare_versions(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, older: int, newer: int
) -> list[AnalysisChangeOut]:
    """What changed from version ``older`` to version ``newer``."""
    before = await get_version(session, principal, case_id, older)
    after = await get_version(session, principal, case_id, newer)
    return compare_contents(
        AnalysisContent.model_validate(before.content),
        AnalysisContent.model_validate(after.content),
    )


async def _course_versions(session: AsyncSession, case: Case) -> list[CourseVersion]:
    versions = await session.scalars(
        select(CaseAnalysisVersion)
        .where(CaseAnalysisVersion.case_id == case.id)
        .order_by(CaseAnalysisVersion.number)
    )
    return [
        CourseVersion(
            saved_on=local_day(version.saved_at),
            number=version.number,
            note=version.note,
            content=AnalysisContent.model_validate(version.content),
        )
        for version in versions
    ]


async def get_course(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> list[CoursePair]:
    """The stage over time per pair of actors, from the saved versions, the turning points
    and the working analysis."""
    case = await get_visible_case(session, principal, case_id)
    row = await _row(session, case)
    content = AnalysisContent.model_validate(row.content if row else {})
    return course(content, await _course_versions(session, case))


def version_stage(version: CaseAnalysisVersion) -> int | None:
    return highest_stage(AnalysisContent.model_validate(version.content))


async def export_pdf(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, *, include_names: bool
) -> tuple[str, bytes]:
    """The analysis as a PDF (file name, bytes); whether names were included is audited."""
    case = await get_visible_case(session, principal, case_id)
    row = await _row(session, case)
    if row is None:
        raise NotFound("Analysis")
    content = AnalysisContent.model_validate(row.content)
    versions = await _course_versions(session, case)
    contact_names: dict[str, str] = {}
    linked = {a.contact_id: a.key for a in content.actors if a.contact_id is not None}
    if include_names and linked:
        for contact_id, name in await session.execute(
            scoped(Contact, principal, Contact.id, Contact.name).where(Contact.id.in_(linked))
        ):
            contact_names[linked[contact_id]] = name
    body = render_pdf(
        reference=case.reference,
        title=case.title,
        content=content,
        versions=versions,
        contact_names=contact_names,
        include_names=include_names,
    )
    audit_case(session, principal, "case.analysis_export", case, include_names=include_names)
    await session.commit()
    return f"konfliktanalyse-{case.reference}.pdf", body
