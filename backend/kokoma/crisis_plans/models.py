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
from kokoma.db import Base, utcnow


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


# Plan levels: 0 observe, 1 heightened attention, 2 situation, 3 crisis.
PLAN_LEVELS = (0, 1, 2, 3)


class ActivationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CrisisPlanActivation(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """The plan in use at a level: the alert chain as a checklist, the level's measures as
    tasks, a log of what happened, and the review afterwards."""

    __tablename__ = "crisis_plan_activations"
    __table_args__ = (
        Index("ix_crisis_plan_activations_plan", "plan_id", "started_at"),
        CheckConstraint("level BETWEEN 0 AND 3", name="level_range"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("crisis_plans.id", ondelete="RESTRICT")
    )
    level: Mapped[int]
    # RESTRICT: a case is archived, never deleted, while an activation names it.
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="RESTRICT"), index=True
    )
    indicator_key: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[ActivationStatus] = mapped_column(code_column(ActivationStatus, 10))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    started_by_name: Mapped[str] = mapped_column(String(200))
    ended_at: Mapped[datetime | None]
    review: Mapped[str | None] = mapped_column(Text)
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tasks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    log: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class CrisisPlanExercise(IdMixin, TenantMixin, TimestampMixin, Base):
    """An exercise of the plan and what it taught."""

    __tablename__ = "crisis_plan_exercises"

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("crisis_plans.id", ondelete="RESTRICT"), index=True
    )
    held_on: Mapped[date]
    scenario_key: Mapped[str | None] = mapped_column(String(40))
    participants: Mapped[str] = mapped_column(Text, default="")
    went_well: Mapped[str] = mapped_column(Text, default="")
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class IndicatorChange(IdMixin, TenantMixin, Base):
    """One change of an indicator's state: who, when, from, to, why."""

    __tablename__ = "crisis_plan_indicator_changes"
    __table_args__ = (Index("ix_crisis_plan_indicator_changes_plan", "plan_id", "changed_at"),)

    plan_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("crisis_plans.id", ondelete="RESTRICT")
    )
    indicator_key: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(10))
    to_state: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    changed_by_name: Mapped[str] = mapped_column(String(200))
