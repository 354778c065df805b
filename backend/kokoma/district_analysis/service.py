"""The regional analysis of the caller's municipality: conflict fields, figures
computed from the cases, and the versions of the expertise document.

Coordinators write; the steering group and administrators read. Callers without
``statistics:exact`` see the figures with the statistics' small-count protection
(``kokoma.statistics.suppression``: whole calendar years only, counts below the
threshold suppressed in every breakdown and table), never a case's title, and no
actor's name or label: the conflict lines are counted by actor group only.
"""

from __future__ import annotations

import statistics as stats
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.access import visible_cases
from kokoma.cases.analysis.models import CaseAnalysis
from kokoma.cases.models import Case, CaseTopic, CaseTopicRow
from kokoma.cases.timeline import actor_name
from kokoma.contacts.models import ActorGroup
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_or_conflict
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.district_analysis.models import ConflictField, ConflictFieldCase, RegionalReport
from kokoma.district_analysis.schemas import (
    ColumnOut,
    ConflictFieldIn,
    ConflictLineOut,
    FiguresOut,
    GroupFiguresOut,
    HeatCellOut,
    HeatRowOut,
    HeatTableOut,
    LinkedCaseOut,
    ReportContent,
)
from kokoma.errors import NotFound, invalid
from kokoma.events.outbox import EventType, publish
from kokoma.places.models import Place, PlaceKind
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import Count, PeriodOut
from kokoma.statistics.suppression import Disclosure, derived

TAKEN = "The municipality already has a conflict field of this name."
LEVELS = ("win_win", "win_lose", "lose_lose", "unrated")
NOT_LISTED = "not_listed"
NO_PLACE = "unknown"


def sees_cases(principal: Principal) -> bool:
    """Coordinators see which cases belong to a field; aggregate-only roles count them."""
    return principal.can(Permission.CASES_READ) and principal.can(Permission.STATISTICS_EXACT)


# --- conflict fields ------------------------------------------------------------------


@dataclass
class FieldView:
    row: ConflictField
    case_count: Count
    cases: list[LinkedCaseOut] | None
    place_names: list[str]


async def _views(
    session: AsyncSession, principal: Principal, rows: Sequence[ConflictField]
) -> list[FieldView]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    exact = sees_cases(principal)
    counts: dict[uuid.UUID, int] = defaultdict(int)
    listed: dict[uuid.UUID, list[LinkedCaseOut]] = defaultdict(list)
    if exact:
        for field_id, case_id, reference, title in await session.execute(
            visible_cases(
                principal, ConflictFieldCase.field_id, Case.id, Case.reference, Case.title
            )
            .join(ConflictFieldCase, ConflictFieldCase.case_id == Case.id)
            .where(ConflictFieldCase.field_id.in_(ids))
            .order_by(Case.year, Case.number)
        ):
            counts[field_id] += 1
            listed[field_id].append(LinkedCaseOut(id=case_id, reference=reference, title=title))
    wanted = {uuid.UUID(p) for row in rows for p in row.place_ids}
    names = {
        str(place_id): name
        for place_id, name in await session.execute(
            scoped(Place, principal, Place.id, Place.name).where(Place.id.in_(wanted))
        )
    }
    hidden = Count(value=None, suppressed=True)
    return [
        FieldView(
            row,
            Count(value=counts[row.id], suppressed=False) if exact else hidden,
            listed[row.id] if exact else None,
            [names[p] for p in row.place_ids if p in names],
        )
        for row in rows
    ]


async def list_fields(
    session: AsyncSession, principal: Principal, *, limit: int, cursor: str | None
) -> tuple[list[FieldView], str | None]:
    rows, next_cursor = await paginate(
        session,
        scoped(ConflictField, principal),
        keys=[SortKey(ConflictField.name)],
        id_column=ConflictField.id,
        limit=limit,
        cursor=cursor,
    )
    return await _views(session, principal, rows), next_cursor


