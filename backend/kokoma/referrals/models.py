"""Referrals (Vermittlungen): a case, or part of it, handed to another body of the network.

One record per referral. The case's status `referred`, its timeline, the receiving
contact's page and the referral statistics all read this record.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kokoma.contacts.models import Contact
from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base

if TYPE_CHECKING:
    from kokoma.cases.models import Case


class ReferralStatus(StrEnum):
    PROPOSED = "proposed"  # vorgeschlagen
    AGREED = "agreed"  # the receiving body agreed to take it
    COMPLETED = "completed"  # handed over
    DECLINED = "declined"  # the receiving body (or the person) declined


# proposed → agreed → completed; proposed or agreed → declined. Completed and declined are
# final: a new attempt is a new referral.
NEXT_STATUSES: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.PROPOSED: (ReferralStatus.AGREED, ReferralStatus.DECLINED),
    ReferralStatus.AGREED: (ReferralStatus.COMPLETED, ReferralStatus.DECLINED),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.DECLINED: (),
}


class Referral(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A referral of a case to a network contact, or to a body named in free text."""

    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_municipality_referred", "municipality_id", "referred_on"),
        CheckConstraint(
            "contact_id IS NOT NULL OR target_name IS NOT NULL", name="referral_has_target"
        ),
        # Personal data leave the municipality only with the person's consent on record.
        CheckConstraint(
            "NOT personal_data OR consent_on IS NOT NULL", name="personal_data_with_consent"
        ),
    )

    # RESTRICT: cases are archived, not deleted; a referral must not vanish with one.
    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="RESTRICT"), index=True
    )
    # RESTRICT: a contact that received cases cannot disappear from them silently.
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="RESTRICT"), index=True
    )
    # Fallback for a body that is not (yet) in the network.
    target_name: Mapped[str | None] = mapped_column(String(200))
    referred_on: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    handed_over: Mapped[str | None] = mapped_column(Text)
    personal_data: Mapped[bool] = mapped_column(default=False)
    consent_on: Mapped[date | None]
    status: Mapped[ReferralStatus] = mapped_column(
        code_column(ReferralStatus, 20), default=ReferralStatus.PROPOSED
    )
    follow_up_date: Mapped[date | None]
    response: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    case: Mapped[Case] = relationship(lazy="raise")
    contact: Mapped[Contact | None] = relationship(lazy="raise")

    @property
    def receiver_name(self) -> str:
        """The receiving body's name: the contact's current name, else the free text."""
        return self.contact.name if self.contact is not None else self.target_name or ""

    @property
    def actor_group(self) -> str | None:
        return self.contact.actor_group if self.contact is not None else None
