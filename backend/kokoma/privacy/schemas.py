"""Requests and answers of the data-protection lifecycle."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import EmailStr, Field

from kokoma.core.schemas import InputModel, OutputModel, PageQuery, Text, with_examples
from kokoma.privacy.models import ErasureStatus, TextKind

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
    """A free-text field naming the person."""

    table: str = Field(description="Where the text is (table).")
    record_id: str = Field(description="The record holding the text.")
    field: str = Field(description="The field holding the text.")
    excerpt: str = Field(description="The text around the naming.")

    model_config = with_examples(
        {
            "table": "consultations",
            "record_id": "5f1c2d9e-8a4b-4c3d-9e2f-1a2b3c4d5e6f",
            "field": "summary",
            "excerpt": "Gespräch mit Katrin Wagner über den Jugendclub.",
        }
    )


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
    delete_files: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=1000,
        description="Files on the person's records (from the request) to delete with the "
        "erasure: their content may name the person where no search can look.",
    )


class ErasureReject(InputModel):
    reason: Text(1000, 3)


class CaseBrief(OutputModel):
    id: uuid.UUID = Field(description="The case.")
    reference: str = Field(description="Its reference number.")
    status: str = Field(description="Its status.")


class ErasureFile(OutputModel):
    """A file kept with a case or consultation of the person."""

    id: uuid.UUID = Field(description="The attachment.")
    owner_type: str = Field(description="`case` or `consultation`.")
    owner_id: uuid.UUID = Field(description="The record the file belongs to.")
    filename: str = Field(description="The file's name.")
    media_type: str = Field(description="Its type.")
    size_bytes: int = Field(description="Its size in bytes.")
    created_at: datetime = Field(description="When it was uploaded.")


_ID = "7d0e9a4c-2b1f-4e8a-9c3d-5f6a7b8c9d0e"


class ErasureOut(OutputModel):
    """An erasure request and, once carried out, which records it changed."""

    id: uuid.UUID = Field(description="The request.")
    contact_id: uuid.UUID | None = Field(description="The person's contact.")
    contact_name: str | None = Field(
        default=None, description="Its current name; the label once erased."
    )
    status: ErasureStatus = Field(description="requested, completed or rejected.")
    reason: str = Field(description="Why the erasure was asked for.")
    open_cases_confirmed: bool = Field(
        description="The requester confirmed that open cases lose the identity too."
    )
    requested_by_id: uuid.UUID | None = Field(description="Who asked.")
    decided_by_id: uuid.UUID | None = Field(description="Who confirmed or rejected.")
    decided_at: datetime | None = Field(description="When it was decided.")
    rejection_reason: str | None = Field(description="Why it was rejected.")
    label: str | None = Field(description="The neutral label the person carries now.")
    participant_ids: list[str] = Field(
        description="Training participations added by hand to the erasure."
    )
    changed: dict[str, list[str]] | None = Field(
        description="Ids of the records the erasure changed, by kind; never their content."
    )
    version: int = Field(description="The ETag of the request.")
    created_at: datetime = Field(description="When it was asked for.")
    cases: list[CaseBrief] = Field(default_factory=list, description="The person's cases.")
    mentions: list[MentionOut] = Field(
        default_factory=list, description="Free text naming the person, while requested."
    )
    files: list[ErasureFile] = Field(
        default_factory=list,
        description="Files on the person's cases and consultations, while requested.",
    )
    needs_second_person: bool = Field(
        default=True, description="Another coordinator than the requester must confirm."
    )

    model_config = with_examples(
        {
            "id": _ID,
            "contact_id": "0b6f3a52-5d1e-4f0a-9a43-6f2d8c1e7b10",
            "contact_name": "Katrin Wagner",
            "status": "requested",
            "reason": "Antrag der Person vom 1. Dezember 2026",
            "open_cases_confirmed": False,
            "requested_by_id": "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e",
            "decided_by_id": None,
            "decided_at": None,
            "rejection_reason": None,
            "label": None,
            "participant_ids": [],
            "changed": None,
            "version": 1,
            "created_at": "2026-12-01T09:30:00Z",
            "cases": [],
            "mentions": [],
            "files": [],
            "needs_second_person": True,
        }
    )


class ErasureListQuery(PageQuery):
    status: ErasureStatus | None = None


# --- legal holds ------------------------------------------------------------------------


class LegalHoldCreate(InputModel):
    case_id: uuid.UUID
    reason: Text(1000, 3) = Field(description="Why the case must be kept (proceedings, inquiry).")


class LegalHoldOut(OutputModel):
    """A case kept from erasure and retention."""

    id: uuid.UUID = Field(description="The hold.")
    case_id: uuid.UUID = Field(description="The case held.")
    reason: str = Field(description="Why the case must be kept.")
    placed_by_id: uuid.UUID | None = Field(description="Who placed it.")
    released_at: datetime | None = Field(description="When it was released; null while active.")
    released_by_id: uuid.UUID | None = Field(description="Who released it.")
    version: int = Field(description="The ETag of the hold.")
    created_at: datetime = Field(description="When it was placed.")

    model_config = with_examples(
        {
            "id": _ID,
            "case_id": "0b6f3a52-5d1e-4f0a-9a43-6f2d8c1e7b10",
            "reason": "Verfahren am Verwaltungsgericht Meiningen",
            "placed_by_id": "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e",
            "released_at": None,
            "released_by_id": None,
            "version": 1,
            "created_at": "2026-12-01T09:30:00Z",
        }
    )


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
    """A reported barrier."""

    id: uuid.UUID = Field(description="The report.")
    municipality_id: uuid.UUID | None = Field(description="The municipality it names, if any.")
    page: str | None = Field(description="The page the barrier is on.")
    message: str = Field(description="What does not work.")
    name: str | None = Field(description="Who reported it, if they said.")
    email: str | None = Field(description="Where to reply, if given.")
    created_at: datetime = Field(description="When it was reported.")

    model_config = with_examples(
        {
            "id": _ID,
            "municipality_id": None,
            "page": "/barrierefreiheit",
            "message": "Das Formular lässt sich mit dem Bildschirmleser nicht absenden.",
            "name": None,
            "email": None,
            "created_at": "2026-12-01T09:30:00Z",
        }
    )


class FeedbackListQuery(PageQuery):
    pass


class FeedbackReceived(OutputModel):
    received_on: date = Field(description="The day the report was stored.")


# --- retention per municipality ---------------------------------------------------------

# The shortest periods KoKoMa allows (README, "Retention"): a year after closing a case
# follow-ups and complaints are still answered from it.
MIN_YEARS = 1
MAX_YEARS = 30
# The audit log is how the municipality shows who saw or changed special-category data
# (Art. 5(2), 32 GDPR): a year at least, as the global KOKOMA_RETENTION_AUDIT_DAYS.
MIN_AUDIT_YEARS = 1
MAX_AUDIT_YEARS = 10


class RetentionPolicyUpdate(InputModel):
    closed_case_years: int = Field(
        ge=MIN_YEARS, le=MAX_YEARS, description="Closed cases lose their free text after this."
    )
    unlinked_contact_years: int = Field(
        ge=MIN_YEARS,
        le=MAX_YEARS,
        description="Contacts without any link or consent renewal are deleted after this.",
    )
    audit_log_years: int = Field(
        ge=MIN_AUDIT_YEARS,
        le=MAX_AUDIT_YEARS,
        description="Entries of the audit log about the municipality are deleted after this "
        "(records of erasures and retention runs stay).",
    )


class RetentionPolicyOut(OutputModel):
    """The municipality's retention periods (the defaults until it sets its own)."""

    closed_case_years: int = Field(description="Years after closing until a case is anonymised.")
    unlinked_contact_years: int = Field(
        description="Years after the last change until an unlinked contact is deleted."
    )
    audit_log_years: int = Field(description="Years the audit log keeps its entries.")
    version: int = Field(description="The ETag; 0 while the defaults apply.")

    model_config = with_examples(
        {"closed_case_years": 3, "unlinked_contact_years": 3, "audit_log_years": 2, "version": 0}
    )


