"""Requests and answers of the data-protection lifecycle."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import EmailStr, Field

from kokoma.core.schemas import InputModel, OutputModel, PageQuery, Text
from kokoma.privacy.models import ErasureStatus

MAX_PICKED = 20


# --- access (Art. 15) -------------------------------------------------------------------


class PeopleQuery(InputModel):
    q: Text(200, 2) = Field(description="A name or e-mail address to look for.")


class ContactCandidate(OutputModel):
    id: uuid.UUID
    kind: str
    name: str
    email: str | None
    actor_group: str
    anonymised: bool = Field(description="The person was erased already.")


class ParticipantCandidate(OutputModel):
    id: uuid.UUID
    full_name: str
    series_title: str
    contact_id: uuid.UUID | None


class PeopleFound(OutputModel):
    """Records that may be the person: the coordinator picks those that are."""

    contacts: list[ContactCandidate]
    participants: list[ParticipantCandidate]


class AccessRequest(InputModel):
    """Whose data to export: the name searched in free text and the records picked."""

    name: Text(200, 2) = Field(description="The person's name, searched in all free text.")
    contact_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_PICKED)
    participant_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_PICKED)

    model_config = InputModel.model_config | {
        "json_schema_extra": {"examples": [{"name": "Katrin Wagner", "contact_ids": []}]}
    }


class MentionOut(OutputModel):
    table: str = Field(description="Where the text is (table).")
    record_id: str
    field: str
    excerpt: str = Field(description="The text around the naming.")


class Processing(OutputModel):
    category: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str


class AccessReport(OutputModel):
    """Everything the municipality stores about the person (GDPR Art. 15)."""

    generated_at: datetime
    municipality: str
    name: str
    contacts: list[dict[str, Any]]
    relations: list[dict[str, Any]]
    case_parties: list[dict[str, Any]]
    consultations: list[dict[str, Any]]
    referrals: list[dict[str, Any]]
    training_participations: list[dict[str, Any]]
    certificates: list[dict[str, Any]]
    mentions: list[MentionOut]
    processing: list[Processing]


# --- erasure (Art. 17) ------------------------------------------------------------------


class ErasureCreate(InputModel):
    contact_id: uuid.UUID = Field(description="The person (a network contact) to erase.")
    reason: Text(1000, 3) = Field(description="Why: the person's request, its date, reference.")
    confirm_open_cases: bool = Field(
        default=False,
        description="Must be true when the person is a party of cases that are still open.",
    )
    participant_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_PICKED,
        description="Training participations of the person not linked to the contact.",
    )


class MentionRef(InputModel):
    table: Text(60, 1)
    record_id: Text(80, 1)
    field: Text(60, 1)


class ErasureApprove(InputModel):
    redact: list[MentionRef] = Field(
        default_factory=list,
        max_length=1000,
        description="The free-text mentions (from the request) to redact with the erasure.",
    )


class ErasureReject(InputModel):
    reason: Text(1000, 3)


class CaseBrief(OutputModel):
    id: uuid.UUID
    reference: str
    status: str


class ErasureOut(OutputModel):
    id: uuid.UUID
    contact_id: uuid.UUID | None
    contact_name: str | None = Field(
        default=None, description="Its current name; the label once erased."
    )
    status: ErasureStatus
    reason: str
    open_cases_confirmed: bool
    requested_by_id: uuid.UUID | None
    decided_by_id: uuid.UUID | None
    decided_at: datetime | None
    rejection_reason: str | None
    label: str | None
    participant_ids: list[str]
    changed: dict[str, list[str]] | None
    version: int
    created_at: datetime
    cases: list[CaseBrief] = Field(default_factory=list, description="The person's cases.")
    mentions: list[MentionOut] = Field(
        default_factory=list, description="Free text naming the person, while requested."
    )
    needs_second_person: bool = Field(
        default=True, description="Another coordinator than the requester must confirm."
    )


class ErasureListQuery(PageQuery):
    status: ErasureStatus | None = None


# --- legal holds ------------------------------------------------------------------------


class LegalHoldCreate(InputModel):
    case_id: uuid.UUID
    reason: Text(1000, 3) = Field(description="Why the case must be kept (proceedings, inquiry).")


class LegalHoldOut(OutputModel):
    id: uuid.UUID
    case_id: uuid.UUID
    reason: str
    placed_by_id: uuid.UUID | None
    released_at: datetime | None
    released_by_id: uuid.UUID | None
    version: int
    created_at: datetime


class LegalHoldListQuery(PageQuery):
    case_id: uuid.UUID | None = None
    active: bool | None = None


# --- accessibility ----------------------------------------------------------------------


class FeedbackCreate(InputModel):
    message: Text(4000, 5) = Field(description="What does not work, and where.")
    page: Text(500) | None = None
    name: Text(200) | None = None
    email: EmailStr | None = Field(default=None, max_length=254)
    municipality: Text(40) | None = Field(
        default=None, description="Slug of the municipality the report is for."
    )


class FeedbackOut(OutputModel):
    id: uuid.UUID
    municipality_id: uuid.UUID | None
    page: str | None
    message: str
    name: str | None
    email: str | None
    created_at: datetime


class FeedbackListQuery(PageQuery):
    pass


class FeedbackReceived(OutputModel):
    received_on: date
