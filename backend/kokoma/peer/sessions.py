"""Peer sessions: a group's meetings for a kollegiale Fallberatung, run through the
six phases of the method by the session's moderator.

A session belongs to its group, not to a municipality, and is reached only through
``kokoma.peer.access``. Its participants write contributions into the current phase;
the case giver listens during the consultation and says in the closing phase which
ideas they take up, and afterwards may take the result home into their own case.
Scheduling and closing are published to every municipality involved, as counts only.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.events.outbox import EventType, publish
from kokoma.peer import session_mail
from kokoma.peer.access import SessionAccess, participant_groups, reach_session, take_part
from kokoma.peer.groups import hand_on_moderation, memberships_of
from kokoma.peer.models import (
    PHASES,
    CasePresentation,
    ContributionKind,
    PeerContribution,
    PeerMembership,
    PeerRole,
    PeerSession,
    PeerSessionCandidate,
    PeerSessionRole,
    PresentationStatus,
    SessionPhase,
    SessionRole,
    SessionStatus,
)
from kokoma.peer.schemas import (
    ASSIGNABLE_ROLES,
    ContributionCreate,
    PeerSessionCreate,
    PeerSessionListQuery,
    PeerSessionRoleIn,
    PeerSessionUpdate,
    TakenUpIn,
)

K = ContributionKind
# What may be written in which phase; the roles and the method phase are spoken.
PHASE_KINDS: dict[SessionPhase, frozenset[ContributionKind]] = {
    SessionPhase.ROLES: frozenset(),
    SessionPhase.CASE: frozenset({K.QUESTION}),
    SessionPhase.KEY_QUESTION: frozenset({K.KEY_QUESTION}),
    SessionPhase.METHOD: frozenset({K.METHOD}),
    SessionPhase.CONSULTATION: frozenset({K.QUESTION, K.HYPOTHESIS, K.IDEA}),
    SessionPhase.CLOSING: frozenset({K.RESONANCE}),
}
CASE_GIVER_SILENT = SessionPhase.CONSULTATION


def announce(
    session: AsyncSession,
    principal: Principal,
    peer_session: PeerSession,
    action: str,
    **details: Any,
) -> None:
    """Audit a change of the session and publish it (recorded, never delivered)."""
    audit.record_change(
        session,
        f"peer_session.{action}",
        principal=principal,
        target=audit.Target("peer_session", peer_session.id),
        event_type=f"peer_session.{action}",
        details=details or None,
    )


async def _publish_counts(
    session: AsyncSession, principal: Principal, peer_session: PeerSession, event: EventType
) -> None:
    """Audit ``event`` and publish it to every municipality taking part: ids, time and
    counts, no contents; webhooks deliver these two events."""
    audit.record(
        session,
        event.value,
        principal=principal,
        target=audit.Target("peer_session", peer_session.id),
        details={"group_id": str(peer_session.group_id)},
    )
    rows = await roles(session, peer_session.id)
    towns = sorted({r.municipality_id for r in rows})
    data = {
        "peer_session_id": str(peer_session.id),
        "peer_group_id": str(peer_session.group_id),
        "starts_at": peer_session.starts_at.isoformat(),
        "participants": len(rows),
        "municipalities": len(towns),
    }
    for town in towns:
        publish(
            session,
            municipality_id=town,
            event_type=event,
            resource_id=peer_session.id,
            data=data,
        )


async def roles(session: AsyncSession, session_id: uuid.UUID) -> list[PeerSessionRole]:
    return list(
        await session.scalars(
            select(PeerSessionRole)
            .where(PeerSessionRole.session_id == session_id)
            .order_by(PeerSessionRole.id)
        )
    )


def role_of(rows: list[PeerSessionRole], user_id: uuid.UUID) -> SessionRole | None:
    return next((r.role for r in rows if r.user_id == user_id), None)


def _member_index(members: list[PeerMembership]) -> dict[uuid.UUID, PeerMembership]:
    return {m.user_id: m for m in members}


def _assignments(
    members: list[PeerMembership],
    moderator_id: uuid.UUID,
    case_giver_id: uuid.UUID | None,
    given: list[PeerSessionRoleIn],
) -> dict[uuid.UUID, SessionRole]:
    """Every member's role: the moderator, the case giver, the roles given, else adviser."""
    index = _member_index(members)
    chosen: dict[uuid.UUID, SessionRole] = {}
    for number, item in enumerate(given):
        if item.user_id not in index:
            raise invalid(
                f"body.roles.{number}.user_id",
                "A session role can only go to a member of the group.",
                "unknown_member",
            )
        if item.role not in ASSIGNABLE_ROLES:
            raise invalid(
                f"body.roles.{number}.role",
                "Moderator and case giver are not given in the list of roles.",
                "role_not_assignable",
            )
        chosen[item.user_id] = item.role
    if case_giver_id is not None and case_giver_id == moderator_id:
        raise invalid(
            "body.presentation_id",
            "The moderator cannot give the case in the same session.",
            "moderator_gives_case",
        )
    result = {m.user_id: chosen.get(m.user_id, SessionRole.ADVISER) for m in members}
    result[moderator_id] = SessionRole.MODERATOR
    if case_giver_id is not None:
        result[case_giver_id] = SessionRole.CASE_GIVER
    return result


