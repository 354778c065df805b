"""Conflict cases (Konfliktfälle): the case, its topics, assignees, parties and timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import IntEnum, StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from kokoma.contacts.models import Contact
from kokoma.core.folding import fold
from kokoma.core.models import (
    IdMixin,
    TenantMixin,
    TimestampMixin,
    VersionedMixin,
    code_column,
)
from kokoma.db import Base, utcnow
from kokoma.referrals.models import Referral
from kokoma.users.models import User

# What the case search looks in, besides the parties' names (folded into search_text).
SEARCHED_FIELDS = ("reference", "title", "summary", "place", "requesting_body")


class CaseStatus(StrEnum):
    NEW = "new"
    CLARIFYING = "clarifying"  # Auftragsklärung
    ANALYSING = "analysing"
    IN_PROGRESS = "in_progress"  # Bearbeitung
    FOLLOW_UP = "follow_up"  # Nachsorge
    CLOSED = "closed"
    REFERRED = "referred"  # vermittelt: handed to another service


class CaseTopic(StrEnum):
    RIGHT_WING_EXTREMISM = "right_wing_extremism"
    MIGRATION_INTEGRATION = "migration_integration"
    LOCAL_POLITICS = "local_politics"
    ENERGY_INFRASTRUCTURE = "energy_infrastructure"
    NEIGHBOURHOOD = "neighbourhood"
    YOUTH = "youth"
    RELIGION = "religion"
    PANDEMIC_PROTEST = "pandemic_protest"
    OTHER = "other"


class DemocracyIndicator(StrEnum):
    """Signs that a conflict endangers local democracy (demokratiegefährdend)."""

    GROUP_HOSTILITY = "group_hostility"  # gruppenbezogene Menschenfeindlichkeit
    THREATS_AGAINST_OFFICIALS = "threats_against_officials"
    VIOLENCE = "violence"
    EXTREMIST_ACTORS = "extremist_actors"
    DISINFORMATION = "disinformation"
    DELEGITIMISING_INSTITUTIONS = "delegitimising_institutions"
    WITHDRAWAL_FROM_OFFICE = "withdrawal_from_office"  # volunteers and councillors give up
    BLOCKED_DECISIONS = "blocked_decisions"
    INTIMIDATION_OF_CIVIL_SOCIETY = "intimidation_of_civil_society"
    OTHER = "other"


class CaseVisibility(StrEnum):
    TEAM = "team"
    RESTRICTED = "restricted"  # assignees and coordinators only


class PartyRole(StrEnum):
    """A contact's role in the conflict."""

    CONFLICT_PARTY = "conflict_party"
    REQUESTING_PARTY = "requesting_party"
    AFFECTED = "affected"
    DECISION_MAKER = "decision_maker"
    SUPPORTER = "supporter"
    KEY_PERSON = "key_person"
    OTHER = "other"


class CaseOutcome(StrEnum):
    AGREEMENT_REACHED = "agreement_reached"
    PARTLY_RESOLVED = "partly_resolved"
    DE_ESCALATED = "de_escalated"
    UNRESOLVED = "unresolved"
    WITHDRAWN = "withdrawn"
    NOT_IN_SCOPE = "not_in_scope"
    HANDED_OVER = "handed_over"


