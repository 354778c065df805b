"""The steering group (*Steuerungsgruppe*): its meetings with agenda, attendance,
minutes per agenda item and decisions. Action items of a meeting are tasks
(``kokoma.tasks``) that point at the agenda item and, if any, the decision.

The members are users with the steering-group role and network contacts marked as
members (``Contact.steering_group_member``): the external members from the lead office,
civil society or the police, who receive invitations by e-mail but have no account.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base, utcnow


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    # Approved by the coordinator: the meeting and its minutes are read-only.
    APPROVED = "approved"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    # Called off before it began: read-only, and the invited got a calendar cancellation.
    CANCELLED = "cancelled"


class Presence(StrEnum):
    INVITED = "invited"
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


class SteeringMeeting(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """One meeting of the steering group; its parts change with its version (ETag)."""

    __tablename__ = "steering_meetings"
    __table_args__ = (
        Index("ix_steering_meetings_municipality_start", "municipality_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str | None] = mapped_column(String(300))
    video_url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[MeetingStatus] = mapped_column(
        code_column(MeetingStatus, 20), default=MeetingStatus.PLANNED
    )
    cancelled_at: Mapped[datetime | None]
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        code_column(MinutesStatus, 20), default=MinutesStatus.DRAFT
    )
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL")
    )
    # The iCalendar SEQUENCE of the last invitation sent; the UID is the meeting's id.
    invitation_sequence: Mapped[int] = mapped_column(default=0)
    invitations_sent_at: Mapped[datetime | None]
    # Time or place changed after the invitations went out: they should be sent again.
    invitations_outdated: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class SteeringAgendaItem(IdMixin, Base):
    """An item of the agenda (*Tagesordnungspunkt*) and its minutes. Removed items are
    kept (``removed_at``) so that nothing can hang on them any more."""

    __tablename__ = "steering_agenda_items"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("steering_meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    presenter: Mapped[str | None] = mapped_column(String(200))
    # What the item is about, if anything: a conflict field of the regional analysis,
    # a crisis-prevention plan, or a period of the statistics.
    conflict_field_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("conflict_fields.id", ondelete="SET NULL")
    )
    crisis_plan_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("crisis_plans.id", ondelete="SET NULL")
    )
    statistics_from: Mapped[date | None]
    statistics_to: Mapped[date | None]
    minutes: Mapped[str | None] = mapped_column(Text)
    removed_at: Mapped[datetime | None]


class SteeringParticipant(IdMixin, Base):
    """Someone invited to a meeting, a user or an external member (contact), and
    whether they came."""

    __tablename__ = "steering_participants"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id", name="uq_steering_participants_user"),
        UniqueConstraint("meeting_id", "contact_id", name="uq_steering_participants_contact"),
        CheckConstraint("(user_id IS NULL) <> (contact_id IS NULL)", name="user_or_contact"),
    )

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("steering_meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[Presence] = mapped_column(code_column(Presence, 20), default=Presence.INVITED)


class SteeringDecision(IdMixin, Base):
    """A decision (*Beschluss*) taken under an agenda item, with the vote if there was one."""

    __tablename__ = "steering_decisions"

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("steering_meetings.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("steering_agenda_items.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    votes_yes: Mapped[int | None]
    votes_no: Mapped[int | None]
    votes_abstain: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