async def _store_roles(
    session: AsyncSession,
    peer_session: PeerSession,
    members: list[PeerMembership],
    assigned: dict[uuid.UUID, SessionRole],
) -> None:
    index = _member_index(members)
    existing = {r.user_id: r for r in await roles(session, peer_session.id)}
    for user_id, role in assigned.items():
        row = existing.pop(user_id, None)
        if row is None:
            session.add(
                PeerSessionRole(
                    session_id=peer_session.id,
                    user_id=user_id,
                    municipality_id=index[user_id].municipality_id,
                    role=role,
                )
            )
        else:
            row.role = role
    for row in existing.values():
        await session.delete(row)


async def _candidates(
    session: AsyncSession, group_id: uuid.UUID, ids: list[uuid.UUID]
) -> list[uuid.UUID]:
    """The offered presentations: each shared with the group, in the order given."""
    wanted = list(dict.fromkeys(ids))
    shared = set(
        await session.scalars(
            select(CasePresentation.id).where(
                CasePresentation.id.in_(wanted),
                CasePresentation.group_id == group_id,
                CasePresentation.status == PresentationStatus.SHARED,
            )
        )
    )
    for number, presentation_id in enumerate(wanted):
        if presentation_id not in shared:
            raise invalid(
                f"body.candidate_ids.{number}",
                "Offer only presentations shared with this group.",
                "unknown_presentation",
            )
    return wanted


async def _store_candidates(
    session: AsyncSession, peer_session: PeerSession, ids: list[uuid.UUID]
) -> None:
    current = await session.scalars(
        select(PeerSessionCandidate).where(PeerSessionCandidate.session_id == peer_session.id)
    )
    for row in current:
        if row.presentation_id not in ids:
            await session.delete(row)
        else:
            ids = [i for i in ids if i != row.presentation_id]
    for presentation_id in ids:
        session.add(
            PeerSessionCandidate(session_id=peer_session.id, presentation_id=presentation_id)
        )


async def candidate_ids(session: AsyncSession, session_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        await session.scalars(
            select(PeerSessionCandidate.presentation_id).where(
                PeerSessionCandidate.session_id == session_id
            )
        )
    )


def _moderator(members: list[PeerMembership], wanted: uuid.UUID | None) -> uuid.UUID:
    if wanted is None:
        return next(m.user_id for m in members if m.role is PeerRole.MODERATOR)
    if wanted not in _member_index(members):
        raise invalid(
            "body.moderator_user_id",
            "A session role can only go to a member of the group.",
            "unknown_member",
        )
    return wanted


async def schedule(
    session: AsyncSession, principal: Principal, data: PeerSessionCreate
) -> PeerSession:
    """A new session of a group, scheduled by one of its moderators; every member is
    invited with a calendar entry."""
    try:
        reached = await take_part(session, principal, data.group_id)
    except NotFound as exc:
        raise invalid(
            "body.group_id",
            "Schedule sessions only for a group you take part in.",
            "unknown_group",
        ) from exc
    if not reached.moderates:
        raise Forbidden("Only the group's moderators schedule sessions.")
    members = await memberships_of(session, data.group_id)
    peer_session = PeerSession(
        id=uuid.uuid4(),
        group_id=data.group_id,
        starts_at=data.starts_at,
        duration_minutes=data.duration_minutes,
        video_link=str(data.video_link) if data.video_link else reached.group.video_link,
        created_by_id=principal.id,
    )
    assigned = _assignments(members, _moderator(members, data.moderator_user_id), None, data.roles)
    wanted = await _candidates(session, data.group_id, data.candidate_ids)
    session.add(peer_session)
    await session.flush()
    await _store_roles(session, peer_session, members, assigned)
    await _store_candidates(session, peer_session, wanted)
    await session.flush()
    await _publish_counts(session, principal, peer_session, EventType.PEER_SESSION_SCHEDULED)
    await session_mail.invite(session, peer_session, reached.group.name)
    await session.commit()
    return peer_session


async def _led(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID, if_match: str | None
) -> tuple[SessionAccess, list[PeerSessionRole]]:
    access = await reach_session(session, principal, session_id, for_update=True)
    rows = await roles(session, session_id)
    if role_of(rows, principal.id) is not SessionRole.MODERATOR:
        raise Forbidden("Only the session's moderator does this.")
    check_if_match(if_match, access.peer_session.version)
    return access, rows