class EscalationLevel(IntEnum):
    """Glasl's nine stages of conflict escalation, named in German and English."""

    label_de: str
    label_en: str

    def __new__(cls, value: int, label_de: str, label_en: str) -> EscalationLevel:
        member = int.__new__(cls, value)
        member._value_ = value
        member.label_de = label_de
        member.label_en = label_en
        return member

    HARDENING = 1, "Verhärtung", "Hardening"
    DEBATE = 2, "Debatte und Polemik", "Debate and polemics"
    ACTIONS = 3, "Taten statt Worte", "Actions, not words"
    COALITIONS = 4, "Sorge um Image und Koalition", "Images and coalitions"
    LOSS_OF_FACE = 5, "Gesichtsverlust", "Loss of face"
    THREATS = 6, "Drohstrategien", "Strategies of threat"
    LIMITED_BLOWS = 7, "Begrenzte Vernichtungsschläge", "Limited destructive blows"
    FRAGMENTATION = 8, "Zersplitterung", "Fragmentation of the enemy"
    ABYSS = 9, "Gemeinsam in den Abgrund", "Together into the abyss"

    @property
    def phase(self) -> str:
        """Glasl's three phases: win-win (1–3), win-lose (4–6), lose-lose (7–9)."""
        return ("win_win", "win_lose", "lose_lose")[(self.value - 1) // 3]


class Case(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A conflict case of one municipality."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("municipality_id", "reference", name="uq_cases_reference"),
        UniqueConstraint("municipality_id", "year", "number", name="uq_cases_year_number"),
        # NULL: not yet rated (noch nicht eingeschätzt), counted as such in statistics.
        CheckConstraint("escalation_level BETWEEN 1 AND 9", name="escalation_range"),
        Index("ix_cases_municipality_created", "municipality_id", "created_at"),
        # Statistics by closing date (cases closed per month).
        Index("ix_cases_municipality_closed", "municipality_id", "closed_at"),
        # created_at: a list filtered by status comes out in order, without sorting them all.
        Index("ix_cases_municipality_status", "municipality_id", "status", "created_at"),
        Index("ix_cases_municipality_follow_up", "municipality_id", "follow_up_date"),
    )

    # <SLUG>-<YEAR>-<NNNN>, e.g. WAK-2026-0007; year and number kept for sorting.
    reference: Mapped[str] = mapped_column(String(60))
    year: Mapped[int]
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CaseStatus] = mapped_column(code_column(CaseStatus, 20), default=CaseStatus.NEW)
    escalation_level: Mapped[int | None] = mapped_column()
    # Lists sort unrated cases below stage 1; keyset pagination needs a non-NULL key.
    escalation_rank: Mapped[int] = column_property(func.coalesce(escalation_level, 0))
    endangers_democracy: Mapped[bool] = mapped_column(default=False, index=True)
    democracy_indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The place from the municipality's list (``kokoma.places``), which statistics count
    # by; ``place`` is its name then, or a place named in words when it is not listed.
    place_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("places.id", ondelete="RESTRICT"), index=True
    )
    place: Mapped[str | None] = mapped_column(String(200))
    requesting_body: Mapped[str | None] = mapped_column(String(200))
    visibility: Mapped[CaseVisibility] = mapped_column(
        code_column(CaseVisibility, 20), default=CaseVisibility.TEAM
    )
    follow_up_date: Mapped[date | None]
    outcome: Mapped[CaseOutcome | None] = mapped_column(code_column(CaseOutcome))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]
    archived: Mapped[bool] = mapped_column(default=False)
    archived_at: Mapped[datetime | None]
    # Set when retention cleared the case's free text (years after closing).
    anonymised_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # Reference, title, summary, place and requesting body, case- and accent-folded
    # (``kokoma.core.folding``): search matches umlauts alike on SQLite and PostgreSQL.
    search_text: Mapped[str] = mapped_column(Text, default="")

    topic_rows: Mapped[list[CaseTopicRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    assignments: Mapped[list[CaseAssignment]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    party_rows: Mapped[list[CaseParty]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    referrals: Mapped[list[Referral]] = relationship(
        lazy="raise", order_by="Referral.referred_on", viewonly=True
    )

    def refresh_search_text(self) -> None:
        """Fold the searched fields into ``search_text``; call after changing any of them."""
        self.search_text = fold("\n".join(getattr(self, name) or "" for name in SEARCHED_FIELDS))

    @property
    def topics(self) -> list[CaseTopic]:
        return sorted(CaseTopic(row.topic) for row in self.topic_rows)

    @property
    def assignees(self) -> list[CaseAssignment]:
        return sorted(self.assignments, key=lambda row: row.user.full_name)

    @property
    def parties(self) -> list[CaseParty]:
        return sorted(self.party_rows, key=lambda row: row.name)

    @property
    def assignee_ids(self) -> set[uuid.UUID]:
        return {row.user_id for row in self.assignments}


class CaseTopicRow(Base):
    """One topic of a case; a table of its own so lists filter by topic through an index."""

    __tablename__ = "case_topics"
    __table_args__ = (Index("ix_case_topics_topic", "topic", "case_id"),)

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[CaseTopic] = mapped_column(code_column(CaseTopic), primary_key=True)


class CaseAssignment(Base):
    """A conflict manager or coordinator assigned to a case."""

    __tablename__ = "case_assignees"
    # (user, case): a caller's assignments are read from the index alone when lists
    # check the `restricted` rule (bench/RESULTS.md).
    __table_args__ = (Index("ix_case_assignees_user_case", "user_id", "case_id"),)

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="raise")

    @property
    def full_name(self) -> str:
        return self.user.full_name


class CaseParty(Base):
    """A network contact involved in the conflict, with its role."""

    __tablename__ = "case_parties"

    case_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    # RESTRICT: a contact still named in a case cannot disappear from it silently.
    contact_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("contacts.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    role_in_conflict: Mapped[PartyRole] = mapped_column(code_column(PartyRole))
    note: Mapped[str | None] = mapped_column(String(2000))

    contact: Mapped[Contact] = relationship(lazy="raise")

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def kind(self) -> str:
        return self.contact.kind


class CaseTimelineEntry(IdMixin, Base):
    """One status or escalation change: who, when, from, to, why."""

    __tablename__ = "case_timeline"
    __table_args__ = (Index("ix_case_timeline_case", "case_id", "occurred_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "status", "escalation_level" or "referral" (a referral made or its status changed)
    change: Mapped[str] = mapped_column(String(20))
    from_value: Mapped[str | None] = mapped_column(String(30))
    to_value: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(String(2000))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # A snapshot, so the timeline still reads right after an account is renamed or removed.
    actor_name: Mapped[str] = mapped_column(String(200))
    # The referral an entry is about (a referral's own entries, a case referred through it).
    referral_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("referrals.id", ondelete="SET NULL")
    )
    # Snapshot of the receiving body's name, as actor_name.
    subject: Mapped[str | None] = mapped_column(String(200))


class CaseReferenceCounter(Base):
    """The last reference number issued per municipality and year."""

    __tablename__ = "case_reference_counters"

    municipality_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("municipalities.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
