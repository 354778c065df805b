"""Keeps ``DailyFigures`` in step with cases, consultations and referrals, and reads them.

Every ORM flush that adds, changes or deletes a case, consultation or referral adds its
difference to the day rows within the same transaction (``after_flush``): a
service cannot forget it, a rollback takes it back, and concurrent writers add
up rather than overwrite (``INSERT … ON CONFLICT DO UPDATE SET n = n + …``).
Bulk statements that bypass the ORM (``COPY``, ``executemany``) must be followed
by ``rebuild`` — ``kokoma statistics rebuild`` does that.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Table,
    case,
    delete,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Session, UOWTransaction

from kokoma.cases.models import Case
from kokoma.consultations.models import Consultation
from kokoma.core.calendar import local_day
from kokoma.referrals.models import Referral
from kokoma.statistics.models import DailyFigures
from kokoma.statistics.period import Period

MEASURES = ("cases_opened", "cases_closed", "consultations", "consultation_minutes", "referrals")
_REBUILD_CHUNK = 5_000

Day = tuple[uuid.UUID, date]


class _Tally:
    """Differences per (municipality, day); zero differences write nothing."""

    def __init__(self) -> None:
        self.days: dict[Day, Counter[str]] = defaultdict(Counter)

    def add(
        self, municipality_id: uuid.UUID, moment: datetime | date, sign: int, **measures: int
    ) -> None:
        # A referral is counted on the day it was made, a date already.
        day = local_day(moment) if isinstance(moment, datetime) else moment
        counter = self.days[(municipality_id, day)]
        for name, value in measures.items():
            counter[name] += sign * value

    def count(self, model: type[Any], values: dict[str, Any], sign: int) -> None:
        """Adds (``sign`` 1) or takes back (-1) what a case, consultation or referral
        with ``values`` counts."""
        if model is Case:
            self.add(values["municipality_id"], values["created_at"], sign, cases_opened=1)
            if values["closed_at"] is not None:
                self.add(values["municipality_id"], values["closed_at"], sign, cases_closed=1)
        elif model is Referral:
            self.add(values["municipality_id"], values["referred_on"], sign, referrals=1)
        else:
            self.add(
                values["municipality_id"],
                values["started_at"],
                sign,
                consultations=1,
                consultation_minutes=values["duration_minutes"],
            )

    def rows(self) -> list[dict[str, Any]]:
        """The non-zero differences, in key order (so that writers lock day rows in
        the same order and cannot deadlock each other)."""
        return [
            {"municipality_id": key[0], "day": key[1], **{m: counter[m] for m in MEASURES}}
            for key, counter in sorted(self.days.items())
            if any(counter.values())
        ]


_ATTRIBUTES: dict[type[Any], Sequence[str]] = {
    Case: ("municipality_id", "created_at", "closed_at"),
    Consultation: ("municipality_id", "started_at", "duration_minutes"),
    Referral: ("municipality_id", "referred_on"),
}


def _attributes(record: Any) -> Sequence[str]:
    return _ATTRIBUTES[type(record)]


def _current(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _attributes(record)}


def _previous(record: Any) -> dict[str, Any]:
    """The values as last loaded from the database, before this flush's changes."""
    state = inspect(record)
    values = {}
    for name in _attributes(record):
        history = state.attrs[name].history
        if history.deleted:
            values[name] = history.deleted[0]
        elif history.added:
            # Set without the old value loaded: the difference cannot be known.
            raise RuntimeError(f"{type(record).__name__}.{name} changed before it was loaded")
        else:
            values[name] = getattr(record, name)
    return values


def _counted(records: Iterable[Any]) -> list[Any]:
    return [r for r in records if type(r) in _ATTRIBUTES]


@event.listens_for(Session, "after_flush")
def _keep_daily_figures(session: Session, _flush: UOWTransaction) -> None:
    # The session's new/dirty/deleted lists and attribute histories still show the
    # state before this flush here; the flushed rows' defaults are filled in.
    tally = _Tally()
    for record in _counted(session.new):
        tally.count(type(record), _current(record), 1)
    for record in _counted(session.deleted):
        tally.count(type(record), _previous(record), -1)
    for record in _counted(session.dirty):
        if session.is_modified(record, include_collections=False):
            tally.count(type(record), _previous(record), -1)
            tally.count(type(record), _current(record), 1)
    rows = tally.rows()
    if rows:
        connection = session.connection()
        connection.execute(_upsert(connection.dialect.name, rows))


def _upsert(dialect: str, rows: list[dict[str, Any]]) -> Any:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(DailyFigures).values(rows)
    table = DailyFigures.__table__
    return stmt.on_conflict_do_update(
        index_elements=[table.c.municipality_id, table.c.day],
        set_={name: table.c[name] + stmt.excluded[name] for name in MEASURES},
    )


async def rebuild(session: AsyncSession) -> int:
    """Recounts every day row from the cases, consultations and referrals (after a bulk load or a
    restore); returns the number of day rows. The caller commits."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        # Safe while people work: a writer's day-row change waits until the recount
        # commits and then applies on top of it; one that came first is in the recount.
        # (On SQLite every transaction already holds the write lock.)
        await session.execute(text(f"LOCK TABLE {DailyFigures.__tablename__} IN EXCLUSIVE MODE"))
    tally = _Tally()
    for model, names in _ATTRIBUTES.items():
        stmt = select(*(getattr(model, n) for n in names)).execution_options(yield_per=10_000)
        async for row in await session.stream(stmt):
            tally.count(model, dict(zip(names, row, strict=True)), 1)
    await session.execute(delete(DailyFigures))
    rows = tally.rows()
    for start in range(0, len(rows), _REBUILD_CHUNK):
        await session.execute(
            cast(Table, DailyFigures.__table__).insert(), rows[start : start + _REBUILD_CHUNK]
        )
    return len(rows)


def _within(
    period: Period, value: ColumnElement[int] | InstrumentedAttribute[int]
) -> ColumnElement[int]:
    return func.sum(case((DailyFigures.day >= period.first_day, value), else_=0))


def key_figure_sums(period: Period) -> dict[str, ColumnElement[int]]:
    """The key figures as sums over the day rows up to the end of ``period``
    (``up_to_end``). Open at the end: opened up to then, less closed up to then."""
    figures = DailyFigures
    return {
        "cases_open": func.sum(figures.cases_opened - figures.cases_closed),
        "cases_new": _within(period, figures.cases_opened),
        "cases_closed": _within(period, figures.cases_closed),
        "consultations": _within(period, figures.consultations),
        "minutes": _within(period, figures.consultation_minutes),
        "referrals": _within(period, figures.referrals),
    }


def up_to_end(period: Period) -> ColumnElement[bool]:
    """The day rows that ``key_figure_sums`` adds up."""
    return DailyFigures.day <= period.last_day
