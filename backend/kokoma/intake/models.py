"""The contact point of a municipality and the requests for help (*Anfragen*) it receives.

Three tables: the public page a coordinator maintains (one per municipality), the
consent of a conflict manager to be listed on it (kept when withdrawn, as proof), and
the requests that arrive through the public form, a partner system or staff.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base


class ContactPage(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """What the public page ``/kontakt/<slug>`` shows; hidden until ``published``."""

    __tablename__ = "contact_pages"
    __table_args__ = (UniqueConstraint("municipality_id", name="one_page_per_municipality"),)

    published: Mapped[bool] = mapped_column(default=False)
    # A readable address besides the municipality's slug (the short code of its case
    # numbers): `/kontakt/wartburgkreis` as well as `/kontakt/wak`.
    page_slug: Mapped[str | None] = mapped_column(String(40), unique=True)
    # Plain text, shown as paragraphs; never rendered as HTML.
    offer: Mapped[str] = mapped_column(Text, default="")
    limits: Mapped[str] = mapped_column(Text, default="")
    emergency: Mapped[str] = mapped_column(Text, default="")
    point_name: Mapped[str] = mapped_column(String(200), default="")
    point_address: Mapped[str] = mapped_column(String(500), default="")
    point_hours: Mapped[str] = mapped_column(String(500), default="")
    point_phone: Mapped[str] = mapped_column(String(50), default="")
    point_email: Mapped[str] = mapped_column(String(254), default="")
    # Conflict managers the coordinator named to work the inbox too (user ids).
    inbox_member_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class PublicListing(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A conflict manager's consent to be named on the public page, and its withdrawal."""

    __tablename__ = "public_listings"

    # CASCADE: an erased account takes its listing along; it is not public any more.
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    office: Mapped[str] = mapped_column(String(200), default="")
    reach: Mapped[str] = mapped_column(String(500), default="")
    consented_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]


class RequestChannel(StrEnum):
    FORM = "form"  # the public form
    API = "api"  # a partner system with the `intake:write` scope
    STAFF = "staff"  # entered by a coordinator or conflict manager


class RequestStatus(StrEnum):
    NEW = "new"
    CASE_OPENED = "case_opened"  # turned into a new case
    MERGED = "merged"  # added to an existing case
    ANSWERED = "answered"  # answered without a case (an initial talk)
    DECLINED = "declined"


OPEN_STATUSES = (RequestStatus.NEW,)


class Urgency(StrEnum):
    LOW = "low"  # in the coming weeks
    MEDIUM = "medium"  # in the coming days
    HIGH = "high"  # as soon as possible


class OnBehalfOf(StrEnum):
    SELF = "self"
    ORGANISATION = "organisation"


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    ANONYMOUS = "anonymous"  # no contact data at all


class HelpRequest(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    """A request for help (*Anfrage*); read only by the inbox, never by its sender."""

    __tablename__ = "help_requests"
    __table_args__ = (
        UniqueConstraint("municipality_id", "reference", name="reference_unique"),
        Index("ix_help_requests_municipality_status", "municipality_id", "status", "created_at"),
    )

    reference: Mapped[str] = mapped_column(String(12))
    channel: Mapped[RequestChannel] = mapped_column(code_column(RequestChannel, 10))
    status: Mapped[RequestStatus] = mapped_column(
        code_column(RequestStatus, 20), default=RequestStatus.NEW
    )
    description: Mapped[str] = mapped_column(Text)
    # RESTRICT: places are archived, not deleted.
    place_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("places.id", ondelete="RESTRICT")
    )
    place_text: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[str | None] = mapped_column(String(200))
    involved: Mapped[str | None] = mapped_column(Text)
    urgency: Mapped[Urgency] = mapped_column(code_column(Urgency, 10), default=Urgency.MEDIUM)
    on_behalf_of: Mapped[OnBehalfOf] = mapped_column(
        code_column(OnBehalfOf, 20), default=OnBehalfOf.SELF
    )
    organisation: Mapped[str | None] = mapped_column(String(200))
    contact_method: Mapped[ContactMethod] = mapped_column(code_column(ContactMethod, 20))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    language: Mapped[str] = mapped_column(String(5), default="de")
    consented_at: Mapped[datetime]
    # Who entered it: a partner system's client or a staff member; none for the form.
    entered_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # RESTRICT: cases are archived, not deleted; the link to the request stays.
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="RESTRICT"), index=True
    )
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("consultations.id", ondelete="SET NULL")
    )
    decline_reason: Mapped[str | None] = mapped_column(Text)
    handled_at: Mapped[datetime | None]
    handled_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    @property
    def anonymous(self) -> bool:
        return self.contact_method is ContactMethod.ANONYMOUS
