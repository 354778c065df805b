"""Peer case consultation (*kollegiale Fallberatung*) across municipalities: peer
groups, their members, and the anonymised case presentations shared with them.

A peer group belongs to no municipality: it is the one record that several
municipalities share. A case presentation belongs to its author's municipality and
crosses the boundary only through ``kokoma.peer.access``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base, utcnow

MIN_MEMBERS = 3
MAX_MEMBERS = 12


class PeerRole(StrEnum):
    MEMBER = "member"
    # Leads the sessions and invites; the role rotates through the members.
    MODERATOR = "moderator"


class PeerGroup(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "peer_groups"

    name: Mapped[str] = mapped_column(String(200))
    # When the group meets, in words ("monatlich, erster Dienstag, 14 Uhr").
    schedule: Mapped[str] = mapped_column(String(200), default="")
    video_link: Mapped[str | None] = mapped_column(String(500))
    agreement_text: Mapped[str] = mapped_column(Text)
    # Rises with every change of the text; members accept each version anew.
    agreement_version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class PeerMembership(IdMixin, Base):
    __tablename__ = "peer_memberships"
    __table_args__ = (UniqueConstraint("group_id", "user_id", name="member_once"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_groups.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The member's municipality, shown to the other members.
    municipality_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[PeerRole] = mapped_column(code_column(PeerRole, 20), default=PeerRole.MEMBER)
    # Order of the moderator rotation: who joined first moderates first.
    position: Mapped[int] = mapped_column(default=0)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    agreement_version_accepted: Mapped[int | None]
    agreement_accepted_at: Mapped[datetime | None]


class PresentationStatus(StrEnum):
    DRAFT = "draft"
    SHARED = "shared"
    # Withdrawn by the author: nobody else reads it any more.
    WITHDRAWN = "withdrawn"


class CasePresentation(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A presentation written for a peer group from one of the author's cases; a
    record of its own, so that only it, never the case, leaves the municipality."""

    __tablename__ = "case_presentations"
    __table_args__ = (Index("ix_case_presentations_group_status", "group_id", "status"),)

    author_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The case it was prepared from; shown only within the author's municipality.
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("peer_groups.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    key_question: Mapped[str] = mapped_column(String(1000))
    escalation_level: Mapped[int | None]
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    actor_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    tried: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PresentationStatus] = mapped_column(
        code_column(PresentationStatus, 20), default=PresentationStatus.DRAFT
    )
    # The texts the author checked, as a digest: any later change needs a new check.
    checked_digest: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime | None]
    shared_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]


class SessionPhase(StrEnum):
    """The six phases of a kollegiale Fallberatung, in their order."""

    ROLES = "roles"
    CASE = "case"  # the case giver tells the case; the others listen
    KEY_QUESTION = "key_question"
    METHOD = "method"
    CONSULTATION = "consultation"  # questions, hypotheses, ideas; the case giver is silent
    CLOSING = "closing"  # the case giver says which ideas they take up


PHASES = tuple(SessionPhase)
# Minutes each phase is given, the common timing of the method.
TIMEBOX_MINUTES = {
    SessionPhase.ROLES: 5,
    SessionPhase.CASE: 10,
    SessionPhase.KEY_QUESTION: 5,
    SessionPhase.METHOD: 5,
    SessionPhase.CONSULTATION: 25,
    SessionPhase.CLOSING: 10,
}


class SessionStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    CLOSED = "closed"


class SessionRole(StrEnum):
    CASE_GIVER = "case_giver"
    MODERATOR = "moderator"
    ADVISER = "adviser"
    NOTE_TAKER = "note_taker"
    OBSERVER = "observer"


class ContributionKind(StrEnum):
    QUESTION = "question"
    KEY_QUESTION = "key_question"
    METHOD = "method"
    HYPOTHESIS = "hypothesis"
    IDEA = "idea"
    RESONANCE = "resonance"


class PeerSession(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One meeting of a peer group; like the group it belongs to no municipality."""

    __tablename__ = "peer_sessions"
    __table_args__ = (Index("ix_peer_sessions_group_starts", "group_id", "starts_at"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_groups.id", ondelete="CASCADE")
    )
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(default=90)
    video_link: Mapped[str | None] = mapped_column(String(500))
    # The presentation the group chose among the candidates; its author gives the case.
    presentation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("case_presentations.id", ondelete="SET NULL")
    )
    status: Mapped[SessionStatus] = mapped_column(
        code_column(SessionStatus, 20), default=SessionStatus.PLANNED
    )
    phase: Mapped[SessionPhase | None] = mapped_column(code_column(SessionPhase, 20))
    phase_started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Rises with every invitation sent again, for the calendar event's SEQUENCE.
    invitation_sequence: Mapped[int] = mapped_column(default=0)
    # Copied into the case giver's case; the id is shown only in their municipality.
    home_consultation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class PeerSessionRole(IdMixin, Base):
    __tablename__ = "peer_session_roles"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="session_role_once"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_sessions.id", ondelete="CASCADE")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="RESTRICT")
    )
    role: Mapped[SessionRole] = mapped_column(code_column(SessionRole, 20))


class PeerSessionCandidate(Base):
    """A presentation offered for a session; the group picks one."""

    __tablename__ = "peer_session_candidates"

    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    presentation_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("case_presentations.id", ondelete="CASCADE"), primary_key=True
    )


class PeerContribution(IdMixin, Base):
    """What a participant wrote into a phase; deleted after the retention period."""

    __tablename__ = "peer_contributions"
    __table_args__ = (Index("ix_peer_contributions_session", "session_id", "created_at"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_sessions.id", ondelete="CASCADE")
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="SET NULL")
    )
    phase: Mapped[SessionPhase] = mapped_column(code_column(SessionPhase, 20))
    kind: Mapped[ContributionKind] = mapped_column(code_column(ContributionKind, 20))
    text: Mapped[str] = mapped_column(Text)
    # An idea the case giver takes up in the closing phase.
    taken_up: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    # Declined by the invitee; the inviter keeps seeing it as open until it expires,
    # so that the answer tells nobody whether the address is an account.
    DECLINED = "declined"


class PeerInvitation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """An invitation into a peer group by e-mail address. It names an address, not an
    account: whether the address belongs to an eligible colleague shows only to them."""

    __tablename__ = "peer_invitations"
    __table_args__ = (UniqueConstraint("group_id", "email", name="invitation_once"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("peer_groups.id", ondelete="CASCADE")
    )
    email: Mapped[str] = mapped_column(String(254), index=True)
    status: Mapped[InvitationStatus] = mapped_column(
        code_column(InvitationStatus, 20), default=InvitationStatus.PENDING
    )
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
