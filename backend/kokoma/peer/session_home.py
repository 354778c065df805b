"""Back home: after a session closes, the case giver takes the result into the case
their presentation was prepared from, as a consultation of kind ``peer_consultation``
in their own municipality, with the ideas they took up as next steps."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.consultations import service as consultations
from kokoma.consultations.models import Consultation, ConsultationFormat, ConsultationKind
from kokoma.consultations.schemas import CaseConsultationCreate
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.errors import Conflict, Forbidden, NotFound
from kokoma.peer.access import is_author, reach_session
from kokoma.peer.models import (
    CasePresentation,
    ContributionKind,
    PeerContribution,
    PeerSession,
    SessionRole,
    SessionStatus,
)
from kokoma.peer.schemas import TakeHomeIn
from kokoma.peer.sessions import announce, role_of, roles


async def _taken_up(session: AsyncSession, session_id: uuid.UUID) -> list[str]:
    return list(
        await session.scalars(
            select(PeerContribution.text)
            .where(
                PeerContribution.session_id == session_id,
                PeerContribution.kind == ContributionKind.IDEA,
                PeerContribution.taken_up.is_(True),
            )
            .order_by(PeerContribution.created_at, PeerContribution.id)
        )
    )


async def take_home(
    session: AsyncSession,
    principal: Principal,
    session_id: uuid.UUID,
    data: TakeHomeIn,
    if_match: str | None,
) -> tuple[PeerSession, Consultation]:
    """A consultation of the case giver's own case from the closed session (once)."""
    access = await reach_session(session, principal, session_id, for_update=True)
    peer_session = access.peer_session
    if role_of(await roles(session, session_id), principal.id) is not SessionRole.CASE_GIVER:
        raise Forbidden("Only the case giver takes the result home.")
    check_if_match(if_match, peer_session.version)
    if peer_session.status is not SessionStatus.CLOSED:
        raise Conflict("The result is taken home once the session has closed.")
    if peer_session.home_consultation_id is not None:
        raise Conflict("The result has been taken home already.")
    presentation = await session.get(CasePresentation, peer_session.presentation_id)
    # Only into the author's own case, inside the author's own municipality.
    if presentation is None or not is_author(principal, presentation) or not presentation.case_id:
        raise NotFound("Case")
    ideas = await _taken_up(session, session_id)
    body = CaseConsultationCreate(
        started_at=peer_session.starts_at,
        duration_minutes=peer_session.duration_minutes,
        format=ConsultationFormat.ONLINE,
        kind=ConsultationKind.PEER_CONSULTATION,
        summary=data.summary if data.summary is not None else presentation.key_question,
        next_steps=data.next_steps
        if data.next_steps is not None
        else "\n".join(ideas)[:5000] or None,
    )
    # One transaction: a failure leaves neither a consultation nor a half-done take-home.
    consultation = await consultations.add_consultation(
        session, principal, body, presentation.case_id
    )
    peer_session.home_consultation_id = consultation.id
    announce(session, principal, peer_session, "taken_home")
    await commit_versioned(session)
    return peer_session, await consultations.read_consultation(session, principal, consultation.id)
