"""Network contacts (Netzwerkkontakte), their topics and the relations between them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
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


class ContactKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class ActorGroup(StrEnum):
    CIVIL_SOCIETY = "civil_society"
    ADMINISTRATION = "administration"
    POLITICS = "politics"
    POLICE = "police"
    EDUCATION = "education"
    RELIGIOUS_COMMUNITY = "religious_community"
    ASSOCIATIONS = "associations"
    BUSINESS = "business"
    MEDIA = "media"
    COUNSELLING_SERVICES = "counselling_services"
    OTHER = "other"


class LegalBasis(StrEnum):
    """Why the municipality may keep the contact's data (Art. 6(1) GDPR)."""

    CONSENT = "consent"  # Art. 6(1)(a); needs the date consent was given
    PUBLIC_TASK = "public_task"  # Art. 6(1)(e)
    LEGITIMATE_INTEREST = "legitimate_interest"  # Art. 6(1)(f)
    PUBLICLY_AVAILABLE = "publicly_available"  # e.g. an office holder's official data


class RelationType(StrEnum):
    COOPERATION = "cooperation"
    TENSION = "tension"
    CONFLICT = "conflict"
    MEMBERSHIP = "membership"
    FAMILY = "family"
    FUNDING = "funding"
    OTHER = "other"


class Contact(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A person or organisation in the municipality's network."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_municipality_sort", "municipality_id", "sort_name"),
        CheckConstraint(
            "legal_basis <> 'consent' OR consent_date IS NOT NULL", name="consent_dated"
        ),
    )

    kind: Mapped[ContactKind] = mapped_column(code_column(ContactKind, 20))
    # The name shown everywhere: an organisation's name or a person's full name.
    name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    # Case- and accent-folded, family name first, then the shown name: the key for
    # alphabetical order and for search, so both behave the same on SQLite and
    # PostgreSQL whatever their collations and LIKE do with umlauts.
    sort_name: Mapped[str] = mapped_column(String(400))
    actor_group: Mapped[ActorGroup] = mapped_column(code_column(ActorGroup), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(500))
    legal_basis: Mapped[LegalBasis] = mapped_column(code_column(LegalBasis))
    consent_date: Mapped[date | None]
    # Consent given for a limited time holds until this day (inclusive).
    consent_expires_on: Mapped[date | None]
    steering_group_member: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    # Set when the person was erased (GDPR Art. 17): the row keeps a neutral label only.
    anonymised_at: Mapped[datetime | None]

    organisation: Mapped[Contact | None] = relationship(
        remote_side="Contact.id", lazy="raise", foreign_keys=[organisation_id]
    )
    topic_rows: Mapped[list[ContactTopic]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ContactTopic.position",
        lazy="raise",
    )

    @property
    def topics(self) -> list[str]:
        return [row.topic for row in self.topic_rows]


class ContactTopic(Base):
    """One topic of a contact; a table of its own so lists filter by topic on any database."""

    __tablename__ = "contact_topics"
    __table_args__ = (Index("ix_contact_topics_topic", "topic", "contact_id"),)

    contact_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(80), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


class ContactRelation(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """An edge of the network graph between two contacts of the same municipality."""

    __tablename__ = "contact_relations"
    __table_args__ = (
        UniqueConstraint(
            "source_id", "target_id", "relation_type", name="uq_contact_relations_pair"
        ),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )

    source_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    relation_type: Mapped[RelationType] = mapped_column(code_column(RelationType, 20))
    # Undirected relations (tension between two groups) read the same both ways.
    directed: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(String(1000))

    source: Mapped[Contact] = relationship(foreign_keys=[source_id], lazy="raise")
    target: Mapped[Contact] = relationship(foreign_keys=[target_id], lazy="raise")
