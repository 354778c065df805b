"""Routes of peer sessions; the rules are in ``sessions`` and ``session_home``, the
crossing between municipalities in ``access``. Participants poll the session and its
contributions with If-None-Match: an unchanged state answers 304 without a body, so
polling works behind the proxy and with any number of backend workers."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.consultations.schemas import ConsultationOut
from kokoma.core.concurrency import etag_for
from kokoma.core.http import NOT_MODIFIED, DbSession, IfMatch, IfNoneMatch, set_etag, unchanged
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.peer import session_home, session_views, sessions
from kokoma.peer.access import reach_session
from kokoma.peer.models import PeerSession
from kokoma.peer.schemas import (
    ContributionCreate,
    ContributionOut,
    PeerSessionCreate,
    PeerSessionListQuery,
    PeerSessionOut,
    PeerSessionUpdate,
    TakeHomeIn,
    TakenUpIn,
)

sessions_router = APIRouter(prefix="/peer-sessions", tags=["peer consultation"])
Member = Caller(P.PEER_PARTICIPATE)


async def _out(
    session: DbSession, principal: object, peer_session: PeerSession, response: Response
) -> PeerSessionOut:
    access = await reach_session(session, principal, peer_session.id)  # type: ignore[arg-type]
    set_etag(response, access.peer_session.version)
    return await session_views.describe(session, principal, access)  # type: ignore[arg-type]


@sessions_router.get("", response_model=Page[PeerSessionOut], responses=problems(400, 404))
async def list_sessions(
    session: DbSession, principal: Member, query: Annotated[PeerSessionListQuery, Query()]
) -> Page[PeerSessionOut]:
    """The sessions of a group one takes part in, the latest first."""
    items, cursor = await sessions.list_sessions(session, principal, query)
    described = [
        await session_views.describe(
            session, principal, await reach_session(session, principal, item.id)
        )
        for item in items
    ]
    return Page(items=described, next_cursor=cursor)


@sessions_router.post("", status_code=201, response_model=PeerSessionOut, responses=problems())
async def schedule_session(
    body: PeerSessionCreate, response: Response, session: DbSession, principal: Member
) -> PeerSessionOut:
    """Schedule a session of a group one moderates: time, link, offered presentations
    and roles; every participant gets an invitation with a calendar entry."""
    peer_session = await sessions.schedule(session, principal, body)
    return await _out(session, principal, peer_session, response)


@sessions_router.get(
    "/{session_id}", response_model=PeerSessionOut, responses={**problems(404), **NOT_MODIFIED}
)
async def get_session(
    session_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_none_match: IfNoneMatch = None,
) -> PeerSessionOut | Response:
    """The session with its phase, people and candidates; 304 while the ETag is current."""
    access = await reach_session(session, principal, session_id)
    not_modified = unchanged(if_none_match, etag_for(access.peer_session.version))
    if not_modified is not None:
        return not_modified
    set_etag(response, access.peer_session.version)
    return await session_views.describe(session, principal, access)


@sessions_router.patch(
    "/{session_id}", response_model=PeerSessionOut, responses=problems(404, 409, 412, 428)
)
async def update_session(
    session_id: uuid.UUID,
    body: PeerSessionUpdate,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PeerSessionOut:
    """Time, link, offered presentations, the group's choice and roles (moderator),
    until the case has been told."""
    peer_session = await sessions.update(session, principal, session_id, body, if_match)
    return await _out(session, principal, peer_session, response)


@sessions_router.post(
    "/{session_id}/phase-advance",
    response_model=PeerSessionOut,
    responses=problems(404, 409, 412, 428),
)
async def advance_phase(
    session_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PeerSessionOut:
    """The next phase (moderator); the first starts the session, after the sixth it closes."""
    peer_session = await sessions.advance(session, principal, session_id, if_match)
    return await _out(session, principal, peer_session, response)


@sessions_router.get(
    "/{session_id}/contributions",
    response_model=list[ContributionOut],
    responses={**problems(404), **NOT_MODIFIED},
)
async def list_contributions(
    session_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_none_match: IfNoneMatch = None,
) -> list[ContributionOut] | Response:
    """What was written, phase by phase; 304 while the ETag is current."""
    tag = await sessions.contributions_tag(session, principal, session_id)
    not_modified = unchanged(if_none_match, tag)
    if not_modified is not None:
        return not_modified
    _, items = await sessions.contributions(session, principal, session_id)
    response.headers["ETag"] = tag
    return await session_views.describe_contributions(session, principal, items)


@sessions_router.post(
    "/{session_id}/contributions",
    status_code=201,
    response_model=ContributionOut,
    responses=problems(404),
)
async def contribute(
    session_id: uuid.UUID, body: ContributionCreate, session: DbSession, principal: Member
) -> ContributionOut:
    """A question, hypothesis, idea or resonance for the current phase; the case giver
    stays silent during the consultation, observers write nothing."""
    contribution = await sessions.contribute(session, principal, session_id, body)
    [out] = await session_views.describe_contributions(session, principal, [contribution])
    return out


@sessions_router.post(
    "/{session_id}/taken-up-ideas",
    response_model=PeerSessionOut,
    responses=problems(404, 409, 412, 428),
)
async def take_up_ideas(
    session_id: uuid.UUID,
    body: TakenUpIn,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PeerSessionOut:
    """The ideas the case giver takes up (closing phase); replaces the earlier choice."""
    peer_session = await sessions.take_up(session, principal, session_id, body, if_match)
    return await _out(session, principal, peer_session, response)


@sessions_router.post(
    "/{session_id}/take-home",
    status_code=201,
    response_model=ConsultationOut,
    responses=problems(404, 409, 412, 428),
)
async def take_home(
    session_id: uuid.UUID,
    body: TakeHomeIn,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> ConsultationOut:
    """The case giver records the closed session as a `peer_consultation` of their own
    case, with the ideas taken up as next steps (once)."""
    peer_session, consultation = await session_home.take_home(
        session, principal, session_id, body, if_match
    )
    set_etag(response, peer_session.version)
    return ConsultationOut.model_validate(consultation)
