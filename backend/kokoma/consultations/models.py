"""Consultations (Beratungen): counselling, moderation, mediation and referrals."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.cases.models import Case
from kokoma.contacts.models import Contact
from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base, utcnow

MAX_DURATION_MINUTES = 24 * 60


class ConsultationFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"


class ConsultationKind(StrEnum):
    INITIAL_TALK = "initial_talk"  # Erstgespräch
    COUNSELLING = "counselling"  # Beratung
    MODERATION = "moderation"
    MEDIATION = "mediation"
    PEER_CONSULTATION = "peer_consultation"  # kollegiale Fallberatung
    # Vermittlungsgespräch: a talk arranging a referral; the referral itself is a
    # record of its own (``kokoma.referrals``).
    REFERRAL = "referral"
    FOLLOW_UP = "follow_up"  # Nachsorge


class CounsellingRole(StrEnum):
    """The role the conflict manager took in the consultation."""

    ADVISOR = "advisor"  # Berater:in: advice to those who asked for it
    MODERATOR = "moderator"  # leads a conversation of several parties
    MEDIATOR = "mediator"  # all-party mediation towards an agreement
    PROCESS_FACILITATOR = "process_facilitator"  # Prozessbegleitung over several meetings
    COACH = "coach"  # supports one person in their own role, e.g. a mayor
    PEER_CONSULTANT = "peer_consultant"  # colleague in a kollegiale Fallberatung


class Consultation(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """One consultation, belonging to a case or standing alone (general advice)."""

    __tablename__ = "consultations"
    __table_args__ = (
        Index("ix_consultations_municipality_started", "municipality_id", "started_at"),
        # Statistics count and sum consultations from this index alone (index-only scans).
        # Plain key columns, not INCLUDE: then SQLite reads the statistics from the
        # index alone too (an INCLUDE index made it look up every row, bench/RESULTS.md).
        Index(
            "ix_consultations_statistics",
            "municipality_id",
            "started_at",
            "kind",
            "format",
            "duration_minutes",
        ),
        CheckConstraint(
            f"duration_minutes BETWEEN 1 AND {MAX_DURATION_MINUTES}", name="duration_range"
        ),
        CheckConstraint("head_count IS NULL OR head_count >= 1", name="head_count_positive"),
    )

    # RESTRICT: cases are archived, not deleted; a consultation must not vanish with one.
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="RESTRICT"), index=True
    )
    started_at: Mapped[datetime]
    duration_minutes: Mapped[int]
    format: Mapped[ConsultationFormat] = mapped_column(code_column(ConsultationFormat, 20))
    kind: Mapped[ConsultationKind] = mapped_column(code_column(ConsultationKind))
    counselling_role: Mapped[CounsellingRole | None] = mapped_column(code_column(CounsellingRole))
    head_count: Mapped[int | None]
    summary: Mapped[str] = mapped_column(Text, default="")
    confidential_notes: Mapped[str | None] = mapped_column(Text)
    agreements: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case | None] = relationship(lazy="raise")
    participant_rows: Mapped[list[ConsultationParticipant]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.duration_minutes)

    @property
    def has_confidential_notes(self) -> bool:
        return bool(self.confidential_notes)

    @property
    def planned(self) -> bool:
        """Dated in the future: planned, not yet held."""
        return self.started_at > utcnow()

    @property
    def participants(self) -> list[Contact]:
        return sorted((row.contact for row in self.participant_rows), key=lambda c: c.sort_name)


class ConsultationParticipant(Base):
    """A network contact who took part in a consultation."""

    __tablename__ = "consultation_participants"

    consultation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    # RESTRICT: a contact named in a consultation cannot disappear from it silently.
    contact_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="RESTRICT"), primary_key=True, index=True
    )

    contact: Mapped[Contact] = relationship(lazy="raise")
