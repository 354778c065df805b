"""Issued certificates and the per-year number counter."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin
from kokoma.db import Base
from kokoma.trainings.models import TrainingParticipant


class CertificateStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"


class Certificate(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A certificate as issued: names, modules and dates are kept as they were then."""

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("municipality_id", "number", name="uq_certificates_number"),
        # At most one valid certificate per participant; a revoked one may be replaced.
        Index(
            "uq_certificates_valid_participant",
            "participant_id",
            unique=True,
            postgresql_where=text("revoked_at IS NULL"),
            sqlite_where=text("revoked_at IS NULL"),
        ),
        Index("ix_certificates_series_number", "series_id", "number"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_series.id", ondelete="RESTRICT")
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_participants.id", ondelete="RESTRICT")
    )
    number: Mapped[str] = mapped_column(String(60))
    verification_code: Mapped[str] = mapped_column(String(64), unique=True)
    issued_on: Mapped[date]
    issued_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    participant_name: Mapped[str] = mapped_column(String(200))
    series_title: Mapped[str] = mapped_column(String(200))
    municipality_name: Mapped[str] = mapped_column(String(200))
    signatory: Mapped[str | None] = mapped_column(String(200))
    # The attended modules as printed: [{"number": position in the series, "title": ...,
    # "kind": "in_person" | "online", "hours": ..., "days": ["2026-02-12", ...],
    # "places": [...]}].
    modules: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    revoked_at: Mapped[datetime | None]
    revocation_reason: Mapped[str | None] = mapped_column(String(500))

    participant: Mapped[TrainingParticipant] = relationship(lazy="raise")

    @property
    def hours(self) -> float:
        """Hours of the attended modules, as printed."""
        return sum(module.get("hours", 0) for module in self.modules)

    @property
    def status(self) -> CertificateStatus:
        return CertificateStatus.REVOKED if self.revoked_at else CertificateStatus.VALID


class CertificateCounter(Base):
    """The last certificate number issued per municipality and year."""

    __tablename__ = "certificate_counters"

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)
