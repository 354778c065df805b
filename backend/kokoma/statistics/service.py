"""Statistics for the steering group: aggregates of the caller's municipality, or of
every municipality side by side for the project lead.

Every figure is computed by the database (``COUNT``/``SUM`` over ``CASE``, ``GROUP
BY``) along the indexes on (municipality, date); Python only sees the handful of
aggregated groups of a breakdown. The key figures of the overview and the network
view add up the daily totals (``kokoma.statistics.daily``) instead of a year's rows. One grouped query often serves several
breakdowns (cases by status × escalation level × democracy flag, at most 126
groups), which saves a scan of the table per breakdown.

Counts include every record of the municipality, ``restricted`` cases too: a count
shows no content, and a municipality's figures must not depend on who asks. What
the caller may see of them is decided in ``kokoma.statistics.suppression``.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.cases.models import (
    Case,
    CaseStatus,
    CaseTopic,
    CaseTopicRow,
    EscalationLevel,
)
from kokoma.consultations.models import (
    Consultation,
    ConsultationFormat,
    ConsultationKind,
)
from kokoma.contacts.models import ActorGroup, Contact
from kokoma.core.reads import read
from kokoma.core.tenancy import scoped
from kokoma.crisis_plans.models import PLAN_LEVELS, CrisisPlan, CrisisPlanActivation
from kokoma.municipalities.models import Municipality
from kokoma.peer.models import PeerSession, PeerSessionRole, SessionStatus
from kokoma.places.models import Place, PlaceKind
from kokoma.referrals.models import Referral, ReferralStatus
from kokoma.statistics import daily
from kokoma.statistics.models import DailyFigures
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import (
    ActivationStatistics,
    Amount,
    CaseMonthRow,
    CaseStatistics,
    ConsultationStatistics,
    ContactGroupRow,
    ContactStatistics,
    Count,
    CountRow,
    HoursRow,
    MunicipalityFigures,
    NetworkStatistics,
    NetworkTotal,
    Overview,
    PeerSessionStatistics,
    PeriodOut,
    ReferralStatistics,
    TrainingStatistics,
)
from kokoma.statistics.suppression import Disclosure, derived, total_of
from kokoma.trainings.models import (
    ATTENDED,
    Attendance,
    AttendanceStatus,
    TrainingParticipant,
    TrainingSession,
)

# At most this many receiving bodies are named; the rest are summed up as `other`.
MAX_TARGET_SERVICES = 50
OTHER = ("other", None)  # named in the reader's language by labels.py
# A receiving body named in words only has no actor group.
NOT_IN_NETWORK = ("not_in_network", None)
UNRATED = ("unrated", None)
# Cases by place: besides the listed municipalities, a place in words and none.
NOT_LISTED = ("not_listed", None)
NO_PLACE = ("unknown", None)

Category = tuple[str, str | None]  # (key, German label)


def _categories(values: Iterable[Any]) -> list[Category]:
    return [(_key(value), None) for value in values]


def _key(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "value", value))


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def _hours(minutes: int) -> float:
    return round(minutes / 60, 1)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class _Request:
    principal: Principal
    period: Period
    disclosure: Disclosure

    @classmethod
    def of(cls, principal: Principal, period: Period, threshold: int) -> _Request:
        disclosure = Disclosure.for_caller(principal, threshold)
        disclosure.check_period(period)
        return cls(principal, period, disclosure)

    def meta(self) -> dict[str, Any]:
        return {
            "period": self._period_out(),
            "municipality_id": self.principal.municipality_id,
            "suppression_threshold": self.disclosure.threshold,
        }

    def _period_out(self) -> PeriodOut:
        return PeriodOut(from_=self.period.first_day, to=self.period.last_day)

    def scoped(self, model: type[Any], *columns: Any) -> Select[Any]:
        return scoped(model, self.principal, *columns)

    def count_rows(
        self, categories: Sequence[Category], counts: dict[str, int], *, total_hidden: bool = False
    ) -> list[CountRow]:
        """A breakdown in the given category order, every category listed, zeros included."""
        values = [counts.get(key, 0) for key, _ in categories]
        cells = self.disclosure.counts(values, total_hidden=total_hidden)
        return [
            CountRow(key=key, label=label, count=cell)
            for (key, label), cell in zip(categories, cells, strict=True)
        ]

    def hours_rows(
        self,
        categories: Sequence[Category],
        measures: Mapping[str, tuple[int, ...]],
    ) -> list[HoursRow]:
        """A breakdown of consultations; ``measures`` maps a key to (count, minutes)."""
        values = [measures.get(key, (0, 0)) for key, _ in categories]
        cells = self.disclosure.counts([count for count, _ in values])
        return [
            HoursRow(key=key, label=label, count=cell, hours=derived(_hours(minutes), cell))
            for (key, label), cell, (_, minutes) in zip(categories, cells, values, strict=True)
        ]


def _marginal(groups: Sequence[Sequence[Any]], index: int, width: int) -> dict[str, list[int]]:
    """Sums the measures of grouped rows (the columns after the ``width`` grouping columns)
    per value of grouping column ``index``."""
    totals: dict[str, list[int]] = {}
    for group in groups:
        measures = totals.setdefault(_key(group[index]), [0] * (len(group) - width))
        for position, value in enumerate(group[width:]):
            measures[position] += value or 0
    return totals


def _first(totals: dict[str, list[int]]) -> dict[str, int]:
    return {key: measures[0] for key, measures in totals.items()}


def _pairs(totals: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {key: (measures[0], measures[1]) for key, measures in totals.items()}


async def _per_month(
    session: AsyncSession,
    request: _Request,
    column: Any,
    *sums: Any,
    where: ColumnElement[bool] | None = None,
) -> dict[str, tuple[int, ...]]:
    """(row count, each of ``sums`` summed) per month label, for the rows whose
    ``column`` lies in the period (and that meet ``where``)."""
    period = request.period
    labelled = [period.month_of(column).label("month")]
    labelled += [value.label(f"sum_{i}") for i, value in enumerate(sums)]
    rows = request.scoped(column.class_, *labelled).where(period.contains(column))
    if where is not None:
        rows = rows.where(where)
    months = rows.subquery()
    totals = [func.coalesce(func.sum(months.c[f"sum_{i}"]), 0) for i in range(len(sums))]
    stmt = select(months.c.month, func.count(), *totals).group_by(months.c.month)
    return {month: tuple(values) for month, *values in (await session.execute(stmt)).all()}


# --- overview and network view ------------------------------------------------------


@dataclass
class _KeyFigures:
    cases_open: int = 0
    cases_new: int = 0
    cases_closed: int = 0
    consultations: int = 0
    minutes: int = 0
    referrals: int = 0
    active_contacts: int = 0
    qualified_conflict_managers: int = 0
    # Not published: the people in qualification series by the end of the period, of
    # whom the qualified are a part (see _key_cells).
    training_participants: int = 0


_COUNTED = tuple(
    f.name for f in fields(_KeyFigures) if f.name not in ("minutes", "training_participants")
)


def _per_municipality(
    request: _Request, network: bool, model: type[Any], *columns: Any
) -> Select[Any]:
    """Aggregates per municipality: the caller's own (through tenancy), or, for the
    network view (permission statistics:network), every municipality's."""
    if network:
        stmt = select(model.municipality_id, *columns)
    else:
        stmt = request.scoped(model, model.municipality_id, *columns)
    return stmt.group_by(model.municipality_id)


