"""Peer sessions and their contributions as the members of the group see them: names
and municipalities of the people, the titles of the offered presentations while they
are shared, and the way home into the case only for the case giver."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.peer.access import SessionAccess
from kokoma.peer.models import (
    PHASES,
    TIMEBOX_MINUTES,
    CasePresentation,
    PeerContribution,
    PeerSession,
    PresentationStatus,
    SessionRole,
)
from kokoma.peer.people import names_of
from kokoma.peer.schemas import CandidateOut, ContributionOut, PeerSessionOut, PeerSessionPersonOut
from kokoma.peer.sessions import candidate_ids, role_of, roles


async def _candidates(
    session: AsyncSession, principal: Principal, peer_session: PeerSession
) -> list[CandidateOut]:
    ids = await candidate_ids(session, peer_session.id)
    found = {
        p.id: p
        for p in await session.scalars(
            select(CasePresentation).where(CasePresentation.id.in_(ids))
        )
    }
    names = await names_of(session, {p.author_id for p in found.values()})
    result = []
    for presentation_id in ids:
        p = found[presentation_id]
        # A withdrawn presentation is read by nobody but its author, not even its title.
        shown = p.status is PresentationStatus.SHARED or p.author_id == principal.id
        result.append(
            CandidateOut(
                id=p.id,
                title=p.title if shown else "",
                author_name=names.get(p.author_id, ("", ""))[0],
                available=p.status is PresentationStatus.SHARED,
            )
        )
    return result


async def describe(
    session: AsyncSession, principal: Principal, access: SessionAccess
) -> PeerSessionOut:
    """The session with its people, candidates, phase and timebox."""
    peer_session = access.peer_session
    rows = await roles(session, peer_session.id)
    names = await names_of(session, {r.user_id for r in rows})
    order = list(SessionRole)
    people = sorted(
        (
            PeerSessionPersonOut(
                user_id=r.user_id,
                full_name=names.get(r.user_id, ("", ""))[0],
                municipality_name=names.get(r.user_id, ("", ""))[1],
                role=r.role,
            )
            for r in rows
        ),
        key=lambda p: (order.index(p.role), p.full_name),
    )
    mine = role_of(rows, principal.id)
    phase = peer_session.phase
    return PeerSessionOut(
        id=peer_session.id,
        group_id=peer_session.group_id,
        group_name=access.group.group.name,
        starts_at=peer_session.starts_at,
        duration_minutes=peer_session.duration_minutes,
        video_link=peer_session.video_link,
        status=peer_session.status,
        phase=phase,
        phase_number=PHASES.index(phase) + 1 if phase else None,
        phase_started_at=peer_session.phase_started_at,
        timebox_minutes=TIMEBOX_MINUTES[phase] if phase else None,
        people=people,
        candidates=await _candidates(session, principal, peer_session),
        presentation_id=peer_session.presentation_id,
        my_role=mine,
        home_consultation_id=(
            peer_session.home_consultation_id if mine is SessionRole.CASE_GIVER else None
        ),
        closed_at=peer_session.closed_at,
        version=peer_session.version,
    )


async def describe_contributions(
    session: AsyncSession, principal: Principal, items: list[PeerContribution]
) -> list[ContributionOut]:
    """Contributions with their authors' names."""
    names = await names_of(session, {c.author_id for c in items if c.author_id})
    return [
        ContributionOut(
            id=c.id,
            phase=c.phase,
            kind=c.kind,
            text=c.text,
            author_name=names.get(c.author_id, ("", ""))[0] if c.author_id else "",
            is_mine=c.author_id == principal.id,
            taken_up=c.taken_up,
            created_at=c.created_at,
        )
        for c in items
    ]