async def _field(
    session: AsyncSession, principal: Principal, field_id: uuid.UUID, *, for_update: bool = False
) -> ConflictField:
    return await get_scoped(
        session, ConflictField, field_id, principal, what="Conflict field", for_update=for_update
    )


async def get_field(session: AsyncSession, principal: Principal, field_id: uuid.UUID) -> FieldView:
    return (await _views(session, principal, [await _field(session, principal, field_id)]))[0]


async def _check_links(session: AsyncSession, principal: Principal, data: ConflictFieldIn) -> None:
    places = set(data.place_ids)
    if places:
        found = set(
            await session.scalars(scoped(Place, principal, Place.id).where(Place.id.in_(places)))
        )
        for i, place_id in enumerate(data.place_ids):
            if place_id not in found:
                raise invalid(
                    f"body.place_ids.{i}",
                    "Name places of your municipality only.",
                    "unknown_place",
                )
    cases = set(data.case_ids)
    if cases:
        found = set(
            await session.scalars(visible_cases(principal, Case.id).where(Case.id.in_(cases)))
        )
        for i, case_id in enumerate(data.case_ids):
            if case_id not in found:
                raise invalid(
                    f"body.case_ids.{i}", "Link cases of your municipality only.", "unknown_case"
                )


def _apply(row: ConflictField, data: ConflictFieldIn) -> None:
    row.name = data.name
    row.description = data.description
    row.trend = data.trend
    row.place_ids = list(dict.fromkeys(str(p) for p in data.place_ids))
    row.actor_groups = list(dict.fromkeys(g.value for g in data.actor_groups))
    row.recommendations = data.recommendations


async def _unlink(session: AsyncSession, row: ConflictField) -> None:
    await session.execute(delete(ConflictFieldCase).where(ConflictFieldCase.field_id == row.id))


def _link(session: AsyncSession, row: ConflictField, case_ids: Iterable[uuid.UUID]) -> None:
    session.add_all(
        ConflictFieldCase(field_id=row.id, case_id=case_id) for case_id in dict.fromkeys(case_ids)
    )


def _announce(
    session: AsyncSession,
    principal: Principal,
    row: ConflictField,
    action: str,
    event: EventType,
    **details: Any,
) -> None:
    audit.record_change(
        session,
        f"conflict_field.{action}",
        principal=principal,
        target=audit.Target("conflict_field", row.id),
        event_type=event,
        details=details,
    )


async def create_field(
    session: AsyncSession, principal: Principal, data: ConflictFieldIn
) -> FieldView:
    await _check_links(session, principal, data)
    assert principal.municipality_id is not None
    # The id is set here, so that the links need no flush (a taken name is a 409 at commit).
    row = ConflictField(id=uuid.uuid4(), municipality_id=principal.municipality_id)
    _apply(row, data)
    session.add(row)
    _link(session, row, data.case_ids)
    _announce(
        session,
        principal,
        row,
        "create",
        EventType.CONFLICT_FIELD_CREATED,
        cases=len(set(data.case_ids)),
    )
    await commit_or_conflict(session, TAKEN)
    return await get_field(session, principal, row.id)


async def replace_field(
    session: AsyncSession,
    principal: Principal,
    field_id: uuid.UUID,
    data: ConflictFieldIn,
    if_match: str | None,
) -> FieldView:
    row = await _field(session, principal, field_id, for_update=True)
    check_if_match(if_match, row.version)
    await _check_links(session, principal, data)
    await _unlink(session, row)
    _apply(row, data)
    row.updated_at = utcnow()  # a change of the links alone is a change of the field
    _link(session, row, data.case_ids)
    _announce(
        session,
        principal,
        row,
        "update",
        EventType.CONFLICT_FIELD_UPDATED,
        cases=len(set(data.case_ids)),
    )
    await commit_or_conflict(session, TAKEN)
    return await get_field(session, principal, row.id)


