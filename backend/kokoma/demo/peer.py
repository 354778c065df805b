"""Demo peer consultation: one peer group across the Wartburgkreis, the
Unstrut-Hainich-Kreis and the Kyffhäuserkreis, with anonymised case presentations
shared with it. Idempotent: the group is recognised by its name, a presentation by
its title."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseAssignment, CaseStatus
from kokoma.db import utcnow
from kokoma.demo.peer_sessions import load_peer_sessions
from kokoma.peer.models import (
    CasePresentation,
    PeerGroup,
    PeerInvitation,
    PeerMembership,
    PeerRole,
    PresentationStatus,
)
from kokoma.peer.presentations import digest
from kokoma.settings import get_settings
from kokoma.users.models import User

GROUP_NAME = "Kollegiale Fallberatung Thüringen"
AGREEMENT = (
    "1. Was in der Gruppe über Fälle gesagt und geschrieben wird, bleibt in der Gruppe.\n"
    "2. Fälle werden nur anonymisiert vorgestellt: keine Namen, Orte, Kontaktdaten oder "
    "Aktenzeichen.\n"
    "3. Notizen aus der Beratung werden nicht weitergegeben und nach zwölf Monaten gelöscht.\n"
    "4. Die Fallgeberin oder der Fallgeber entscheidet, was sie oder er mitnimmt."
)
# (e-mail, moderates first, accepted the agreement)
MEMBERS = (
    ("konfliktmanagement@wartburgkreis.example", True, True),
    ("konfliktmanagement@unstrut-hainich.example", False, True),
    ("konfliktmanagement@kyffhaeuserkreis.example", False, True),
    ("m.keller@wartburgkreis.example", False, True),
    ("koordination@unstrut-hainich.example", False, True),
    ("koordination@kyffhaeuserkreis.example", False, False),
)
# Invited by the moderator, not answered yet: shown on their peer page.
INVITED = "koordination@wartburgkreis.example"

# (author, title, key question, summary, stage, topics, actor groups, what was tried)
PRESENTATIONS = (
    (
        "konfliktmanagement@wartburgkreis.example",
        "Festverein zwischen Ehrenamt und Vereinnahmung",
        "Wie kann ich erreichen, dass der Vorstand des Festvereins eine klare Haltung "
        "findet, ohne dass die Ehrenamtlichen abspringen?",
        "Eine rechtsextreme Gruppe bietet dem Festverein in Ort A Hilfe beim Aufbau an. "
        "Der Vorstand (Person A, Person B) ist gespalten; zwei langjährige Helferinnen haben "
        "sich zurückgezogen. Die Bürgermeisterin möchte sich nicht öffentlich äußern.",
        4,
        ["right_wing_extremism"],
        ["associations", "civil_society", "administration"],
        "Einzelgespräche mit dem Vorstand; Kontakt zur Mobilen Beratung hergestellt.",
    ),
    (
        "konfliktmanagement@unstrut-hainich.example",
        "Gemeinderat ohne Haushalt",
        "Wie kann ich erreichen, dass die Fraktionen wieder über Sachfragen statt über "
        "Personen streiten?",
        "Seit der Kommunalwahl scheitern im Gemeinderat von Ort A fast alle Beschlüsse. "
        "Zwei Fraktionen werfen einander Verrat vor; die Verwaltung kann keine Aufträge "
        "vergeben. Person A (Vorsitz) bittet um eine Moderation.",
        5,
        ["local_politics"],
        ["politics", "administration"],
        "Ein gemeinsamer Klausurtag wurde abgesagt.",
    ),
    (
        "m.keller@wartburgkreis.example",
        "Gerüchte um eine neue Gemeinschaftsunterkunft",
        "Wie kann ich erreichen, dass die Einwohnerversammlung sachlich bleibt?",
        "Nach Bekanntwerden der Pläne für eine Unterkunft in Ort A kursieren Gerüchte in "
        "Messenger-Gruppen. Bei der letzten Versammlung wurde Person A beschimpft.",
        4,
        ["migration_integration"],
        ["civil_society", "administration", "media"],
        "Faktenblatt der Verwaltung; Gespräch mit der Polizei.",
    ),
)


async def _group(session: AsyncSession, users: dict[str, User]) -> PeerGroup | None:
    group = await session.scalar(select(PeerGroup).where(PeerGroup.name == GROUP_NAME))
    if group is not None:
        return group
    if any(email not in users for email, _, _ in MEMBERS):
        return None
    now = utcnow()
    group = PeerGroup(
        id=uuid.uuid4(),
        name=GROUP_NAME,
        schedule="monatlich, erster Dienstag, 14–16 Uhr",
        video_link="https://video.kokoma.example/fallberatung-thueringen",
        agreement_text=AGREEMENT,
    )
    session.add(group)
    await session.flush()
    for position, (email, moderates, accepted) in enumerate(MEMBERS):
        user = users[email]
        session.add(
            PeerMembership(
                group_id=group.id,
                user_id=user.id,
                municipality_id=user.municipality_id,
                role=PeerRole.MODERATOR if moderates else PeerRole.MEMBER,
                position=position,
                agreement_version_accepted=1 if accepted else None,
                agreement_accepted_at=now - timedelta(days=60) if accepted else None,
            )
        )
    return group


async def _invitation(session: AsyncSession, group: PeerGroup, users: dict[str, User]) -> None:
    exists = await session.scalar(
        select(PeerInvitation.id).where(
            PeerInvitation.group_id == group.id, PeerInvitation.email == INVITED
        )
    )
    if exists is None and INVITED in users:
        session.add(
            PeerInvitation(
                group_id=group.id,
                email=INVITED,
                invited_by_id=users[MEMBERS[0][0]].id,
                expires_at=utcnow() + timedelta(days=get_settings().peer_invitation_days),
            )
        )


async def _case_of(session: AsyncSession, user: User, index: int) -> Case | None:
    cases = list(
        await session.scalars(
            select(Case)
            .join(CaseAssignment, CaseAssignment.case_id == Case.id)
            .where(
                CaseAssignment.user_id == user.id,
                Case.archived.is_(False),
                Case.status.not_in((CaseStatus.CLOSED, CaseStatus.REFERRED)),
            )
            .order_by(Case.reference)
        )
    )
    return cases[index % len(cases)] if cases else None


async def load_presentations(
    session: AsyncSession, group: PeerGroup, users: dict[str, User]
) -> dict[str, CasePresentation]:
    """The shared presentations, by title."""
    existing = {
        p.title: p
        for p in await session.scalars(
            select(CasePresentation).where(CasePresentation.group_id == group.id)
        )
    }
    now = utcnow()
    for index, (email, title, question, summary, stage, topics, groups, tried) in enumerate(
        PRESENTATIONS
    ):
        if title in existing:
            continue
        author = users[email]
        case = await _case_of(session, author, index)
        presentation = CasePresentation(
            id=uuid.uuid4(),
            municipality_id=author.municipality_id,
            author_id=author.id,
            case_id=case.id if case else None,
            group_id=group.id,
            title=title,
            summary=summary,
            key_question=question,
            escalation_level=stage,
            topics=topics,
            actor_groups=groups,
            tried=tried,
            status=PresentationStatus.SHARED,
            checked_at=now - timedelta(days=20),
            shared_at=now - timedelta(days=20),
        )
        presentation.checked_digest = digest(presentation)
        session.add(presentation)
        existing[title] = presentation
    await session.flush()
    return existing


async def load_peer(session: AsyncSession) -> None:
    """The demo peer group, its shared presentations and its sessions; the caller commits."""
    users = {u.email: u for u in await session.scalars(select(User))}
    group = await _group(session, users)
    if group is None:
        return
    await session.flush()
    await _invitation(session, group, users)
    presentations = await load_presentations(session, group, users)
    members = [users[email] for email, _, _ in MEMBERS]
    await load_peer_sessions(session, group, members, presentations)
