"""Daily totals per municipality, kept up to date with every write.

The key figures of a period (``/statistics/overview`` and the network view) add
up these rows instead of counting a year of cases and consultations on every call:
one row per municipality and local day, a few thousand rows for a decade. The
rows are derived data: ``kokoma.statistics.daily`` maintains them within the very
transaction that changes a case, consultation or referral, and can rebuild them from scratch.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.db import Base


class DailyFigures(Base):
    """What happened in one municipality on one day (German local time)."""

    __tablename__ = "statistics_daily_figures"

    # CASCADE: derived data goes with its municipality, it holds nothing of its own.
    municipality_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    cases_opened: Mapped[int] = mapped_column(default=0)
    # By the case's current closing date, as the live counts: a reopened case is
    # taken off the day it had been closed on.
    cases_closed: Mapped[int] = mapped_column(default=0)
    consultations: Mapped[int] = mapped_column(default=0)
    consultation_minutes: Mapped[int] = mapped_column(default=0)
    referrals: Mapped[int] = mapped_column(default=0)  # by the day a referral was made