async def delete_field(
    session: AsyncSession, principal: Principal, field_id: uuid.UUID, if_match: str | None
) -> None:
    row = await _field(session, principal, field_id, for_update=True)
    check_if_match(if_match, row.version)
    _announce(session, principal, row, "delete", EventType.CONFLICT_FIELD_DELETED)
    await session.delete(row)
    await commit_or_conflict(session, "The conflict field changed meanwhile; try again.")


# --- figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _CaseRow:
    id: uuid.UUID
    stage: int | None
    endangers: bool
    town: str


def _median(values: list[int]) -> float | None:
    return round(float(stats.median(values)), 1) if values else None


def _group_out(
    disclosure: Disclosure,
    key: str,
    label: str,
    members: Sequence[_CaseRow],
    cell: Count,
) -> GroupFiguresOut:
    stages = [c.stage for c in members if c.stage is not None]
    endangering = sum(1 for c in members if c.endangers)
    if cell.suppressed:
        flagged = Count(value=None, suppressed=True)
    else:
        flagged = disclosure.part_of(endangering, len(members))
    return GroupFiguresOut(
        key=key,
        label=label,
        cases=cell,
        highest_stage=derived(float(max(stages)) if stages else None, cell),
        median_stage=derived(_median(stages), cell),
        endangering_democracy=flagged,
    )


def _groups(
    disclosure: Disclosure,
    categories: Sequence[tuple[str, str]],
    members: dict[str, list[_CaseRow]],
) -> list[GroupFiguresOut]:
    cells = disclosure.counts([len(members.get(key, [])) for key, _ in categories])
    return [
        _group_out(disclosure, key, label, members.get(key, []), cell)
        for (key, label), cell in zip(categories, cells, strict=True)
    ]


def _table(
    disclosure: Disclosure,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    members: dict[tuple[str, str], list[int | None]],
) -> HeatTableOut:
    counts = [[len(members.get((r, c), [])) for c, _ in columns] for r, _ in rows]
    hidden = disclosure.hidden_table(counts)
    out_rows = []
    for (row_key, row_label), values, row_hidden in zip(rows, counts, hidden, strict=True):
        cells = []
        for (column, _), value, is_hidden in zip(columns, values, row_hidden, strict=True):
            cell = disclosure.count(value, hidden=is_hidden)
            stages = [s for s in members.get((row_key, column), []) if s is not None]
            cells.append(
                HeatCellOut(
                    column=column,
                    cases=cell,
                    highest_stage=derived(float(max(stages)) if stages else None, cell),
                )
            )
        out_rows.append(HeatRowOut(key=row_key, label=row_label, cells=cells))
    return HeatTableOut(
        columns=[ColumnOut(key=k, label=label) for k, label in columns], rows=out_rows
    )


async def _cases(session: AsyncSession, principal: Principal, period: Period) -> list[_CaseRow]:
    """Every case opened in the period (restricted ones too: they are only counted)."""
    town = func.coalesce(Place.parent_id, Place.id)
    rows = await session.execute(
        scoped(
            Case,
            principal,
            Case.id,
            Case.escalation_level,
            Case.endangers_democracy,
            town,
            Case.place,
        )
        .outerjoin(Place, Place.id == Case.place_id)
        .where(period.contains(Case.created_at))
    )
    return [
        _CaseRow(
            case_id,
            stage,
            endangers,
            str(town_id) if town_id else (NOT_LISTED if named else NO_PLACE),
        )
        for case_id, stage, endangers, town_id, named in rows
    ]


async def _towns(session: AsyncSession, principal: Principal) -> dict[str, tuple[str, str, bool]]:
    """Place id -> (key, name, archived) of the municipality's towns, in name order."""
    towns = await session.scalars(
        scoped(Place, principal)
        .where(Place.kind == PlaceKind.MUNICIPALITY)
        .order_by(Place.name, Place.id)
    )
    return {str(t.id): (t.official_key or str(t.id), t.name, t.archived) for t in towns}