def _touch(peer_session: PeerSession) -> None:
    # A change of roles or candidates is a change of the session.
    peer_session.updated_at = utcnow()


async def update(
    session: AsyncSession,
    principal: Principal,
    session_id: uuid.UUID,
    data: PeerSessionUpdate,
    if_match: str | None,
) -> PeerSession:
    """Time, link, candidates, the group's choice and roles, until the case is told."""
    access, rows = await _led(session, principal, session_id, if_match)
    peer_session = access.peer_session
    if peer_session.status is SessionStatus.CLOSED or (
        peer_session.phase is not None and peer_session.phase is not SessionPhase.ROLES
    ):
        raise Conflict("Roles and the case are settled once the case has been told.")
    sent = data.model_dump(exclude_unset=True)
    members = await memberships_of(session, peer_session.group_id)
    offered = await candidate_ids(session, peer_session.id)
    if "candidate_ids" in sent:
        offered = await _candidates(session, peer_session.group_id, data.candidate_ids)
        await _store_candidates(session, peer_session, offered)
    chosen = sent.get("presentation_id", peer_session.presentation_id)
    if chosen is not None and chosen not in offered:
        raise invalid(
            "body.presentation_id",
            "Choose one of the presentations offered for the session.",
            "not_a_candidate",
        )
    giver = await _author(session, chosen)
    if giver is not None and giver not in _member_index(members):
        raise invalid(
            "body.presentation_id",
            "A session role can only go to a member of the group.",
            "unknown_member",
        )
    moderator = next(r.user_id for r in rows if r.role is SessionRole.MODERATOR)
    kept = [
        PeerSessionRoleIn(user_id=r.user_id, role=r.role)
        for r in rows
        if r.role in ASSIGNABLE_ROLES
    ]
    given = data.roles if "roles" in sent else [k for k in kept if k.user_id != giver]
    await _store_roles(
        session, peer_session, members, _assignments(members, moderator, giver, given)
    )
    peer_session.presentation_id = chosen
    for name in ("starts_at", "duration_minutes"):
        if name in sent:
            setattr(peer_session, name, sent[name])
    if "video_link" in sent:
        peer_session.video_link = str(data.video_link) if data.video_link else None
    _touch(peer_session)
    announce(session, principal, peer_session, "updated", fields=sorted(sent))
    if {"starts_at", "duration_minutes", "video_link"} & set(sent):
        peer_session.invitation_sequence += 1
        await session_mail.invite(session, peer_session, access.group.group.name)
    await commit_versioned(session)
    return peer_session


async def _author(session: AsyncSession, presentation_id: uuid.UUID | None) -> uuid.UUID | None:
    if presentation_id is None:
        return None
    return await session.scalar(
        select(CasePresentation.author_id).where(CasePresentation.id == presentation_id)
    )


async def advance(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID, if_match: str | None
) -> PeerSession:
    """The next phase (the first one starts the session); after the closing phase the
    session closes and the group's moderator role passes on."""
    access, _ = await _led(session, principal, session_id, if_match)
    peer_session = access.peer_session
    if peer_session.status is SessionStatus.CLOSED:
        raise Conflict("The session is closed.")
    now = utcnow()
    if peer_session.phase is None:
        peer_session.status = SessionStatus.RUNNING
        peer_session.phase = SessionPhase.ROLES
    elif peer_session.phase is SessionPhase.CLOSING:
        peer_session.status = SessionStatus.CLOSED
        peer_session.closed_at = now
    else:
        if peer_session.presentation_id is None:
            raise Conflict("Choose the presentation before the case is told.")
        peer_session.phase = PHASES[PHASES.index(peer_session.phase) + 1]
    peer_session.phase_started_at = now
    _touch(peer_session)
    if peer_session.status is SessionStatus.CLOSED:
        await _publish_counts(session, principal, peer_session, EventType.PEER_SESSION_CLOSED)
        await hand_on_moderation(session, principal, access.group.group)
    else:
        announce(session, principal, peer_session, "phase_advanced", phase=peer_session.phase)
    await commit_versioned(session)
    return peer_session


