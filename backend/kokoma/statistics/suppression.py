"""Small-count suppression: what a caller who sees aggregates only may learn.

Callers without ``statistics:exact`` (steering group, administration, API clients)
never see a count from 1 up to below the threshold ``k`` (setting
``KOKOMA_SUPPRESSION_THRESHOLD``, default 3). The rules:

1. **Primary.** A count ``0 < n < k`` is suppressed: ``{"value": null,
   "suppressed": true}``. Zero stays visible: it counts nobody.
2. **Secondary, within a breakdown.** The cells of a breakdown add up to a total
   that is published too (a partition: cases by status, consultations by month, …).
   If any cell is suppressed, further cells are suppressed, always the smallest
   remaining non-zero one (ties in row order), until the suppressed cells together
   hold at least ``k``. So the total minus the visible cells is never a number below
   ``k``, and at least two cells are always hidden: a single suppressed cell cannot
   be recomputed. Overlapping breakdowns (topics, where a case may have several)
   get the same treatment, to be safe when most cases have exactly one topic.
3. **Figures published on their own and as a cell.** Referrals are a figure of
   their own (overview, referral statistics) and the cell `referral` of
   consultations by kind. Such a cell is never hidden to protect another one (it
   is public anyway); instead the figure is suppressed also when the rest of its
   breakdown (consultations that are not referrals) is below ``k``, and a
   breakdown of a suppressed total (referrals by service) hides all its non-zero
   cells.
4. **Derived figures** (hours, rates) are suppressed with the count(s) they come from.
5. **Withheld totals.** Where a total appears in one table only (the network view's
   sum over municipalities), it is withheld as soon as any of its cells is
   suppressed instead of hiding more cells: a caller might know one municipality's
   own figure from elsewhere, which would undo a secondary suppression there.

6. **Fixed reporting periods.** Counts over arbitrary periods could be subtracted
   from each other: January–March minus January–February is March, and daily
   periods give every day. So aggregate-only callers get one whole calendar year per
   request and nothing else; months appear only as a breakdown within the year,
   protected by rule 2. Years do not overlap, so no two answers can be subtracted.
   The statistics take no other filters, so no filter can be differenced either.
7. **One figure, one decision, on every page.** A figure published in two tables
   is suppressed by the same rule in both (rule 3): the qualified conflict managers
   of the key figures are the completed part of the training participants, so they
   are hidden when the rest is below ``k``, as the completion breakdown is.

Every table is protected on its own, and tables about the same population share
only their published total, so no combination of the figures for one period gives
a suppressed count away. SECURITY.md explains the choice of fixed periods over
noise (the cell-key method), and what remains: the figures of the running year
grow as work is recorded, so someone who notes them every day learns what was
added each day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.errors import invalid
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import Amount, Count


@dataclass(frozen=True)
class Disclosure:
    """What one caller may see: everything (``threshold`` None) or counts of at least ``threshold``."""

    threshold: int | None

    @classmethod
    def for_caller(cls, principal: Principal, threshold: int) -> Disclosure:
        return cls(None if principal.can(Permission.STATISTICS_EXACT) else threshold)

    def check_period(self, period: Period) -> None:
        """422 unless ``period`` is one whole calendar year, for aggregate-only callers."""
        if self.threshold is None or period.is_calendar_year:
            return
        raise invalid(
            "query.from",
            "Statistics without exact small counts cover one whole calendar year "
            "(1 January to 31 December), so that periods cannot be subtracted from each other.",
            "reporting_period",
        )

    def too_small(self, value: int) -> bool:
        return self.threshold is not None and 0 < value < self.threshold

    def hidden_cells(self, values: Sequence[int], *, total_hidden: bool = False) -> list[bool]:
        """Which cells of a breakdown (a partition of a published total) are suppressed.

        ``total_hidden``: the total is suppressed, so every non-zero cell is.
        """
        if self.threshold is None:
            return [False] * len(values)
        if total_hidden:
            return [value > 0 for value in values]
        hidden = [self.too_small(v) for v in values]
        if not any(hidden):
            return hidden
        candidates = sorted(
            (value, index) for index, value in enumerate(values) if value > 0 and not hidden[index]
        )
        hidden_sum = sum(v for v, h in zip(values, hidden, strict=True) if h)
        for value, index in candidates:
            if hidden_sum >= self.threshold:
                break
            hidden[index] = True
            hidden_sum += value
        return hidden

    def hidden_table(self, rows: Sequence[Sequence[int]]) -> list[list[bool]]:
        """Which cells of a two-way table are suppressed, where every row and every
        column is a breakdown of a total that may be published elsewhere (cases by place
        and by topic, by month and by level): rule 2 is applied to the rows and the
        columns in turn, adding hidden cells until neither needs more."""
        hidden = [[self.too_small(v) for v in row] for row in rows]
        if self.threshold is None or not any(any(row) for row in hidden):
            return hidden
        width = len(rows[0]) if rows else 0
        changed = True
        while changed:
            changed = False
            lines = [[(r, c) for c in range(width)] for r in range(len(rows))]
            lines += [[(r, c) for r in range(len(rows))] for c in range(width)]
            for line in lines:
                if self._complete(line, rows, hidden):
                    changed = True
        return hidden

    def _complete(
        self, line: list[tuple[int, int]], rows: Sequence[Sequence[int]], hidden: list[list[bool]]
    ) -> bool:
        """Rule 2 on one row or column of a table, keeping what is hidden already."""
        assert self.threshold is not None
        cells = [(rows[r][c], hidden[r][c], (r, c)) for r, c in line]
        if not any(h and v > 0 for v, h, _ in cells):
            return False
        hidden_sum = sum(v for v, h, _ in cells if h)
        # Two hidden non-zero cells at least: one alone is the total minus the others.
        hidden_count = sum(1 for v, h, _ in cells if h and v > 0)
        changed = False
        for value, (r, c) in sorted((v, rc) for v, h, rc in cells if v > 0 and not h):
            if hidden_sum >= self.threshold and hidden_count >= 2:
                break
            hidden[r][c] = True
            hidden_sum += value
            hidden_count += 1
            changed = True
        return changed

    def part_of(self, part: int, whole: int) -> Count:
        """A figure that is one part of a published whole: suppressed when it or the
        rest of the whole is too small, since the whole minus it would show the rest."""
        return self.count(part, hidden=self.too_small(whole - part))

    def count(self, value: int, *, hidden: bool = False) -> Count:
        """A single count: suppressed when too small, or when ``hidden`` by a breakdown rule."""
        if hidden or self.too_small(value):
            return Count(value=None, suppressed=True)
        return Count(value=value, suppressed=False)

    def counts(self, values: Sequence[int], *, total_hidden: bool = False) -> list[Count]:
        """The cells of a breakdown, with primary and secondary suppression."""
        hidden = self.hidden_cells(values, total_hidden=total_hidden)
        return [self.count(value, hidden=h) for value, h in zip(values, hidden, strict=True)]


def derived(value: float | None, *sources: Count) -> Amount:
    """A figure computed from counts (hours, a rate): suppressed with any of them.

    ``value`` None (a rate over nothing) is reported as null without suppression.
    """
    if any(source.suppressed for source in sources):
        return Amount(value=None, suppressed=True)
    return Amount(value=value, suppressed=False)


def total_of(cells: Sequence[Count], value: int) -> Count:
    """A total that only one table publishes: withheld when any of its cells is suppressed."""
    if any(cell.suppressed for cell in cells):
        return Count(value=None, suppressed=True)
    return Count(value=value, suppressed=False)
