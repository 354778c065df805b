"""Demo peer sessions of the demo group: one held a month ago, run through all six
phases with contributions and an idea taken up, and one planned in ten days with two
candidate presentations still to choose from. Idempotent: a session is recognised by
its group and start day."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.db import utcnow
from kokoma.peer.models import (
    CasePresentation,
    ContributionKind,
    PeerContribution,
    PeerGroup,
    PeerSession,
    PeerSessionCandidate,
    PeerSessionRole,
    SessionPhase,
    SessionRole,
    SessionStatus,
)
from kokoma.users.models import User

HELD_PRESENTATION = "Gemeinderat ohne Haushalt"
PLANNED_CANDIDATES = ("Gemeinderat ohne Haushalt", "Gerüchte um eine neue Gemeinschaftsunterkunft")
# Who takes which role beyond advising: (held session, planned session).
MODERATORS = ("koordination@unstrut-hainich.example", "konfliktmanagement@wartburgkreis.example")
OBSERVER = "koordination@kyffhaeuserkreis.example"

P, K = SessionPhase, ContributionKind
# (phase, kind, author, text, taken up)
HELD_CONTRIBUTIONS = (
    (P.CASE, K.QUESTION, "konfliktmanagement@kyffhaeuserkreis.example",
     "Wer hat die Moderation angefragt, der Vorsitz allein oder beide Fraktionen?", False),
    (P.CASE, K.QUESTION, "konfliktmanagement@wartburgkreis.example",
     "Gibt es Beschlüsse, bei denen sich die Fraktionen noch einig sind?", False),
    (P.KEY_QUESTION, K.KEY_QUESTION, "konfliktmanagement@unstrut-hainich.example",
     "Wie kann ich erreichen, dass beide Fraktionen einer gemeinsamen Klausur zustimmen?",
     False),
    (P.METHOD, K.METHOD, "m.keller@wartburgkreis.example",
     "Hypothesen und gute Ratschläge", False),
    (P.CONSULTATION, K.HYPOTHESIS, "konfliktmanagement@wartburgkreis.example",
     "Der Streit um Personen verdeckt die Sorge, bei der nächsten Wahl Stimmen zu verlieren.",
     False),
    (P.CONSULTATION, K.IDEA, "m.keller@wartburgkreis.example",
     "Die Klausur von einer externen Moderation leiten lassen, die keine Seite kennt.", True),
    (P.CONSULTATION, K.IDEA, "konfliktmanagement@kyffhaeuserkreis.example",
     "Mit einer Sachfrage beginnen, bei der beide Fraktionen gewinnen können.", True),
    (P.CONSULTATION, K.IDEA, "konfliktmanagement@wartburgkreis.example",
     "Die Kommunalaufsicht um einen Hinweis auf die Haushaltsfristen bitten.", False),
    (P.CLOSING, K.RESONANCE, "konfliktmanagement@unstrut-hainich.example",
     "Die Idee mit der Sachfrage nehme ich mit; die Aufsicht möchte ich noch nicht einschalten.",
     False),
)  # fmt: skip


async def _session(
    session: AsyncSession,
    group: PeerGroup,
    starts_at: datetime,
    members: list[User],
    moderator: str,
    giver: CasePresentation | None,
) -> PeerSession | None:
    """A new session with every member in a role, or None if it is there already."""
    day_start = starts_at.replace(hour=0, minute=0, second=0, microsecond=0)
    known = await session.scalar(
        select(PeerSession.id).where(
            PeerSession.group_id == group.id,
            PeerSession.starts_at >= day_start,
            PeerSession.starts_at < day_start + timedelta(days=1),
        )
    )
    if known is not None:
        return None
    peer_session = PeerSession(
        id=uuid.uuid4(),
        group_id=group.id,
        starts_at=starts_at,
        video_link=group.video_link,
        presentation_id=giver.id if giver else None,
    )
    session.add(peer_session)
    await session.flush()
    for user in members:
        role = SessionRole.ADVISER
        if user.email == moderator:
            role = SessionRole.MODERATOR
        elif giver is not None and user.id == giver.author_id:
            role = SessionRole.CASE_GIVER
        elif user.email == OBSERVER:
            role = SessionRole.OBSERVER
        session.add(
            PeerSessionRole(
                session_id=peer_session.id,
                user_id=user.id,
                municipality_id=user.municipality_id,
                role=role,
            )
        )
    return peer_session


async def load_peer_sessions(
    session: AsyncSession,
    group: PeerGroup,
    members: list[User],
    presentations: dict[str, CasePresentation],
) -> None:
    """The held and the planned session of the demo group; the caller commits."""
    by_email = {u.email: u for u in members}
    start = utcnow().replace(hour=13, minute=0, second=0, microsecond=0)
    held_at = start - timedelta(days=30)
    held = await _session(
        session, group, held_at, members, MODERATORS[0], presentations[HELD_PRESENTATION]
    )
    if held is not None:
        held.status = SessionStatus.CLOSED
        held.phase = SessionPhase.CLOSING
        held.phase_started_at = held_at + timedelta(minutes=70)
        held.closed_at = held_at + timedelta(minutes=85)
        for minute, (phase, kind, email, text, taken) in enumerate(HELD_CONTRIBUTIONS):
            session.add(
                PeerContribution(
                    session_id=held.id,
                    author_id=by_email[email].id,
                    phase=phase,
                    kind=kind,
                    text=text,
                    taken_up=taken,
                    created_at=held_at + timedelta(minutes=10 + 7 * minute),
                )
            )
    planned = await _session(
        session, group, start + timedelta(days=10), members, MODERATORS[1], None
    )
    if planned is not None:
        for title in PLANNED_CANDIDATES:
            session.add(
                PeerSessionCandidate(
                    session_id=planned.id, presentation_id=presentations[title].id
                )
            )
