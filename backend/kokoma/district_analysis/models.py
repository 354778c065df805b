"""The regional analysis of a district (Kreis): its conflict fields and the versions of
its expertise document.

A conflict field (*Konfliktfeld*) is a named line of conflict across the district,
linked to the cases that belong to it. The figures of the regional analysis are
computed from those cases, never typed; only the words around them are stored here.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base, utcnow


class Trend(StrEnum):
    RISING = "rising"
    STABLE = "stable"
    FALLING = "falling"


class ConflictField(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A line of conflict across the district, e.g. „Energiewende vor Ort“."""

    __tablename__ = "conflict_fields"
    __table_args__ = (UniqueConstraint("municipality_id", "name", name="uq_conflict_fields_name"),)

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    trend: Mapped[Trend] = mapped_column(code_column(Trend, 20), default=Trend.STABLE)
    # Ids of the municipality's places (``kokoma.places``) the field affects.
    place_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Actor groups (``kokoma.contacts.models.ActorGroup``) involved.
    actor_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    recommendations: Mapped[str] = mapped_column(Text, default="")


class ConflictFieldCase(Base):
    """A case that belongs to a conflict field; a case may belong to several."""

    __tablename__ = "conflict_field_cases"

    field_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("conflict_fields.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RegionalReport(IdMixin, TenantMixin, Base):
    """One saved, read-only version of the district's expertise document (*Gutachten*)."""

    __tablename__ = "regional_reports"
    __table_args__ = (
        UniqueConstraint("municipality_id", "number", name="uq_regional_reports_number"),
    )

    number: Mapped[int]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    author_name: Mapped[str] = mapped_column(String(200))
