"""The annual report to the funder (*Sachbericht*): the coordinator's working draft of
one year and the versions generated from it.

Only the words are kept in the draft; the figures are computed from the records
whenever the draft is shown. A generated version freezes both, as the funder got them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin
from kokoma.db import Base, utcnow

# The free-text sections of a report, in the order they are printed.
TEXT_SECTIONS = ("goals", "what_worked", "what_did_not_work", "next_year")


class AnnualReportDraft(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """The editable words of one year's report."""

    __tablename__ = "annual_report_drafts"
    __table_args__ = (
        UniqueConstraint("municipality_id", "year", name="uq_annual_report_drafts_year"),
    )

    year: Mapped[int]
    goals: Mapped[str] = mapped_column(Text, default="")
    what_worked: Mapped[str] = mapped_column(Text, default="")
    what_did_not_work: Mapped[str] = mapped_column(Text, default="")
    next_year: Mapped[str] = mapped_column(Text, default="")
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")


class AnnualReportVersion(IdMixin, TenantMixin, Base):
    """One generated, read-only version of a year's report: never changed or deleted."""

    __tablename__ = "annual_report_versions"
    __table_args__ = (
        UniqueConstraint("municipality_id", "year", "number", name="uq_annual_report_versions"),
    )

    year: Mapped[int]
    number: Mapped[int]
    # The free-text sections as they stood (``TEXT_SECTIONS``).
    texts: Mapped[dict[str, str]] = mapped_column(JSON)
    # The figures as computed at generation, once exact and once as readers without
    # exact small counts see them: {"exact": …, "protected": …}.
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_name: Mapped[str] = mapped_column(String(200))