def _key_figure_queries(
    request: _Request, network: bool
) -> list[tuple[Select[Any], tuple[str, ...]]]:
    period = request.period
    # Cases and consultations from the day totals: a few thousand rows instead of a
    # year's cases and consultations (bench/RESULTS.md).
    sums = daily.key_figure_sums(period)
    days = _per_municipality(request, network, DailyFigures, *sums.values()).where(
        daily.up_to_end(period)
    )
    contacts = _per_municipality(request, network, Contact, func.count()).where(
        period.before_end(Contact.created_at)
    )
    # A person is known by account or contact; an unlinked participant counts on their own.
    person = func.coalesce(
        TrainingParticipant.user_id, TrainingParticipant.contact_id, TrainingParticipant.id
    )
    qualified = _per_municipality(
        request, network, TrainingParticipant, func.count(distinct(person))
    ).where(period.before_end(TrainingParticipant.completed_on))
    started = select(TrainingSession.series_id).where(period.before_end(TrainingSession.day))
    participants = _per_municipality(
        request, network, TrainingParticipant, func.count(distinct(person))
    ).where(TrainingParticipant.series_id.in_(started))
    return [
        (days, tuple(sums)),
        (contacts, ("active_contacts",)),
        (qualified, ("qualified_conflict_managers",)),
        (participants, ("training_participants",)),
    ]