def _level(stage: int | None) -> str:
    return LEVELS[3] if stage is None else LEVELS[(stage - 1) // 3]


def _conflict_lines(
    disclosure: Disclosure, contents: Iterable[dict[str, Any]]
) -> list[ConflictLineOut]:
    """Per pair of actor groups: the cases whose analysis assesses a pair of actors of
    those groups, and the stages assessed. Actors without a group are left out."""
    order = {g.value: i for i, g in enumerate(ActorGroup)}
    per_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for content in contents:
        sector = {a.get("key"): a.get("sector") for a in content.get("actors", [])}
        highest: dict[tuple[str, str], int] = {}
        for item in content.get("assessments", []):
            a, b = sector.get(item.get("actor_a")), sector.get(item.get("actor_b"))
            if not a or not b:
                continue
            first, second = sorted((a, b), key=lambda g: order.get(g, len(order)))
            pair = (first, second)
            highest[pair] = max(highest.get(pair, 0), int(item.get("stage", 0)))
        for pair, stage in highest.items():
            per_pair[pair].append(stage)
    pairs = sorted(per_pair, key=lambda p: (order[p[0]], order[p[1]]))
    cells = disclosure.counts([len(per_pair[p]) for p in pairs])
    return [
        ConflictLineOut(
            sector_a=ActorGroup(a),
            sector_b=ActorGroup(b),
            cases=cell,
            highest_stage=derived(float(max(per_pair[(a, b)])), cell),
            mean_stage=derived(round(stats.mean(per_pair[(a, b)]), 1), cell),
        )
        for (a, b), cell in zip(pairs, cells, strict=True)
    ]


async def figures(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> FiguresOut:
    """The district's figures for cases opened in ``period``."""
    disclosure = Disclosure.for_caller(principal, threshold)
    disclosure.check_period(period)
    cases = await _cases(session, principal, period)
    by_id = {c.id: c for c in cases}
    ids = list(by_id)

    fields = (
        await session.scalars(scoped(ConflictField, principal).order_by(ConflictField.name))
    ).all()
    field_members: dict[str, list[_CaseRow]] = defaultdict(list)
    topics: dict[uuid.UUID, list[str]] = defaultdict(list)
    contents: list[dict[str, Any]] = []
    created: dict[uuid.UUID, str] = {}
    if ids:
        for field_id, case_id in await session.execute(
            select(ConflictFieldCase.field_id, ConflictFieldCase.case_id).where(
                ConflictFieldCase.case_id.in_(ids)
            )
        ):
            field_members[str(field_id)].append(by_id[case_id])
        for case_id, topic in await session.execute(
            select(CaseTopicRow.case_id, CaseTopicRow.topic).where(CaseTopicRow.case_id.in_(ids))
        ):
            topics[case_id].append(topic.value if isinstance(topic, CaseTopic) else str(topic))
        contents = list(
            await session.scalars(
                scoped(CaseAnalysis, principal, CaseAnalysis.content).where(
                    CaseAnalysis.case_id.in_(ids)
                )
            )
        )
        month = period.month_of(Case.created_at).label("month")
        for case_id, label in await session.execute(
            scoped(Case, principal, Case.id, month).where(Case.id.in_(ids))
        ):
            created[case_id] = label

    towns = await _towns(session, principal)
    town_members: dict[str, list[_CaseRow]] = defaultdict(list)
    for c in cases:
        town_members[towns[c.town][0] if c.town in towns else c.town].append(c)
    place_categories = [
        (key, name)
        for key, name, archived in towns.values()
        if not archived or town_members.get(key)
    ] + [(NOT_LISTED, "nicht gelistet"), (NO_PLACE, "ohne Ort")]

    topic_columns = [(t.value, t.value) for t in CaseTopic]
    heat: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for key, members in town_members.items():
        for c in members:
            for topic in topics.get(c.id, []):
                heat[(key, topic)].append(c.stage)

    months = period.months()
    level_cells: dict[tuple[str, str], list[int | None]] = defaultdict(list)
    for c in cases:
        level_cells[(created.get(c.id, months[0].label), _level(c.stage))].append(c.stage)

    return FiguresOut(
        period=PeriodOut(from_=period.first_day, to=period.last_day),
        municipality_id=principal.municipality_id,
        suppression_threshold=disclosure.threshold,
        cases=disclosure.count(len(cases)),
        by_field=_groups(disclosure, [(str(f.id), f.name) for f in fields], field_members),
        by_place=_groups(disclosure, place_categories, town_members),
        places_by_topic=_table(disclosure, place_categories, topic_columns, heat),
        levels_by_month=_table(
            disclosure,
            [(m.label, m.label) for m in months],
            [(lv, lv) for lv in LEVELS],
            level_cells,
        ),
        conflict_lines=_conflict_lines(disclosure, contents),
    )


# --- the expertise document ----------------------------------------------------------------


async def list_reports(
    session: AsyncSession, principal: Principal, *, limit: int, cursor: str | None
) -> tuple[list[RegionalReport], str | None]:
    return await paginate(
        session,
        scoped(RegionalReport, principal),
        keys=[SortKey(RegionalReport.number)],
        id_column=RegionalReport.id,
        limit=limit,
        cursor=cursor,
    )


async def get_report(session: AsyncSession, principal: Principal, number: int) -> RegionalReport:
    report = await session.scalar(
        scoped(RegionalReport, principal).where(RegionalReport.number == number)
    )
    if report is None:
        raise NotFound("Regional analysis version")
    return report


async def save_report(
    session: AsyncSession, principal: Principal, content: ReportContent
) -> RegionalReport:
    """Save the expertise document as the next read-only version."""
    if content.adopted_on is not None and content.adopted_on > local_today():
        raise invalid("body.adopted_on", "This day is in the future.", "future_date")
    field_ids = {f.field_id for f in content.findings if f.field_id is not None}
    if field_ids:
        found = set(
            await session.scalars(
                scoped(ConflictField, principal, ConflictField.id).where(
                    ConflictField.id.in_(field_ids)
                )
            )
        )
        for i, finding in enumerate(content.findings):
            if finding.field_id is not None and finding.field_id not in found:
                raise invalid(
                    f"body.findings.{i}.field_id",
                    "Name a conflict field of your municipality.",
                    "unknown_field",
                )
    assert principal.municipality_id is not None
    last = await session.scalar(scoped(RegionalReport, principal, func.max(RegionalReport.number)))
    report = RegionalReport(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        number=(last or 0) + 1,
        content=content.model_dump(mode="json"),
        author_id=principal.id,
        author_name=await actor_name(session, principal),
    )
    session.add(report)
    audit.record(
        session,
        "regional_report.save",
        principal=principal,
        target=audit.Target("regional_report", report.id),
        details={"number": report.number},
    )
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type=EventType.REGIONAL_REPORT_SAVED,
        resource_id=report.id,
        data={"number": report.number},
    )
    await commit_or_conflict(session, "Someone saved a version at the same time; try again.")
    return report


async def export_report(
    session: AsyncSession, principal: Principal, number: int, fmt: str
) -> tuple[RegionalReport, list[ConflictField]]:
    """The version to export and the conflict fields it names; the export is audited."""
    report = await get_report(session, principal, number)
    fields = list(
        (
            await session.scalars(scoped(ConflictField, principal).order_by(ConflictField.name))
        ).all()
    )
    audit.record(
        session,
        "regional_report.export",
        principal=principal,
        target=audit.Target("regional_report", report.id),
        details={"number": report.number, "format": fmt},
    )
    await session.commit()
    return report, fields
