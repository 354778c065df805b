"""Request and response bodies of referrals."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field

from kokoma.cases.schemas import CaseRef
from kokoma.contacts.schemas import ContactRef
from kokoma.core.schemas import (
    InputModel,
    OutputModel,
    PageQuery,
    SaneDate,
    Text,
    with_examples,
)
from kokoma.referrals.models import ReferralStatus

_DOC = {
    "contact_id": "The receiving organisation or person, chosen from the network.",
    "target_name": "The receiving body in words, when it is not in the network (fallback).",
    "referred_on": "The day the referral was made; today when left out, never in the future.",
    "reason": "Why the case is referred.",
    "handed_over": "What was handed over (documents, contact details, a summary).",
    "personal_data": "Personal data of someone involved go along with the referral.",
    "consent_on": "The day the person consented to passing on their data; required "
    "with `personal_data`.",
    "status": "`proposed` → `agreed` → `completed`, or `declined` (see the workflow).",
    "follow_up_date": "When to ask how the referral went (Wiedervorlage).",
    "response": "The answer of the receiving body.",
    "note": "Why the status changed; shown in the case's timeline.",
}


def doc(name: str, **kwargs: Any) -> Any:
    """``Field`` with the shared description of ``name``."""
    return Field(description=_DOC[name], **kwargs)


_CONTACT_ID = "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f"
_CASE_ID = "8c7b6a59-4d3e-4f21-9e8d-7c6b5a493827"
_NEW: dict[str, Any] = {
    "contact_id": _CONTACT_ID,
    "reason": "Rechtsextreme Bedrohungslage, spezialisierte Beratung nötig.",
    "handed_over": "Fallzusammenfassung und Kontaktdaten der Bürgermeisterin.",
    "personal_data": True,
    "consent_on": "2026-03-10",
    "follow_up_date": "2026-04-01",
}


class ReferralListQuery(PageQuery):
    """Filters combine with AND."""

    contact_id: uuid.UUID | None = Field(
        default=None, description='Only referrals to this contact (its "cases referred to us").'
    )
    status: list[ReferralStatus] = Field(
        default_factory=list,
        max_length=len(ReferralStatus),
        description="Only these statuses (repeatable).",
    )


class ReferralCreate(InputModel):
    """A referral of the case in the path: give `contact_id` or, failing that, `target_name`."""

    contact_id: uuid.UUID | None = doc("contact_id", default=None)
    target_name: Text(200) | None = doc("target_name", default=None)
    referred_on: SaneDate | None = doc("referred_on", default=None)
    reason: Text(2000, 1) = doc("reason")
    handed_over: Text(2000) | None = doc("handed_over", default=None)
    personal_data: bool = doc("personal_data", default=False)
    consent_on: SaneDate | None = doc("consent_on", default=None)
    status: ReferralStatus = doc("status", default=ReferralStatus.PROPOSED)
    follow_up_date: SaneDate | None = doc("follow_up_date", default=None)
    response: Text(5000) | None = doc("response", default=None)

    model_config = with_examples(_NEW)


class ReferralUpdate(InputModel):
    """Fields to change; those left out stay, `null` clears optional ones. A status change
    follows the workflow and lands in the case's timeline with `note`."""

    contact_id: uuid.UUID | None = doc("contact_id", default=None)
    target_name: Text(200) | None = doc("target_name", default=None)
    referred_on: SaneDate | None = doc("referred_on", default=None)
    reason: Text(2000, 1) | None = doc("reason", default=None)
    handed_over: Text(2000) | None = doc("handed_over", default=None)
    personal_data: bool | None = doc("personal_data", default=None)
    consent_on: SaneDate | None = doc("consent_on", default=None)
    status: ReferralStatus | None = doc("status", default=None)
    note: Text(2000) | None = doc("note", default=None)
    follow_up_date: SaneDate | None = doc("follow_up_date", default=None)
    response: Text(5000) | None = doc("response", default=None)

    model_config = with_examples(
        {"status": "agreed", "response": "Übernahme zugesagt, Erstgespräch am 14.03."}
    )


class ReferralOut(OutputModel):
    """A referral with everything recorded about it."""

    id: uuid.UUID = Field(description="The referral's id.")
    case: CaseRef = Field(description="The case referred.")
    contact: ContactRef | None = Field(description="The receiving contact, if in the network.")
    target_name: str | None = doc("target_name")
    receiver_name: str = Field(
        description="The receiving body: the contact's name or the free text."
    )
    referred_on: date = doc("referred_on")
    reason: str = doc("reason")
    handed_over: str | None = doc("handed_over")
    personal_data: bool = doc("personal_data")
    consent_on: date | None = doc("consent_on")
    status: ReferralStatus = doc("status")
    allowed_statuses: list[ReferralStatus] = Field(
        default_factory=list, description="The statuses it may move to now."
    )
    follow_up_date: date | None = doc("follow_up_date")
    response: str | None = doc("response")
    version: int = Field(description="The record version; the ETag is this number quoted.")
    created_at: datetime = Field(description="When it was recorded.")
    updated_at: datetime = Field(description="When it was last changed.")

    model_config = with_examples(
        {
            "id": "6d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
            "case": {
                "id": _CASE_ID,
                "reference": "WAK-2026-0042",
                "title": "Streit um Flüchtlingsunterkunft in Gerstungen",
            },
            "contact": {
                "id": _CONTACT_ID,
                "name": "Mobile Beratung in Thüringen (MOBIT)",
                "kind": "organisation",
                "actor_group": "counselling_services",
            },
            "target_name": None,
            "receiver_name": "Mobile Beratung in Thüringen (MOBIT)",
            "referred_on": "2026-03-10",
            **{
                k: _NEW[k]
                for k in ("reason", "handed_over", "personal_data", "consent_on", "follow_up_date")
            },
            "status": "agreed",
            "allowed_statuses": ["completed", "declined"],
            "response": "Übernahme zugesagt.",
            "version": 2,
            "created_at": "2026-03-10T09:00:00Z",
            "updated_at": "2026-03-11T10:00:00Z",
        }
    )