@dataclass(frozen=True)
class _Shape:
    """What the key figure statement depends on: the municipality (tenancy), the period
    and the view. The request is carried along to build it, not compared."""

    municipality_id: uuid.UUID
    period: Period
    network: bool
    request: _Request = field(compare=False, hash=False)


# Built once per municipality, period and view: building it and deriving its SQL cache
# key cost more CPU than the rest of the overview (bench/RESULTS.md).
@lru_cache(maxsize=256)
def _key_figure_statement(shape: _Shape) -> tuple[Select[Any], tuple[str, ...]]:
    """The key figure queries as one statement: each municipality (the caller's, or all
    for the network view) joined with its row of each query. One round trip instead of
    four (bench/RESULTS.md); a municipality without rows in a query gets nulls there."""
    request, network = shape.request, shape.network
    stmt = select(Municipality.id)
    if not network:
        stmt = stmt.where(Municipality.id == shape.municipality_id)
    names: list[str] = []
    for query, query_names in _key_figure_queries(request, network):
        rows = query.subquery()
        municipality, *values = rows.c
        stmt = stmt.outerjoin(rows, municipality == Municipality.id).add_columns(*values)
        names += query_names
    return stmt, tuple(names)


async def _key_figures(
    session: AsyncSession, request: _Request, *, network: bool
) -> dict[uuid.UUID, _KeyFigures]:
    shape = _Shape(request.principal.municipality_id, request.period, network, request)
    stmt, names = _key_figure_statement(shape)
    figures: dict[uuid.UUID, _KeyFigures] = {}
    # Through Core (kokoma.core.reads): the statistics only read.
    for municipality_id, *values in (await read(session, stmt)).all():
        figures[municipality_id] = _KeyFigures(
            **{name: value or 0 for name, value in zip(names, values, strict=True)}
        )
    return figures


def _key_cells(figures: _KeyFigures, disclosure: Disclosure) -> dict[str, Count | Amount]:
    counts = {name: disclosure.count(getattr(figures, name)) for name in _COUNTED}
    return {
        **counts,
        # The trainings figures publish the participants; the qualified are a part of
        # them, so they are hidden when the rest (not qualified) is too small, as there.
        "qualified_conflict_managers": disclosure.part_of(
            figures.qualified_conflict_managers, figures.training_participants
        ),
        "consultation_hours": derived(_hours(figures.minutes), counts["consultations"]),
    }


