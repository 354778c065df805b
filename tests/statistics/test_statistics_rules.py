"""The suppression rule, content negotiation and the reporting period, on their own."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from kokoma.cases.models import Case
from kokoma.errors import Problem
from kokoma.statistics.csv import wants_csv
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import Count
from kokoma.statistics.suppression import Disclosure, derived, total_of

AGGREGATES = Disclosure(3)
EXACT = Disclosure(None)


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ([5, 4, 0, 7], []),  # nothing small: nothing hidden
        ([0, 0, 0], []),  # zeros count nobody and stay visible
        ([6, 4, 2, 0], [1, 2]),  # one small cell, and the next smallest with it
        ([6, 2, 3, 3], [1, 2]),  # ties: the first in row order
        ([1, 1, 9], [0, 1, 2]),  # 1 + 1 would still tell a sum below 3: hide more
        ([1, 2, 8], [0, 1]),  # 1 + 2 = 3 hidden in all: enough
        ([2, 0], [0]),  # nothing else to hide; the total (2) is suppressed as well
        ([2, 0, 0, 1], [0, 3]),
    ],
)
def test_breakdown_suppression(values: list[int], hidden: list[int]) -> None:
    mask = AGGREGATES.hidden_cells(values)
    assert [i for i, h in enumerate(mask) if h] == hidden
    shown = [v for v, h in zip(values, mask, strict=True) if not h]
    if hidden:
        # What the total and the visible cells leave is never a count below 3 ...
        assert sum(values) - sum(shown) >= 3 or not AGGREGATES.count(sum(values)).value
        # ... and never a single cell.
        assert len(hidden) >= 2 or sum(values) < 3


def test_a_small_cell_takes_the_next_smallest_with_it() -> None:
    assert AGGREGATES.hidden_cells([2, 10, 4]) == [True, False, True]


def test_a_hidden_total_hides_its_whole_breakdown() -> None:
    assert AGGREGATES.hidden_cells([0, 5, 7], total_hidden=True) == [False, True, True]
    assert EXACT.hidden_cells([0, 5, 7], total_hidden=True) == [False] * 3


def test_exact_callers_see_everything() -> None:
    assert EXACT.hidden_cells([1, 2, 0, 9]) == [False] * 4
    assert EXACT.count(1) == Count(value=1, suppressed=False)


def test_single_counts() -> None:
    assert AGGREGATES.count(0) == Count(value=0, suppressed=False)
    assert AGGREGATES.count(2) == Count(value=None, suppressed=True)
    assert AGGREGATES.count(3) == Count(value=3, suppressed=False)
    assert Disclosure(5).count(4).suppressed


def test_derived_figures_follow_their_counts() -> None:
    shown, hidden = AGGREGATES.count(5), AGGREGATES.count(1)
    assert derived(2.5, shown).value == 2.5
    assert derived(2.5, shown, hidden).suppressed
    assert derived(None, shown).model_dump() == {"value": None, "suppressed": False}


def test_a_total_of_one_table_is_withheld_with_any_cell() -> None:
    assert total_of(AGGREGATES.counts([4, 0, 7]), 11).value == 11
    assert total_of(AGGREGATES.counts([4, 1, 7]), 12).suppressed


@pytest.mark.parametrize(
    ("accept", "csv"),
    [
        (None, False),
        ("", False),
        ("*/*", False),
        ("application/json", False),
        ("text/csv", True),
        ("TEXT/CSV; charset=utf-8", True),
        ("text/*", True),
        ("text/csv, application/json", False),  # a tie: JSON
        ("text/csv, */*;q=0.8", True),
        ("application/json;q=0.5, text/csv", True),
        ("text/csv;q=0.5, application/json", False),
        ("text/csv;q=0", False),
        ("text/csv;q=oops", False),
        ("application/xml", False),
    ],
)
def test_content_negotiation(accept: str | None, csv: bool) -> None:
    assert wants_csv(accept) is csv


def test_months_of_a_period() -> None:
    period = Period(date(2025, 11, 20), date(2026, 2, 3))
    assert [m.label for m in period.months()] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert period.end == date(2026, 2, 4)


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [
        (date(2025, 5, 1), date(2025, 4, 30), "query.to"),
        (date(2015, 1, 1), date(2025, 1, 1), "query.to"),  # 121 months
        (date(1899, 12, 31), date(1900, 1, 31), "query.from"),
        (date(2999, 1, 1), date(3000, 1, 1), "query.to"),
    ],
)
def test_impossible_periods(first: date, last: date, field: str) -> None:
    with pytest.raises(Problem) as refused:
        Period.of(first, last)
    assert refused.value.status == 422
    assert refused.value.extra["errors"][0]["field"] == field


def test_ten_years_are_allowed() -> None:
    assert len(Period.of(date(2015, 1, 1), date(2024, 12, 31)).months()) == 120


async def test_month_buckets_in_german_time_on_the_database(db, tenants) -> None:
    """The bucket CASE agrees with Python's calendar for every month edge of two years
    (winter and summer time), a second either side, on this database."""
    from zoneinfo import ZoneInfo

    from tests.statistics.builders import CaseRow, add_cases

    berlin = ZoneInfo("Europe/Berlin")
    period = Period(date(2025, 1, 1), date(2026, 12, 31))
    tenant = await tenants.make(roles=())
    edges = [datetime(y, m, 1, tzinfo=berlin) for y in (2025, 2026) for m in range(1, 13)]
    moments = [e.timestamp() + delta for e in edges[1:] for delta in (-1, 0)]
    instants = [datetime.fromtimestamp(t, UTC) for t in moments]
    await add_cases(db, tenant, *(CaseRow(i.isoformat()) for i in instants))
    async with db() as session:
        rows = (
            await session.execute(
                select(Case.created_at, period.month_of(Case.created_at)).where(
                    Case.municipality_id == tenant.id
                )
            )
        ).all()
    assert len(rows) == len(instants)
    for created_at, month in rows:
        assert month == created_at.astimezone(berlin).strftime("%Y-%m"), created_at
