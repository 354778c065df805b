"""The reporting period: calendar days and months where the conflict managers work.

Periods are whole days in German time (Europe/Berlin), like every date filter in
KoKoMa. Timestamps are stored in UTC, so the edges of a day or month are converted
once, here, into UTC instants; queries then compare plain column values, which
keeps them index-friendly and identical on SQLite and PostgreSQL.

Month buckets are a ``CASE`` over those precomputed month edges instead of
``strftime`` (SQLite) and ``date_trunc`` (PostgreSQL): SQLite knows no time zones,
so a case opened at 00:30 on 1 January would land in December there. The ``CASE``
is a balanced binary search, so a row passes at most ⌈log2(months)⌉ comparisons.
Group by it through a subquery column: its edges are bound parameters, and
PostgreSQL would not recognise a second copy of the expression in GROUP BY.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, DateTime, and_, case, literal

from kokoma.core.calendar import local_midnight, local_today
from kokoma.db import UTCDateTime
from kokoma.errors import invalid

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2999, 12, 31)
MAX_MONTHS = 120


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Month:
    label: str  # "2026-03"
    first_day: date


@dataclass(frozen=True)
class Period:
    """``first_day`` to ``last_day``, both included."""

    first_day: date
    last_day: date

    @classmethod
    def of(cls, first_day: date | None, last_day: date | None) -> Period:
        """The period asked for. A missing end is filled from the other end's calendar
        year, or the current year when both are missing; 422 for an impossible period."""
        year = (first_day or last_day or local_today()).year
        period = cls(first_day or date(year, 1, 1), last_day or date(year, 12, 31))
        period._check()
        return period

    def _check(self) -> None:
        if not EARLIEST_DAY <= self.first_day <= LATEST_DAY:
            raise invalid(
                "query.from", f"`from` must lie between {EARLIEST_DAY} and {LATEST_DAY}."
            )
        if not EARLIEST_DAY <= self.last_day <= LATEST_DAY:
            raise invalid("query.to", f"`to` must lie between {EARLIEST_DAY} and {LATEST_DAY}.")
        if self.last_day < self.first_day:
            raise invalid("query.to", "`to` must not lie before `from`.")
        span = (self.last_day.year - self.first_day.year) * 12
        if span + self.last_day.month - self.first_day.month >= MAX_MONTHS:
            raise invalid("query.to", f"The period may span at most {MAX_MONTHS} months.")

    @property
    def is_calendar_year(self) -> bool:
        """1 January to 31 December of one year: a fixed reporting period."""
        year = self.first_day.year
        return (self.first_day, self.last_day) == (date(year, 1, 1), date(year, 12, 31))

    @property
    def end(self) -> date:
        """The first day after the period."""
        return self.last_day + timedelta(days=1)

    def months(self) -> list[Month]:
        """The calendar months the period touches, in order (the first may start late)."""
        months, day = [], self.first_day
        while day <= self.last_day:
            months.append(Month(f"{day.year:04d}-{day.month:02d}", day))
            day = _next_month(day)
        return months

    def before_end(self, column: Any) -> ColumnElement[bool]:
        """``column`` lies before the end of the period (in it or earlier)."""
        return column < _edge(column, self.end)

    def since_start(self, column: Any) -> ColumnElement[bool]:
        """``column`` lies in the period or later."""
        return column >= _edge(column, self.first_day)

    def contains(self, column: Any) -> ColumnElement[bool]:
        """``column`` lies within the period."""
        return and_(self.since_start(column), self.before_end(column))

    def month_of(self, column: Any) -> ColumnElement[str]:
        """The label of the month ``column`` falls in; meant for rows within the period."""
        months = self.months()
        edges = [_edge(column, m.first_day) for m in months[1:]]
        return _pick(column, [m.label for m in months], edges)


def _edge(column: Any, day: date) -> date | datetime:
    """Local midnight of ``day`` for a timestamp column, the day itself for a date column."""
    if isinstance(column.type, (UTCDateTime, DateTime)):
        return local_midnight(day)
    return day


def _pick(column: Any, labels: list[str], edges: list[Any]) -> ColumnElement[str]:
    # edges[i] is where labels[i + 1] begins.
    if len(labels) == 1:
        return literal(labels[0])
    middle = len(labels) // 2
    return case(
        (column < edges[middle - 1], _pick(column, labels[:middle], edges[: middle - 1])),
        else_=_pick(column, labels[middle:], edges[middle:]),
    )
