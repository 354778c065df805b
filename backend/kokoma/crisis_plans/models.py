"""A crisis-prevention plan: its frame in columns, its sections as one checked document.

The sections (scenarios, indicators, levels, roles, alert chain, communication,
measures, support bodies) are written, reviewed and adopted together and refer to
each other by key; they are kept as one JSON document whose shape the schemas
(``schemas.PlanContent``) and rules (``rules``) check on every write.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base


class PlanStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    ADOPTED = "adopted"
    WITHDRAWN = "withdrawn"


class Classification(StrEnum):
    INTERNAL = "internal"  # intern
    CONFIDENTIAL = "confidential"  # vertraulich


class CrisisPlan(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """One edition of a plan; a new edition of an adopted plan shares its ``lineage_id``."""

    __tablename__ = "crisis_plans"
    __table_args__ = (
        Index("ix_crisis_plans_lineage", "lineage_id", "edition", unique=True),
        Index("ix_crisis_plans_municipality_status", "municipality_id", "status"),
        CheckConstraint("edition >= 1", name="edition_positive"),
        CheckConstraint("review_interval_months BETWEEN 1 AND 60", name="review_interval_range"),
    )

    lineage_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    edition: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(200))
    classification: Mapped[Classification] = mapped_column(code_column(Classification, 20))
    status: Mapped[PlanStatus] = mapped_column(code_column(PlanStatus, 20))
    owner_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    review_interval_months: Mapped[int] = mapped_column(default=12)
    next_review_on: Mapped[date | None]
    adopted_at: Mapped[datetime | None]
    adopted_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="RESTRICT")
    )
    adoption_note: Mapped[str | None] = mapped_column(Text)
    # An exercise plan belongs to a training series and never counts as a real plan.
    training_series_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("training_series.id", ondelete="RESTRICT"), index=True
    )
    content: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    @property
    def is_exercise(self) -> bool:
        return self.training_series_id is not None
