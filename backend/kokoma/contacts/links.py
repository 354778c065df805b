"""Records of other domains that name a contact, so deleting it never breaks them silently."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.cases.access import visibility_filter
from kokoma.cases.models import Case, CaseParty
from kokoma.consultations.models import Consultation, ConsultationParticipant
from kokoma.referrals.models import Referral

# Enough to act on; a contact linked to more records than this is named with the first ones.
MAX_LINKS = 50


async def links_to(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID
) -> list[dict[str, Any]]:
    """The cases (as party or as receiver of a referral) and consultations naming the contact.

    Records the caller may not see (restricted cases, their consultations) are
    counted in with their type only, so the refusal explains itself without
    revealing what they are.
    """
    visible = visibility_filter(principal)
    cases = await session.execute(
        select(Case.id, Case.reference, visible)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(CaseParty.contact_id == contact_id)
        .order_by(Case.reference)
        .limit(MAX_LINKS)
    )
    found = [_case_link(*row) for row in cases]
    referred = await session.execute(
        select(Case.id, Case.reference, visible)
        .join(Referral, Referral.case_id == Case.id)
        .where(Referral.contact_id == contact_id)
        .order_by(Case.reference)
        .limit(MAX_LINKS)
    )
    found.extend(_case_link(*row) for row in referred)
    consultations = await session.execute(
        select(Consultation.id, Consultation.started_at, Case.id.is_(None) | visible)
        .join(ConsultationParticipant, ConsultationParticipant.consultation_id == Consultation.id)
        .outerjoin(Case, Case.id == Consultation.case_id)
        .where(ConsultationParticipant.contact_id == contact_id)
        .order_by(Consultation.started_at)
        .limit(MAX_LINKS)
    )
    found.extend(_consultation_link(*row) for row in consultations)
    return found


def _case_link(case_id: uuid.UUID, reference: str, visible: bool) -> dict[str, Any]:
    if not visible:
        return {"type": "case", "visible": False}
    return {"type": "case", "id": str(case_id), "reference": reference, "visible": True}


def _consultation_link(
    consultation_id: uuid.UUID, started_at: Any, visible: bool
) -> dict[str, Any]:
    if not visible:
        return {"type": "consultation", "visible": False}
    return {
        "type": "consultation",
        "id": str(consultation_id),
        "started_at": started_at.isoformat().replace("+00:00", "Z"),
        "visible": True,
    }