class UpcomingCase(OutputModel):
    id: uuid.UUID = Field(description="The case.")
    reference: str = Field(description="Its reference number.")
    closed_at: datetime = Field(description="When it was closed.")
    due_on: date = Field(description="The day retention anonymises it.")


class UpcomingContact(OutputModel):
    id: uuid.UUID = Field(description="The contact.")
    name: str = Field(description="Its name.")
    due_on: date = Field(description="The day retention deletes it unless it changes.")


class Upcoming(OutputModel):
    """What retention anonymises or deletes within the next 30 days; held cases are not
    listed, and a contact leaves the list when it is linked or its consent renewed."""

    cases: list[UpcomingCase] = Field(description="Oldest first, at most 100.")
    contacts: list[UpcomingContact] = Field(
        default_factory=list, description="Unlinked contacts, soonest first, at most 100."
    )


# --- the municipality's texts -------------------------------------------------------------

MAX_TEXT = 50_000


class PrivacyTextUpdate(InputModel):
    body: Text(MAX_TEXT, 20) = Field(
        description="The whole text: lines starting with `#` are headings, `- ` items."
    )


class PrivacyTextOut(OutputModel):
    """One of the municipality's texts: its own version, or the one written for it."""

    kind: TextKind = Field(
        description="`processing_record` (Art. 30 GDPR), `privacy_notice` or "
        "`enforcement_body` (accessibility statement)."
    )
    body: str = Field(description="The text as it stands.")
    generated: str = Field(
        description="The text written from the current configuration (or the default), "
        "to compare with or to start over from."
    )
    is_default: bool = Field(description="True while the municipality has not saved its own.")
    version: int = Field(description="The ETag; 0 while the default holds.")
    updated_at: datetime | None = Field(description="When it was last saved.")
    updated_by_name: str | None = Field(description="Who saved it last.")

    model_config = with_examples(
        {
            "kind": "privacy_notice",
            "body": "# Datenschutzhinweise — Wartburgkreis\n\n## Wer ist verantwortlich?\n…",
            "generated": "# Datenschutzhinweise — Wartburgkreis\n\n## Wer ist verantwortlich?\n…",
            "is_default": True,
            "version": 0,
            "updated_at": None,
            "updated_by_name": None,
        }
    )


class PublicText(OutputModel):
    body: str = Field(description="The text.")
    is_default: bool = Field(description="The municipality has not written its own yet.")


class PublicTexts(OutputModel):
    """What the public pages show for one municipality."""

    slug: str = Field(description="The municipality's short name.")
    municipality: str = Field(description="Its name.")
    privacy_notice: PublicText = Field(description="Its privacy notice.")
    enforcement_body: PublicText = Field(
        description="The enforcement body its accessibility statement names."
    )


class PublicTextsMunicipality(OutputModel):
    slug: str = Field(description="Short name, for the address of its pages.")
    name: str = Field(description="The municipality's name.")