async def overview(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> Overview:
    """The key figures of the caller's municipality for ``period``.

    Open cases are those open at the end of the period (by the case's current
    closing date); closed counts cases closed or referred within it.
    """
    request = _Request.of(principal, period, threshold)
    figures = await _key_figures(session, request, network=False)
    own = figures.get(principal.municipality_id, _KeyFigures())
    return Overview(**request.meta(), **_key_cells(own, request.disclosure))


# The network view's rows, built once.
_MUNICIPALITIES = select(Municipality.id, Municipality.slug, Municipality.name).order_by(
    Municipality.name, Municipality.id
)


async def network(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> NetworkStatistics:
    """Every municipality's key figures, and their sum (withheld per figure when any
    municipality's figure is suppressed)."""
    request = _Request.of(principal, period, threshold)
    figures = await _key_figures(session, request, network=True)
    municipalities = (await read(session, _MUNICIPALITIES)).all()
    rows = [
        MunicipalityFigures(
            municipality_id=m.id,
            key=m.slug,
            label=m.name,
            **_key_cells(figures.get(m.id, _KeyFigures()), request.disclosure),
        )
        for m in municipalities
    ]
    sums = _KeyFigures(
        **{f.name: sum(getattr(x, f.name) for x in figures.values()) for f in fields(_KeyFigures)}
    )
    counts = {
        name: total_of([getattr(row, name) for row in rows], getattr(sums, name))
        for name in _COUNTED
    }
    total: dict[str, Count | Amount] = {
        **counts,
        "consultation_hours": derived(_hours(sums.minutes), counts["consultations"]),
    }
    meta = request.meta()
    return NetworkStatistics(
        period=meta["period"],
        suppression_threshold=meta["suppression_threshold"],
        municipalities=rows,
        total=NetworkTotal(**total),
    )


# --- breakdowns ---------------------------------------------------------------------


async def _cases_by_place(
    session: AsyncSession, request: _Request, opened: ColumnElement[bool]
) -> list[CountRow]:
    """Opened cases by place: an Ortsteil counts with its municipality, each municipality
    of the list keyed by its official key (its id where it has none); places named in
    words only as `not_listed`, cases without a place as `unknown`."""
    town = func.coalesce(Place.parent_id, Place.id)
    named = case((Case.place.is_(None), 0), else_=1)
    groups = (
        await session.execute(
            request.scoped(Case, town, named, func.count())
            .outerjoin(Place, Place.id == Case.place_id)
            .where(opened)
            .group_by(town, named)
        )
    ).all()
    towns = (
        await session.scalars(
            request.scoped(Place)
            .where(Place.kind == PlaceKind.MUNICIPALITY)
            .order_by(Place.name, Place.id)
        )
    ).all()
    key_of = {place.id: place.official_key or str(place.id) for place in towns}
    counts: dict[str, int] = defaultdict(int)
    for town_id, has_name, count in groups:
        if town_id is not None:
            counts[key_of[town_id]] += count
        else:
            counts[NOT_LISTED[0] if has_name else NO_PLACE[0]] += count
    shown = [place for place in towns if not place.archived or counts.get(key_of[place.id])]
    categories = [(key_of[place.id], place.name) for place in shown] + [NOT_LISTED, NO_PLACE]
    return request.count_rows(categories, counts)


async def case_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> CaseStatistics:
    """Cases opened in ``period`` by current status, topic, escalation level and
    democracy flag; cases opened and ended per month."""
    request = _Request.of(principal, period, threshold)
    opened = period.contains(Case.created_at)
    dimensions = (Case.status, Case.escalation_level, Case.endangers_democracy)
    groups = (
        await session.execute(
            request.scoped(Case, *dimensions, func.count()).where(opened).group_by(*dimensions)
        )
    ).all()
    topics = (
        await session.execute(
            request.scoped(Case, CaseTopicRow.topic, func.count())
            .join_from(Case, CaseTopicRow, CaseTopicRow.case_id == Case.id)
            .where(opened)
            .group_by(CaseTopicRow.topic)
        )
    ).all()
    new_by_month = await _per_month(session, request, Case.created_at)
    closed_by_month = await _per_month(session, request, Case.closed_at)
    months = [m.label for m in period.months()]
    new_cells = request.disclosure.counts([new_by_month.get(m, (0,))[0] for m in months])
    closed_cells = request.disclosure.counts([closed_by_month.get(m, (0,))[0] for m in months])
    levels = [(str(level.value), level.label_de) for level in EscalationLevel] + [UNRATED]
    by_level = _first(_marginal(groups, 1, 3))
    by_level[UNRATED[0]] = by_level.pop("", 0)
    return CaseStatistics(
        **request.meta(),
        new=request.disclosure.count(sum(group[-1] for group in groups)),
        closed=request.disclosure.count(sum(count for (count,) in closed_by_month.values())),
        by_status=request.count_rows(_categories(CaseStatus), _first(_marginal(groups, 0, 3))),
        by_topic=request.count_rows(_categories(CaseTopic), _first(_marginal(topics, 0, 1))),
        by_escalation_level=request.count_rows(levels, by_level),
        by_endangers_democracy=request.count_rows(
            _categories((True, False)), _first(_marginal(groups, 2, 3))
        ),
        by_place=await _cases_by_place(session, request, opened),
        by_month=[
            CaseMonthRow(key=month, new=new, closed=closed)
            for month, new, closed in zip(months, new_cells, closed_cells, strict=True)
        ],
    )


async def consultation_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> ConsultationStatistics:
    """Consultations begun in ``period``, with their hours, by kind, format and month."""
    request = _Request.of(principal, period, threshold)
    dimensions = (Consultation.kind, Consultation.format)
    groups = (
        await session.execute(
            request.scoped(
                Consultation,
                *dimensions,
                func.count(),
                func.coalesce(func.sum(Consultation.duration_minutes), 0),
            )
            .where(period.contains(Consultation.started_at))
            .group_by(*dimensions)
        )
    ).all()
    by_month = await _per_month(
        session, request, Consultation.started_at, Consultation.duration_minutes
    )
    count = sum(group[2] for group in groups)
    total = request.disclosure.count(count)
    return ConsultationStatistics(
        **request.meta(),
        total=total,
        hours=derived(_hours(sum(group[3] for group in groups)), total),
        by_kind=request.hours_rows(_categories(ConsultationKind), _pairs(_marginal(groups, 0, 2))),
        by_format=request.hours_rows(
            _categories(ConsultationFormat), _pairs(_marginal(groups, 1, 2))
        ),
        by_month=request.hours_rows(_categories(m.label for m in period.months()), by_month),
    )


def _target_categories(
    disclosure: Disclosure, counts: dict[str, int], names: dict[str, str]
) -> tuple[list[Category], dict[str, int]]:
    """The receiving bodies to name, most frequent first, and the counts with every
    body not named (rare ones, those beyond the limit) summed as `other`."""
    ranked = sorted(
        ((key, n) for key, n in counts.items() if key != OTHER[0]),
        key=lambda item: (-item[1], names[item[0]].casefold(), item[0]),
    )
    named = [(key, n) for key, n in ranked if not disclosure.too_small(n)][:MAX_TARGET_SERVICES]
    rest = sum(counts.values()) - sum(n for _, n in named)
    categories: list[Category] = [(key, names[key]) for key, _ in named]
    if rest:
        categories.append(OTHER)
    return categories, {**dict(named), OTHER[0]: rest}


async def referral_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> ReferralStatistics:
    """Referrals made in ``period`` (by the day they were made), by receiving body, by the
    receiving contact's actor group and by status."""
    request = _Request.of(principal, period, threshold)
    dimensions = (
        Referral.contact_id,
        Referral.target_name,
        Contact.name,
        Contact.actor_group,
        Referral.status,
    )
    groups = (
        await session.execute(
            request.scoped(Referral, *dimensions, func.count())
            .outerjoin(Contact, Contact.id == Referral.contact_id)
            .where(period.contains(Referral.referred_on))
            .group_by(*dimensions)
        )
    ).all()
    total = request.disclosure.count(sum(group[-1] for group in groups))
    # A network contact counts under its id, named as it is called now; a body named
    # in words only, under that text.
    names: dict[str, str] = {}
    by_receiver: dict[str, int] = defaultdict(int)
    for contact_id, target_name, contact_name, *_, count in groups:
        key = str(contact_id) if contact_id else target_name
        names[key] = contact_name or target_name
        by_receiver[key] += count
    categories, by_target = _target_categories(request.disclosure, by_receiver, names)
    by_group = _first(_marginal(groups, 3, 5))
    by_group[NOT_IN_NETWORK[0]] = by_group.pop("", 0)
    return ReferralStatistics(
        **request.meta(),
        total=total,
        by_target_service=request.count_rows(categories, by_target, total_hidden=total.suppressed),
        by_actor_group=request.count_rows(
            [*_categories(ActorGroup), NOT_IN_NETWORK], by_group, total_hidden=total.suppressed
        ),
        by_status=request.count_rows(
            _categories(ReferralStatus),
            _first(_marginal(groups, 4, 5)),
            total_hidden=total.suppressed,
        ),
    )


async def contact_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> ContactStatistics:
    """The network at the end of ``period`` and the contacts added in it, by actor group."""
    request = _Request.of(principal, period, threshold)
    groups = (
        await session.execute(
            request.scoped(
                Contact,
                Contact.actor_group,
                func.count(),
                _count_if(period.since_start(Contact.created_at)),
            )
            .where(period.before_end(Contact.created_at))
            .group_by(Contact.actor_group)
        )
    ).all()
    totals = _marginal(groups, 0, 1)
    groups_order = _categories(ActorGroup)
    disclosure = request.disclosure
    contacts = disclosure.counts([totals.get(key, [0, 0])[0] for key, _ in groups_order])
    new = disclosure.counts([totals.get(key, [0, 0])[1] for key, _ in groups_order])
    return ContactStatistics(
        **request.meta(),
        total=disclosure.count(sum(group[1] for group in groups)),
        new=disclosure.count(sum(group[2] for group in groups)),
        by_actor_group=[
            ContactGroupRow(key=key, label=label, contacts=in_network, new=added)
            for (key, label), in_network, added in zip(groups_order, contacts, new, strict=True)
        ],
    )


async def training_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> TrainingStatistics:
    """Participation, completion and attendance of the qualification series that had
    a session day in ``period``."""
    request = _Request.of(principal, period, threshold)
    active_series = request.scoped(TrainingSession, TrainingSession.series_id).where(
        period.contains(TrainingSession.day)
    )
    participants, completed = (
        await session.execute(
            request.scoped(
                TrainingParticipant,
                func.count(),
                _count_if(period.before_end(TrainingParticipant.completed_on)),
            ).where(TrainingParticipant.series_id.in_(active_series))
        )
    ).one()
    attendance = dict(
        (
            await session.execute(
                request.scoped(TrainingSession, Attendance.status, func.count())
                .join_from(
                    TrainingSession, Attendance, Attendance.session_id == TrainingSession.id
                )
                .where(period.contains(TrainingSession.day))
                .group_by(Attendance.status)
            )
        )
        .tuples()
        .all()
    )
    completion = request.count_rows(
        [("completed", None), ("not_completed", None)],
        {"completed": completed, "not_completed": participants - completed},
    )
    present = sum(attendance.get(status, 0) for status in ATTENDED)
    attendance_rows = request.count_rows(_categories(AttendanceStatus), _by_key(attendance))
    return TrainingStatistics(
        **request.meta(),
        participants=request.disclosure.count(participants),
        completion=completion,
        completion_rate=derived(
            _percent(completed, participants), *(row.count for row in completion)
        ),
        attendance=attendance_rows,
        attendance_rate=derived(
            _percent(present, sum(attendance.values())), *(row.count for row in attendance_rows)
        ),
    )


async def activation_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> ActivationStatistics:
    """Activations of crisis-prevention plans started in ``period``, by plan level and by
    month; activations of exercise plans never count."""
    request = _Request.of(principal, period, threshold)
    started = CrisisPlanActivation.started_at
    real = CrisisPlanActivation.plan_id.in_(
        select(CrisisPlan.id).where(CrisisPlan.training_series_id.is_(None))
    )
    by_level = dict(
        (
            await session.execute(
                request.scoped(CrisisPlanActivation, CrisisPlanActivation.level, func.count())
                .where(period.contains(started), real)
                .group_by(CrisisPlanActivation.level)
            )
        )
        .tuples()
        .all()
    )
    by_month = await _per_month(session, request, started, where=real)
    total = request.disclosure.count(sum(by_level.values()))
    return ActivationStatistics(
        **request.meta(),
        activations=total,
        by_level=request.count_rows(
            [(str(level), None) for level in PLAN_LEVELS],
            _by_key(by_level),
            total_hidden=total.suppressed,
        ),
        by_month=request.count_rows(
            _categories(m.label for m in period.months()),
            {month: counts[0] for month, counts in by_month.items()},
        ),
    )


async def peer_session_statistics(
    session: AsyncSession, principal: Principal, period: Period, *, threshold: int
) -> PeerSessionStatistics:
    """Closed peer sessions of ``period`` with people of the caller's municipality among
    their participants; the sessions' other municipalities are only counted."""
    request = _Request.of(principal, period, threshold)
    held = (
        select(PeerSession.id)
        .join(PeerSessionRole, PeerSessionRole.session_id == PeerSession.id)
        .where(
            PeerSession.status == SessionStatus.CLOSED,
            period.contains(PeerSession.starts_at),
            PeerSessionRole.municipality_id == principal.municipality_id,
        )
        .distinct()
    )
    sessions = await session.scalar(select(func.count()).select_from(held.subquery()))
    participants, towns = (
        await session.execute(
            select(
                _count_if(PeerSessionRole.municipality_id == principal.municipality_id),
                func.count(distinct(PeerSessionRole.municipality_id)),
            ).where(PeerSessionRole.session_id.in_(held))
        )
    ).one()
    return PeerSessionStatistics(
        **request.meta(),
        sessions=request.disclosure.count(sessions or 0),
        participants=request.disclosure.count(participants or 0),
        municipalities=request.disclosure.count(towns or 0),
    )


def _by_key(counts: dict[Any, int]) -> dict[str, int]:
    return {_key(key): value for key, value in counts.items()}
