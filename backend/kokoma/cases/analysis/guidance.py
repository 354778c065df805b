"""Guidance for a case's conflict: which third-party help fits its stage, and which
network contacts of the municipality fit its topics or offer that help.

Glasl's coarse mapping of help to stages is guidance, not a rule (DOMAIN.md). A contact
fits when one of its free-text topics names a fitting kind of help ("Mediation",
"Konfliktmanagement"), or when its actor group offers fitting help and one of its
topics fits the case's topics (mobile counselling for right-wing extremism). A topic
alone is not enough: the other groups active in a topic are more often parties to such
conflicts than help with them. The parties of this conflict are never suggested, nor
are erased contacts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.cases.access import get_visible_case
from kokoma.cases.analysis.models import CaseAnalysis
from kokoma.cases.analysis.schemas import AnalysisContent, HelpKind
from kokoma.cases.models import CaseParty, CaseTopic, CaseTopicRow
from kokoma.contacts.models import ActorGroup, Contact, ContactTopic
from kokoma.core.tenancy import scoped
from kokoma.errors import Forbidden

H = HelpKind
# First and last stage each kind of help fits (DOMAIN.md, after Glasl).
HELP_STAGES: dict[HelpKind, tuple[int, int]] = {
    H.MODERATION: (1, 3),
    H.PROCESS_SUPPORT: (3, 5),
    H.MEDIATION: (4, 7),
    H.ARBITRATION: (6, 8),
    H.AUTHORITY: (7, 9),
}
# Words in a contact's topics (lower case, matched inside the topic) per case topic.
TOPIC_WORDS: dict[CaseTopic, tuple[str, ...]] = {
    CaseTopic.RIGHT_WING_EXTREMISM: ("rechtsextrem", "extremismus", "opferberatung", "demokratie"),
    CaseTopic.MIGRATION_INTEGRATION: (
        "migration",
        "integration",
        "flüchtling",
        "asyl",
        "unterbring",
    ),
    CaseTopic.LOCAL_POLITICS: ("lokalpolitik", "kommunalpolitik", "bürgerbeteiligung"),
    CaseTopic.ENERGY_INFRASTRUCTURE: ("windkraft", "energie", "solar", "naturschutz"),
    CaseTopic.NEIGHBOURHOOD: ("nachbarschaft", "lärm"),
    CaseTopic.YOUTH: ("jugend",),
    CaseTopic.RELIGION: ("religion", "gebetsraum", "seelsorge", "kirche", "moschee"),
    CaseTopic.PANDEMIC_PROTEST: ("pandemie", "corona", "versammlung"),
    CaseTopic.OTHER: (),
}
# Words in a contact's topics that say it offers a kind of help.
HELP_WORDS: dict[HelpKind, tuple[str, ...]] = {
    H.MODERATION: ("moderation", "konfliktmanagement", "beteiligung"),
    H.PROCESS_SUPPORT: ("prozessbegleitung", "konfliktmanagement", "konfliktberatung"),
    H.MEDIATION: ("mediation", "konfliktmanagement"),
    H.ARBITRATION: ("schlichtung", "schiedsstelle"),
    H.AUTHORITY: ("ordnung", "versammlungen", "gefahrenabwehr"),
}
# Actor groups whose members typically offer a kind of help.
HELP_GROUPS: dict[HelpKind, frozenset[ActorGroup]] = {
    H.MODERATION: frozenset({ActorGroup.COUNSELLING_SERVICES}),
    H.PROCESS_SUPPORT: frozenset({ActorGroup.COUNSELLING_SERVICES}),
    H.MEDIATION: frozenset({ActorGroup.COUNSELLING_SERVICES}),
    H.ARBITRATION: frozenset({ActorGroup.ADMINISTRATION}),
    H.AUTHORITY: frozenset({ActorGroup.ADMINISTRATION, ActorGroup.POLICE}),
}
MAX_SUGGESTIONS = 8
MAX_CANDIDATES = 500


def help_for(stage: int | None) -> list[HelpKind]:
    """The kinds of third-party help that fit ``stage``, in the order of the stages."""
    if stage is None:
        return []
    return [kind for kind, (first, last) in HELP_STAGES.items() if first <= stage <= last]


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    topics: list[str]
    help_kinds: list[HelpKind]
    actor_group_fits: bool
    score: int


@dataclass(frozen=True)
class Guidance:
    stage: int | None
    help_kinds: list[HelpKind]
    suggestions: list[Suggestion]


def _matching(topics: Iterable[str], words: Iterable[str]) -> list[str]:
    words = tuple(words)
    return [topic for topic in topics if any(word in topic.lower() for word in words)]


def _suggest(
    contact: Contact, case_topics: list[CaseTopic], kinds: list[HelpKind]
) -> Suggestion | None:
    offers = [kind for kind in kinds if _matching(contact.topics, HELP_WORDS[kind])]
    by_group = [kind for kind in kinds if contact.actor_group in HELP_GROUPS[kind]]
    by_topic = (
        _matching(contact.topics, (w for t in case_topics for w in TOPIC_WORDS[t]))
        if by_group
        else []
    )
    if not offers and not by_topic:
        return None
    help_topics = _matching(contact.topics, (w for k in offers for w in HELP_WORDS[k]))
    topics = [t for t in contact.topics if t in by_topic or t in help_topics]
    help_kinds = [kind for kind in kinds if kind in offers or kind in by_group]
    score = 3 * len(by_topic) + 2 * len(offers) + (1 if by_group else 0)
    return Suggestion(contact, topics, help_kinds, bool(by_group), score)


def _with_topic(words: set[str]) -> Select[tuple[uuid.UUID]]:
    """Ids of contacts with a topic that contains one of ``words``."""
    return select(ContactTopic.contact_id).where(
        or_(*(func.lower(ContactTopic.topic).contains(w, autoescape=True) for w in sorted(words)))
    )


async def guidance(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> Guidance:
    """The help that fits the case's stage and the network contacts that fit the case.

    The stage is the highest pair assessment of the working analysis, else the case's
    escalation level. Only callers who may read both the case and the network get it.
    """
    if not principal.can(Permission.CONTACTS_READ):
        raise Forbidden(f"This needs the permission '{Permission.CONTACTS_READ.value}'.")
    case = await get_visible_case(session, principal, case_id)
    raw = await session.scalar(select(CaseAnalysis.content).where(CaseAnalysis.case_id == case.id))
    content = AnalysisContent.model_validate(raw or {})
    stage = max((a.stage for a in content.assessments), default=case.escalation_level)
    kinds = help_for(stage)
    case_topics = list(
        await session.scalars(select(CaseTopicRow.topic).where(CaseTopicRow.case_id == case.id))
    )
    parties = set(
        await session.scalars(select(CaseParty.contact_id).where(CaseParty.case_id == case.id))
    ) | {a.contact_id for a in content.actors if a.contact_id is not None}
    help_words = {w for k in kinds for w in HELP_WORDS[k]}
    case_words = {w for t in case_topics for w in TOPIC_WORDS[t]}
    groups = {g for k in kinds for g in HELP_GROUPS[k]}
    fits: list[ColumnElement[bool]] = []
    if help_words:
        fits.append(Contact.id.in_(_with_topic(help_words)))
    if case_words and groups:
        fits.append(and_(Contact.actor_group.in_(groups), Contact.id.in_(_with_topic(case_words))))
    if not fits:
        return Guidance(stage, kinds, [])
    candidates = await session.scalars(
        scoped(Contact, principal)
        .where(Contact.anonymised_at.is_(None), or_(*fits))
        .options(selectinload(Contact.topic_rows))
        .order_by(Contact.sort_name, Contact.id)
        .limit(MAX_CANDIDATES)
    )
    found = [
        s
        for contact in candidates
        if contact.id not in parties and (s := _suggest(contact, case_topics, kinds)) is not None
    ]
    found.sort(key=lambda s: -s.score)  # stable: equal scores stay alphabetical
    return Guidance(stage, kinds, found[:MAX_SUGGESTIONS])
