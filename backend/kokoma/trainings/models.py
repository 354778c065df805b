"""Qualification series (Qualifizierungsreihen): modules, session days, participants, attendance."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    # Came late, but took part: counts as present for completion.
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


# What counts as taking part in a session day.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class ModuleKind(StrEnum):
    IN_PERSON = "in_person"  # Präsenzmodul
    ONLINE = "online"  # Online-Vertiefung


class TrainingSeries(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A qualification series with its completion rule."""

    __tablename__ = "training_series"
    __table_args__ = (Index("ix_training_series_municipality_title", "municipality_id", "title"),)

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    # The completion rule (kokoma.trainings.completion): in-person modules and online
    # deepening sessions to attend (NULL: all of that kind) and hours (NULL: none).
    rule_in_person: Mapped[int | None]
    rule_online: Mapped[int | None]
    rule_hours: Mapped[float | None]
    # Printed under the certificate text, e.g. "Sabine Lorenz, Qualifizierung".
    signatory: Mapped[str | None] = mapped_column(String(200))

    @property
    def completion_rule(self) -> dict[str, int | float | None]:
        """The rule as one value, as the API shows it."""
        return {
            "in_person": self.rule_in_person,
            "online": self.rule_online,
            "hours": self.rule_hours,
        }

    modules: Mapped[list[TrainingModule]] = relationship(
        back_populates="series",
        order_by="TrainingModule.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class TrainingModule(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """One module of a series; its session days decide whether it was attended."""

    __tablename__ = "training_modules"

    series_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_series.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[ModuleKind] = mapped_column(
        code_column(ModuleKind, 20), default=ModuleKind.IN_PERSON
    )
    days: Mapped[int] = mapped_column(default=1)
    # Hours the module counts towards the rule, preparation included.
    hours: Mapped[float] = mapped_column(default=0)

    series: Mapped[TrainingSeries] = relationship(back_populates="modules", lazy="raise")
    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="module",
        order_by="[TrainingSession.day, TrainingSession.starts_at]",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class TrainingSession(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """One session day of a module, with its own attendance register."""

    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("place IS NOT NULL OR link IS NOT NULL", name="place_or_link"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_series.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_modules.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    # Where it takes place, or the link of an online session (at least one of them).
    place: Mapped[str | None] = mapped_column(String(200))
    link: Mapped[str | None] = mapped_column(String(500))
    # Set by every attendance write, so the register shares the session's ETag.
    attendance_recorded_at: Mapped[datetime | None]

    module: Mapped[TrainingModule] = relationship(back_populates="sessions", lazy="raise")


class TrainingParticipant(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A person taking part in a series.

    The name is always stored (it is what a certificate shows); the participant may
    also be linked to one user account or one network contact of the municipality.
    """

    __tablename__ = "training_participants"
    __table_args__ = (
        UniqueConstraint("series_id", "user_id", name="uq_training_participants_user"),
        UniqueConstraint("series_id", "contact_id", name="uq_training_participants_contact"),
        CheckConstraint("user_id IS NULL OR contact_id IS NULL", name="one_link"),
        Index("ix_training_participants_series_name", "series_id", "full_name"),
        Index("ix_training_participants_completed", "municipality_id", "completed_on"),
    )

    series_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_series.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(200))
    # Derived from attendance by kokoma.trainings.completion, refreshed on every change
    # that can affect it (attendance, session days, modules, the rule).
    in_person_attended: Mapped[int] = mapped_column(default=0)
    online_attended: Mapped[int] = mapped_column(default=0)
    hours_attended: Mapped[float] = mapped_column(default=0)
    completed_on: Mapped[date | None]

    series: Mapped[TrainingSeries] = relationship(lazy="raise")
    attendance: Mapped[list[Attendance]] = relationship(lazy="raise", viewonly=True)


class Attendance(Base):
    """Whether a participant was at one session day."""

    __tablename__ = "training_attendance"

    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("training_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[uuid.UUID] = mapped_column(
        Uuid,
        ForeignKey("training_participants.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    )
    status: Mapped[AttendanceStatus] = mapped_column(code_column(AttendanceStatus, 10))
