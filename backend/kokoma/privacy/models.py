"""Erasure requests, legal holds and reports of barriers."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base


class ErasureStatus(StrEnum):
    REQUESTED = "requested"
    COMPLETED = "completed"
    REJECTED = "rejected"


class ErasureRequest(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A person's erasure (GDPR Art. 17): asked for by one, carried out by a second person.

    It never holds the erased data: the contact is named by its id, and after the
    erasure by its neutral label only.
    """

    __tablename__ = "erasure_requests"
    __table_args__ = (
        Index("ix_erasure_requests_municipality_created", "municipality_id", "created_at"),
    )

    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ErasureStatus] = mapped_column(
        code_column(ErasureStatus, 20), default=ErasureStatus.REQUESTED
    )
    reason: Mapped[str] = mapped_column(String(1000))
    # The requester confirmed that open cases lose the person's identity too.
    open_cases_confirmed: Mapped[bool] = mapped_column(default=False)
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decided_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(String(1000))
    # Training participations of the person not linked to the contact, chosen by hand.
    participant_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The neutral label the person carries after the erasure ("Person A").
    label: Mapped[str | None] = mapped_column(String(40))
    # Which records were changed, by id and field: never their former content.
    changed: Mapped[dict[str, list[str]] | None] = mapped_column(JSON)


class LegalHold(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A case that must not be erased or anonymised (litigation, inquiry), with the reason."""

    __tablename__ = "legal_holds"

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(1000))
    placed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    released_at: Mapped[datetime | None]
    released_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class AccessibilityFeedback(IdMixin, TimestampMixin, Base):
    """A barrier reported through the accessibility statement, without signing in."""

    __tablename__ = "accessibility_feedback"

    # The municipality the reporter chose, when they named one.
    municipality_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    page: Mapped[str | None] = mapped_column(String(500))
    message: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))


class RetentionPolicy(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """How long one municipality keeps cases and contacts; the defaults hold without a row."""

    __tablename__ = "retention_policies"
    __table_args__ = (
        UniqueConstraint("municipality_id", name="uq_retention_policies_municipality"),
    )

    closed_case_years: Mapped[int] = mapped_column(default=3)
    unlinked_contact_years: Mapped[int] = mapped_column(default=3)
    audit_log_years: Mapped[int] = mapped_column(default=2)


class TextKind(StrEnum):
    """The texts a municipality keeps for its data-protection and accessibility duties."""

    PROCESSING_RECORD = "processing_record"  # Art. 30 GDPR, kept by the officer
    PRIVACY_NOTICE = "privacy_notice"  # Art. 13/14 GDPR, public
    ENFORCEMENT_BODY = "enforcement_body"  # BITV 2.0, on the accessibility statement


class PrivacyText(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A municipality's own version of one of its texts; without a row, the generated
    or default text holds."""

    __tablename__ = "privacy_texts"
    __table_args__ = (
        UniqueConstraint("municipality_id", "kind", name="uq_privacy_texts_municipality_kind"),
    )

    kind: Mapped[TextKind] = mapped_column(code_column(TextKind, 30))
    body: Mapped[str] = mapped_column(Text)
    updated_by_name: Mapped[str] = mapped_column(String(200), default="")
