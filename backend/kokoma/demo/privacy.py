"""Demo data of the data-protection lifecycle: a legal hold on a closed case of the
Wartburgkreis and a reported barrier, so that both lists show something."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseStatus
from kokoma.municipalities.models import Municipality
from kokoma.privacy.models import AccessibilityFeedback, LegalHold
from kokoma.users.models import User

HOLD_REASON = "Verwaltungsgerichtliches Verfahren zur Versammlungsauflage (Az. 2 K 118/26 Me)"
FEEDBACK = (
    "In der Netzwerkkarte kann ich die Kontakte mit dem Bildschirmleser nicht erreichen. "
    "Gibt es eine Liste?"
)


async def load_privacy(session: AsyncSession) -> None:
    """Add what is missing; run after cases. The caller commits."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    held = await session.scalar(
        select(LegalHold.id).where(LegalHold.municipality_id == municipality.id)
    )
    case = await session.scalar(
        select(Case)
        .where(Case.municipality_id == municipality.id, Case.status == CaseStatus.CLOSED)
        .order_by(Case.reference)
        .limit(1)
    )
    coordinator = await session.scalar(
        select(User.id).where(User.email == "koordination@wartburgkreis.example")
    )
    if held is None and case is not None:
        session.add(
            LegalHold(
                municipality_id=municipality.id,
                case_id=case.id,
                reason=HOLD_REASON,
                placed_by_id=coordinator,
            )
        )
    reported = await session.scalar(
        select(AccessibilityFeedback.id).where(
            AccessibilityFeedback.municipality_id == municipality.id
        )
    )
    if reported is None:
        session.add(
            AccessibilityFeedback(
                municipality_id=municipality.id, page="/network/map", message=FEEDBACK
            )
        )
    await session.flush()