def _check_contribution(
    peer_session: PeerSession, role: SessionRole | None, data: ContributionCreate
) -> None:
    if peer_session.status is not SessionStatus.RUNNING or data.phase is not peer_session.phase:
        raise invalid(
            "body.phase",
            "This phase is closed; contributions go into the current phase.",
            "phase_closed",
        )
    if role is None or role is SessionRole.OBSERVER:
        raise invalid("body.kind", "Observers listen and write nothing.", "observer")
    if role is SessionRole.CASE_GIVER and data.phase is CASE_GIVER_SILENT:
        raise invalid(
            "body.phase",
            "The case giver listens and stays silent during hypotheses and ideas.",
            "case_giver_silent",
        )
    if data.kind not in PHASE_KINDS[data.phase]:
        raise invalid("body.kind", "This kind of contribution does not belong in this phase.")
    if (data.kind is K.KEY_QUESTION) != (role is SessionRole.CASE_GIVER) and (
        data.phase is SessionPhase.KEY_QUESTION
    ):
        raise invalid("body.kind", "The case giver phrases the key question.", "not_case_giver")


async def contribute(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID, data: ContributionCreate
) -> PeerContribution:
    """A contribution to the current phase, by the rules of the method."""
    access = await reach_session(session, principal, session_id)
    role = role_of(await roles(session, session_id), principal.id)
    _check_contribution(access.peer_session, role, data)
    contribution = PeerContribution(
        id=uuid.uuid4(),
        session_id=session_id,
        author_id=principal.id,
        phase=data.phase,
        kind=data.kind,
        text=data.text,
    )
    session.add(contribution)
    announce(
        session,
        principal,
        access.peer_session,
        "contribution_added",
        phase=data.phase,
        kind=data.kind,
    )
    await session.commit()
    return contribution


async def take_up(
    session: AsyncSession,
    principal: Principal,
    session_id: uuid.UUID,
    data: TakenUpIn,
    if_match: str | None,
) -> PeerSession:
    """In the closing phase, the case giver marks the ideas they take up."""
    access = await reach_session(session, principal, session_id, for_update=True)
    peer_session = access.peer_session
    if role_of(await roles(session, session_id), principal.id) is not SessionRole.CASE_GIVER:
        raise Forbidden("Only the case giver says which ideas they take up.")
    check_if_match(if_match, peer_session.version)
    if peer_session.status is not SessionStatus.RUNNING or (
        peer_session.phase is not SessionPhase.CLOSING
    ):
        raise Conflict("Ideas are taken up in the closing phase.")
    ideas = {i.id: i for i in await _contributions(session, session_id) if i.kind is K.IDEA}
    for number, idea_id in enumerate(data.idea_ids):
        if idea_id not in ideas:
            raise invalid(f"body.idea_ids.{number}", "No such idea in this session.")
    for idea_id, idea in ideas.items():
        idea.taken_up = idea_id in data.idea_ids
    # The session's version stays: the moderator's next step must not fail on the ideas.
    announce(session, principal, peer_session, "ideas_taken_up", count=len(set(data.idea_ids)))
    await commit_versioned(session)
    return peer_session


async def _contributions(session: AsyncSession, session_id: uuid.UUID) -> list[PeerContribution]:
    return list(
        await session.scalars(
            select(PeerContribution)
            .where(PeerContribution.session_id == session_id)
            .order_by(PeerContribution.created_at, PeerContribution.id)
        )
    )


async def contributions(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID
) -> tuple[SessionAccess, list[PeerContribution]]:
    """The contributions of a session, in the order they were written."""
    access = await reach_session(session, principal, session_id)
    return access, await _contributions(session, session_id)


async def contributions_tag(
    session: AsyncSession, principal: Principal, session_id: uuid.UUID
) -> str:
    """A weak ETag of the session's contributions: it changes with every new one and
    with every change of the ideas taken up."""
    await reach_session(session, principal, session_id)
    count, latest = (
        await session.execute(
            select(func.count(), func.max(PeerContribution.created_at)).where(
                PeerContribution.session_id == session_id
            )
        )
    ).one()
    taken = await session.scalars(
        select(PeerContribution.id)
        .where(PeerContribution.session_id == session_id, PeerContribution.taken_up.is_(True))
        .order_by(PeerContribution.id)
    )
    chosen = hashlib.sha256(",".join(str(i) for i in taken).encode()).hexdigest()[:12]
    return f'W/"{count}-{_stamp(latest)}-{chosen}"'


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y%m%d%H%M%S%f") if moment else "0"


async def list_sessions(
    session: AsyncSession, principal: Principal, query: PeerSessionListQuery
) -> tuple[list[PeerSession], str | None]:
    """The sessions of one group or of all groups the caller takes part in, latest first."""
    if query.group_id is not None:
        await take_part(session, principal, query.group_id)
        groups = [query.group_id]
    else:
        groups = await participant_groups(session, principal)
    return await paginate(
        session,
        select(PeerSession).where(PeerSession.group_id.in_(groups)),
        keys=[SortKey(PeerSession.starts_at, descending=True)],
        id_column=PeerSession.id,
        limit=query.limit,
        cursor=query.cursor,
    )
