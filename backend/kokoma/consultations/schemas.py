"""Request and response bodies of consultations."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, Field

from kokoma.cases.schemas import CaseRef
from kokoma.consultations.models import (
    MAX_DURATION_MINUTES,
    ConsultationFormat,
    ConsultationKind,
    CounsellingRole,
)
from kokoma.contacts.schemas import ContactRef
from kokoma.core.schemas import (
    InputModel,
    OutputModel,
    PageQuery,
    SaneDate,
    Text,
    with_examples,
)

MAX_PARTICIPANTS = 100
MAX_HEAD_COUNT = 10_000

_DOC = {
    "id": "Identifier of the consultation.",
    "case_id": "The case the consultation belongs to; null for general advice without a case.",
    "started_at": "When the consultation began (with time zone).",
    "duration_minutes": f"How long it took, 1 to {MAX_DURATION_MINUTES} minutes.",
    "ended_at": (
        "When it ended. On input an alternative to `duration_minutes`; it must lie after "
        "`started_at` and within a day of it."
    ),
    "format": "`in_person`, `online` or `phone`.",
    "kind": (
        "`initial_talk` (Erstgespräch), `counselling`, `moderation`, `mediation`, "
        "`peer_consultation` (kollegiale Fallberatung), `referral` (a talk arranging a "
        "referral; the referral itself is recorded under /cases/{id}/referrals) or "
        "`follow_up` (Nachsorge)."
    ),
    "counselling_role": (
        "The role taken by the conflict manager: `advisor`, `moderator`, `mediator`, "
        "`process_facilitator` (Prozessbegleitung), `coach` or `peer_consultant` "
        "(colleague in a kollegiale Fallberatung)."
    ),
    "participant_ids": "Network contacts who took part, of the same municipality.",
    "participants": "Network contacts who took part.",
    "head_count": (
        "How many people took part in all, named or not; at least the named participants."
    ),
    "summary": "What the consultation was about. Visible to everyone who sees the consultation.",
    "confidential_notes": (
        "Notes for those handling the case only. Never in lists; every read is written "
        "to the audit log."
    ),
    "agreements": "What was agreed.",
    "next_steps": "What happens next, and who does it.",
    "planned": "Dated in the future: planned, not yet held.",
    "case": "Reference and title of the case; null for general advice without a case.",
    "version": "The record's version; its ETag is this number in quotes.",
}


def doc(name: str, **kwargs: Any) -> Any:
    """``Field`` with the shared description of ``name``."""
    return Field(description=_DOC[name], **kwargs)


_CASE_ID = "8c7b6a59-4d3e-4f21-9e8d-7c6b5a493827"
_CONTACT_ID = "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f"
_NEW = {
    "started_at": "2026-03-12T16:00:00+01:00",
    "duration_minutes": 90,
    "format": "in_person",
    "kind": "moderation",
    "counselling_role": "moderator",
    "participant_ids": [_CONTACT_ID],
    "head_count": 9,
    "summary": "Runder Tisch zur geplanten Windkraftanlage am Dachsberg.",
    "confidential_notes": "Herr M. deutete Drohungen gegen den Ortsteilrat an.",
    "agreements": "Gemeinsame Bürgerversammlung im April; Faktenblatt durch die Gemeinde.",
    "next_steps": "Einladung bis 20.03. (Gemeinde), Moderation der Versammlung (KoKoMa).",
}


class ConsultationSort(StrEnum):
    STARTED = "started_at"
    STARTED_DESC = "-started_at"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"


class CaseConsultationQuery(PageQuery):
    """Filters combine with AND."""

    kind: list[ConsultationKind] = Field(
        default_factory=list,
        max_length=len(ConsultationKind),
        description="Only these kinds (repeatable).",
    )
    format: ConsultationFormat | None = Field(default=None, description="Only this format.")
    participant_id: uuid.UUID | None = Field(
        default=None, description="Only consultations this contact took part in."
    )
    date_from: SaneDate | None = Field(
        default=None, description="Started on or after this day (German local time)."
    )
    date_to: SaneDate | None = Field(
        default=None, description="Started on or before this day (German local time)."
    )
    q: Text(100) | None = Field(default=None, description="Words to find in the summary.")
    sort: ConsultationSort = Field(
        default=ConsultationSort.STARTED_DESC,
        description="Order by `started_at` or `created_at`; `-` for descending.",
    )


class ConsultationListQuery(CaseConsultationQuery):
    case_id: uuid.UUID | None = Field(default=None, description="Only this case's.")
    with_case: bool | None = Field(
        default=None, description="Only those with a case (true) or without one (false)."
    )


class _ConsultationFields(InputModel):
    started_at: AwareDatetime = doc("started_at")
    duration_minutes: int | None = doc(
        "duration_minutes", default=None, ge=1, le=MAX_DURATION_MINUTES
    )
    ended_at: AwareDatetime | None = doc("ended_at", default=None)
    format: ConsultationFormat = doc("format")
    kind: ConsultationKind = doc("kind")
    counselling_role: CounsellingRole | None = doc("counselling_role", default=None)
    participant_ids: list[uuid.UUID] = doc(
        "participant_ids", default_factory=list, max_length=MAX_PARTICIPANTS
    )
    head_count: int | None = doc("head_count", default=None, ge=1, le=MAX_HEAD_COUNT)
    summary: Text(5000) = doc("summary", default="")
    confidential_notes: Text(20_000) | None = doc("confidential_notes", default=None)
    agreements: Text(5000) | None = doc("agreements", default=None)
    next_steps: Text(5000) | None = doc("next_steps", default=None)


class CaseConsultationCreate(_ConsultationFields):
    """A consultation of the case in the path. Give `duration_minutes` or `ended_at`."""

    model_config = with_examples(_NEW)


class ConsultationCreate(_ConsultationFields):
    """A consultation, of a case or standing alone. Give `duration_minutes` or `ended_at`."""

    case_id: uuid.UUID | None = doc("case_id", default=None)

    model_config = with_examples({**_NEW, "case_id": _CASE_ID})


class ConsultationUpdate(InputModel):
    """Fields to change; those left out stay as they are, `null` clears optional ones.

    Changing `started_at` keeps the duration; `ended_at` sets the duration anew.
    """

    case_id: uuid.UUID | None = doc("case_id", default=None)
    started_at: AwareDatetime | None = doc("started_at", default=None)
    duration_minutes: int | None = doc(
        "duration_minutes", default=None, ge=1, le=MAX_DURATION_MINUTES
    )
    ended_at: AwareDatetime | None = doc("ended_at", default=None)
    format: ConsultationFormat | None = doc("format", default=None)
    kind: ConsultationKind | None = doc("kind", default=None)
    counselling_role: CounsellingRole | None = doc("counselling_role", default=None)
    participant_ids: list[uuid.UUID] | None = doc(
        "participant_ids", default=None, max_length=MAX_PARTICIPANTS
    )
    head_count: int | None = doc("head_count", default=None, ge=1, le=MAX_HEAD_COUNT)
    summary: Text(5000) | None = doc("summary", default=None)
    confidential_notes: Text(20_000) | None = doc("confidential_notes", default=None)
    agreements: Text(5000) | None = doc("agreements", default=None)
    next_steps: Text(5000) | None = doc("next_steps", default=None)

    model_config = with_examples({"ended_at": "2026-03-12T18:00:00+01:00", "next_steps": "Keine."})


_EXAMPLE: dict[str, Any] = {
    "id": "3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b",
    "case_id": _CASE_ID,
    "started_at": "2026-03-12T15:00:00Z",
    "ended_at": "2026-03-12T16:30:00Z",
    "duration_minutes": 90,
    "format": "in_person",
    "kind": "moderation",
    "counselling_role": "moderator",
    "participants": [
        {
            "id": _CONTACT_ID,
            "name": "Bürgerinitiative Lebenswertes Werratal",
            "kind": "organisation",
            "actor_group": "civil_society",
        }
    ],
    **{k: _NEW[k] for k in ("head_count", "summary", "agreements", "next_steps")},
    "case": {
        "id": _CASE_ID,
        "reference": "WAK-2026-0042",
        "title": "Streit um Windkraft am Dachsberg",
    },
    "planned": False,
    "has_confidential_notes": True,
    "version": 2,
    "created_at": "2026-03-12T17:10:00Z",
    "updated_at": "2026-03-13T08:45:00Z",
}


class ConsultationListItem(OutputModel):
    """A consultation as lists show it: without the confidential notes."""

    id: uuid.UUID = doc("id")
    case_id: uuid.UUID | None = doc("case_id")
    started_at: datetime = doc("started_at")
    ended_at: datetime = doc("ended_at")
    duration_minutes: int = doc("duration_minutes")
    format: ConsultationFormat = doc("format")
    kind: ConsultationKind = doc("kind")
    counselling_role: CounsellingRole | None = doc("counselling_role")
    participants: list[ContactRef] = doc("participants")
    head_count: int | None = doc("head_count")
    summary: str = doc("summary")
    agreements: str | None = doc("agreements")
    next_steps: str | None = doc("next_steps")
    case: CaseRef | None = doc("case")
    planned: bool = doc("planned")
    has_confidential_notes: bool = Field(
        description="Whether there are confidential notes (read them in the detail)."
    )
    version: int = doc("version")
    created_at: datetime = Field(description="When the consultation was recorded.")
    updated_at: datetime = Field(description="When the consultation was last changed.")

    model_config = with_examples(_EXAMPLE)


class ConsultationOut(ConsultationListItem):
    """A consultation with its confidential notes; reading them is audited."""

    confidential_notes: str | None = doc("confidential_notes")

    model_config = with_examples({**_EXAMPLE, "confidential_notes": _NEW["confidential_notes"]})
