"""The systemic conflict analysis of a case (after Glasl): the working analysis and its
saved versions.

The five dimensions are kept as one structured document (``content``), validated on
every write by ``kokoma.cases.analysis.schemas.AnalysisContent``: an analysis is
written, read and frozen as a whole, and a saved version is that document as it was.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin
from kokoma.db import Base, utcnow


class CaseAnalysis(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """The working analysis of one case; there is at most one per case."""

    __tablename__ = "case_analyses"
    __table_args__ = (UniqueConstraint("case_id", name="uq_case_analyses_case"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"))
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # A snapshot, so the analysis still reads right after an account is renamed or removed.
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")


class CaseAnalysisVersion(IdMixin, TenantMixin, Base):
    """A saved, read-only version of a case's analysis ("Als Version speichern")."""

    __tablename__ = "case_analysis_versions"
    __table_args__ = (
        UniqueConstraint("case_id", "number", name="uq_case_analysis_versions_number"),
        Index("ix_case_analysis_versions_case", "case_id", "saved_at"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"))
    number: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(2000), default="")
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_name: Mapped[str] = mapped_column(String(200))
