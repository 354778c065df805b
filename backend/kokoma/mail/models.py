"""The e-mail outbox: every message a change causes is written with that change and
delivered later by the worker; each attempt is kept as the delivery log."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, VersionedMixin, code_column
from kokoma.db import Base, utcnow


class MailKind(StrEnum):
    CASE_ASSIGNED = "case_assigned"
    TASK_ASSIGNED = "task_assigned"
    TASKS_DUE = "tasks_due"  # the daily reminder of tasks due tomorrow and overdue
    MEETING_INVITATION = "meeting_invitation"
    PEER_GROUP_INVITATION = "peer_group_invitation"  # into a group of peer consultation
    MEETING_CANCELLED = "meeting_cancelled"  # with the iCalendar cancellation
    MINUTES_APPROVED = "minutes_approved"  # the minutes of a meeting one was invited to
    MINUTES_ATTACHED = "minutes_attached"  # the approved minutes as PDF, no account
    CRISIS_ACTIVATION = "crisis_activation"
    REQUEST_RECEIVED = "request_received"  # a new request for help in the inbox one works
    REQUEST_CONFIRMATION = "request_confirmation"  # to the sender of a request, no account
    BARRIER_REPORTED = "barrier_reported"  # a report through the accessibility statement
    ACCOUNT_LOCKED = "account_locked"
    PASSWORD_CHANGED = "password_changed"
    DIGEST = "digest"  # the daily collection of what a user chose to get as a digest


# Security messages reach the user whatever they chose.
SECURITY_KINDS = frozenset({MailKind.ACCOUNT_LOCKED, MailKind.PASSWORD_CHANGED})
# Messages to people without an account, who have nothing to choose.
EXTERNAL_KINDS = frozenset({MailKind.REQUEST_CONFIRMATION, MailKind.MINUTES_ATTACHED})
# Messages delivered as the user chose for another kind: whoever gets invitations gets
# their cancellation, so that no calendar keeps a meeting that will not take place.
FOLLOWS = {MailKind.MEETING_CANCELLED: MailKind.MEETING_INVITATION}
# What a user may choose a delivery for.
CHOOSABLE_KINDS = tuple(
    k
    for k in MailKind
    if k not in SECURITY_KINDS | EXTERNAL_KINDS | FOLLOWS.keys() and k != MailKind.DIGEST
)


class Delivery(StrEnum):
    IMMEDIATELY = "immediately"
    DIGEST = "digest"
    OFF = "off"


class MailStatus(StrEnum):
    PENDING = "pending"  # to be sent by the worker
    UNSENT = "unsent"  # no SMTP server configured: kept for administrators to read
    IN_DIGEST = "in_digest"  # waits for the user's daily digest
    DIGESTED = "digested"  # went out as part of a digest
    SENT = "sent"
    FAILED = "failed"  # every attempt failed


class MailMessage(IdMixin, TenantMixin, Base):
    """One e-mail to one person. Subject and body carry reference numbers, dates and a
    link, never case contents, party names or notes."""

    __tablename__ = "mail_messages"
    __table_args__ = (
        Index("ix_mail_messages_due", "status", "next_attempt_at"),
        Index("ix_mail_messages_log", "municipality_id", "created_at"),
    )

    user_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[MailKind] = mapped_column(code_column(MailKind, 30))
    language: Mapped[str] = mapped_column(String(5), default="de")
    subject: Mapped[str] = mapped_column(String(300))
    # What the texts are filled with (reference numbers, dates, counts) and the page
    # the message links to, relative to the configured public URL.
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link_path: Mapped[str | None] = mapped_column(String(500))
    # An iCalendar attachment (invitations and their cancellation).
    calendar: Mapped[str | None] = mapped_column(Text)
    # A PDF attachment (approved minutes for external members). Dropped once the server
    # accepted the message: the outbox keeps no copy of what the minutes say.
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    status: Mapped[MailStatus] = mapped_column(
        code_column(MailStatus, 20), default=MailStatus.PENDING
    )
    attempt_count: Mapped[int] = mapped_column(default=0)
    # While an attempt runs this is the end of the worker's lease on the row.
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MailAttempt(IdMixin, Base):
    """One conversation with the SMTP server for a message: the delivery log."""

    __tablename__ = "mail_attempts"

    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("mail_messages.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    attempted_at: Mapped[datetime]
    error: Mapped[str | None] = mapped_column(String(300))
    duration_ms: Mapped[int]


class MailPreference(VersionedMixin, Base):
    """A user's choices: per kind immediately, as a daily digest or off; and the
    language of their e-mails."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(5), default="de")
    deliveries: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JobRun(Base):
    """A scheduled job done for a day: the daily jobs run once per day, whichever
    worker or instance gets to them."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(default=utcnow)
