"""Case presentations: a record of its own, written for a peer group from one of the
author's cases, anonymised with the help of ``kokoma.peer.anonymise``.

Only the presentation crosses the municipality boundary, never the case: others see
no link back to it, every read by someone of another municipality is audited in the
author's municipality and listed for the author, and a withdrawn presentation is read
by nobody but its author.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.audit.models import AuditEvent
from kokoma.cases.access import get_visible_case
from kokoma.cases.models import Case, CaseParty, CaseTopicRow
from kokoma.consultations.models import Consultation, ConsultationParticipant
from kokoma.contacts.models import Contact, ContactKind
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.municipalities.models import Municipality
from kokoma.peer import anonymise
from kokoma.peer.access import is_author, participant_groups, reach_presentation, take_part
from kokoma.peer.models import CasePresentation, PresentationStatus
from kokoma.peer.people import names_of
from kokoma.peer.schemas import (
    CheckOut,
    FindingOut,
    PrefillOut,
    PresentationCreate,
    PresentationListQuery,
    PresentationOut,
    PresentationReadOut,
    PresentationUpdate,
    ShareIn,
)
from kokoma.places.models import Place
from kokoma.users.models import User

_TEXT_FIELDS = ("title", "summary", "key_question", "tried")
READ_ACTION = "case_presentation.read"


def _announce(
    session: AsyncSession,
    principal: Principal,
    presentation: CasePresentation,
    action: str,
    event: str,
    **details: Any,
) -> None:
    audit.record_change(
        session,
        f"case_presentation.{action}",
        principal=principal,
        target=audit.Target("case_presentation", presentation.id),
        event_type=f"case_presentation.{event}",
        details=details or None,
    )


async def _known(
    session: AsyncSession, principal: Principal, case: Case | None
) -> anonymise.Known:
    """The names, places and reference of ``case`` that must not leave the municipality."""
    known = anonymise.Known()
    if case is not None:
        party_ids = select(CaseParty.contact_id).where(CaseParty.case_id == case.id)
        participant_ids = (
            select(ConsultationParticipant.contact_id)
            .join(Consultation, Consultation.id == ConsultationParticipant.consultation_id)
            .where(Consultation.case_id == case.id)
        )
        contacts = await session.scalars(
            scoped(Contact, principal)
            .where(Contact.id.in_(party_ids.union(participant_ids)))
            .order_by(Contact.sort_name, Contact.id)
        )
        for contact in contacts:
            if contact.kind is ContactKind.PERSON:
                # The name's words too: a person is often named by the family name alone.
                parts = [contact.family_name, contact.given_name, *contact.name.split()]
                known.add_person(contact.name, parts)
            else:
                known.add_organisation(contact.name)
        known.references.append(case.reference)
        if case.place:
            known.add_place(case.place)
    for name in await session.scalars(scoped(Place, principal, Place.name).order_by(Place.name)):
        known.add_place(name)
    return known


def _texts(source: CasePresentation | PresentationCreate) -> dict[str, str]:
    return {name: getattr(source, name) or "" for name in _TEXT_FIELDS}


def digest(presentation: CasePresentation) -> str:
    """A fingerprint of the texts the anonymisation check looks at."""
    joined = "\u0000".join(_texts(presentation).values())
    return hashlib.sha256(joined.encode()).hexdigest()


def check_confirmed(presentation: CasePresentation) -> bool:
    return presentation.checked_digest == digest(presentation)


async def prefill(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> PrefillOut:
    """A proposal for a presentation of ``case_id``: its title and summary with parties,
    contacts, places and reference replaced by neutral labels. Nothing is saved."""
    case = await _own_case(session, principal, case_id, "body.case_id")
    known = await _known(session, principal, case)
    groups = await session.scalars(
        scoped(Contact, principal, Contact.actor_group)
        .join(CaseParty, CaseParty.contact_id == Contact.id)
        .where(CaseParty.case_id == case.id)
    )
    topics = await session.scalars(
        select(CaseTopicRow.topic).where(CaseTopicRow.case_id == case.id)
    )
    return PrefillOut(
        title=anonymise.neutralise(case.title, known),
        summary=anonymise.neutralise(case.summary or "", known),
        escalation_level=case.escalation_level,
        topics=sorted(topics),
        actor_groups=sorted(set(groups)),
        labels=[label for label, _ in known.names] + [label for label, _ in known.places],
    )


async def _own_case(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, field: str
) -> Case:
    try:
        return await get_visible_case(session, principal, case_id)
    except NotFound as exc:
        raise invalid(field, "The case must be one you can see.", "unknown_case") from exc


async def create(
    session: AsyncSession, principal: Principal, data: PresentationCreate
) -> CasePresentation:
    """A draft presentation of one of the caller's cases."""
    await _own_case(session, principal, data.case_id, "body.case_id")
    presentation = CasePresentation(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        author_id=principal.id,
        **data.model_dump(mode="json"),
    )
    presentation.case_id = data.case_id
    session.add(presentation)
    _announce(session, principal, presentation, "create", "created")
    await session.commit()
    return presentation


async def _mine(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID, if_match: str | None
) -> CasePresentation:
    presentation = await reach_presentation(session, principal, presentation_id, for_update=True)
    if not is_author(principal, presentation):
        # Members of the group read it; only its author changes it.
        raise NotFound("Case presentation")
    check_if_match(if_match, presentation.version)
    return presentation


async def update(
    session: AsyncSession,
    principal: Principal,
    presentation_id: uuid.UUID,
    data: PresentationUpdate,
    if_match: str | None,
) -> CasePresentation:
    """Change a draft; any change of its texts needs a new check before sharing."""
    presentation = await _mine(session, principal, presentation_id, if_match)
    if presentation.status is not PresentationStatus.DRAFT:
        raise Conflict("Only a draft presentation can be changed.")
    sent = data.model_dump(exclude_unset=True, mode="json")
    changed = sorted(k for k, v in sent.items() if getattr(presentation, k) != v)
    for name in changed:
        setattr(presentation, name, sent[name])
    if changed:
        _announce(session, principal, presentation, "update", "updated", fields=changed)
    await commit_versioned(session)
    return presentation


async def run_check(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID
) -> CheckOut:
    """What in the texts may still identify someone: names of the case's parties and
    contacts, places, e-mail addresses, phone numbers, reference numbers (author only)."""
    presentation = await reach_presentation(session, principal, presentation_id)
    if not is_author(principal, presentation):
        raise NotFound("Case presentation")
    case = None
    if presentation.case_id is not None:
        case = await session.scalar(scoped(Case, principal).where(Case.id == presentation.case_id))
    known = await _known(session, principal, case)
    findings = anonymise.check(_texts(presentation), known)
    return CheckOut(
        findings=[
            FindingOut(kind=f.kind, field=f.field, text=f.text, start=f.start) for f in findings
        ],
        confirmed=check_confirmed(presentation),
    )


async def confirm_check(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID, if_match: str | None
) -> CasePresentation:
    """The author confirms having checked the current texts for what identifies someone."""
    presentation = await _mine(session, principal, presentation_id, if_match)
    if presentation.status is PresentationStatus.WITHDRAWN:
        raise Conflict("The presentation has been withdrawn.")
    if not presentation.key_question.strip():
        raise invalid("body.key_question", "A presentation needs a key question.", "missing")
    presentation.checked_digest = digest(presentation)
    presentation.checked_at = utcnow()
    _announce(session, principal, presentation, "confirm_check", "check_confirmed")
    await commit_versioned(session)
    return presentation


async def share(
    session: AsyncSession,
    principal: Principal,
    presentation_id: uuid.UUID,
    data: ShareIn,
    if_match: str | None,
) -> CasePresentation:
    """Share a checked draft with a group in which the author takes part."""
    presentation = await _mine(session, principal, presentation_id, if_match)
    if presentation.status is not PresentationStatus.DRAFT:
        raise Conflict("Only a draft presentation can be shared.")
    if not check_confirmed(presentation):
        raise invalid(
            "body.group_id",
            "Run the anonymisation check and confirm it before sharing.",
            "check_not_confirmed",
        )
    try:
        await take_part(session, principal, data.group_id)
    except NotFound as exc:
        raise invalid(
            "body.group_id", "Share only with a peer group you belong to.", "unknown_group"
        ) from exc
    presentation.group_id = data.group_id
    presentation.status = PresentationStatus.SHARED
    presentation.shared_at = utcnow()
    _announce(session, principal, presentation, "share", "shared", group_id=str(data.group_id))
    await commit_versioned(session)
    return presentation


async def withdraw(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID, if_match: str | None
) -> CasePresentation:
    """Withdraw: from now on nobody but the author reads it."""
    presentation = await _mine(session, principal, presentation_id, if_match)
    if presentation.status is not PresentationStatus.WITHDRAWN:
        presentation.status = PresentationStatus.WITHDRAWN
        presentation.withdrawn_at = utcnow()
        _announce(session, principal, presentation, "withdraw", "withdrawn")
    await commit_versioned(session)
    return presentation


async def read(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID
) -> CasePresentation:
    """A presentation the caller may read; a read from another municipality is audited
    in the author's municipality, where the author sees it."""
    presentation = await reach_presentation(session, principal, presentation_id)
    if principal.municipality_id != presentation.municipality_id:
        audit.record(
            session,
            READ_ACTION,
            principal=principal,
            target=audit.Target("case_presentation", presentation.id),
            municipality_id=presentation.municipality_id,
            details={"reader_municipality_id": str(principal.municipality_id)},
        )
        await session.commit()
    return presentation


async def list_presentations(
    session: AsyncSession, principal: Principal, query: PresentationListQuery
) -> tuple[list[CasePresentation], str | None]:
    """The caller's own presentations and those shared with the groups they take part in."""
    mine = (CasePresentation.author_id == principal.id) & (
        CasePresentation.municipality_id == principal.municipality_id
    )
    stmt = select(CasePresentation)
    if query.group_id is not None:
        await take_part(session, principal, query.group_id)
        stmt = stmt.where(
            CasePresentation.group_id == query.group_id,
            CasePresentation.status == PresentationStatus.SHARED,
        )
    elif query.mine:
        stmt = stmt.where(mine)
    else:
        groups = await participant_groups(session, principal)
        stmt = stmt.where(
            mine
            | (
                CasePresentation.group_id.in_(groups)
                & (CasePresentation.status == PresentationStatus.SHARED)
            )
        )
    return await paginate(
        session,
        stmt,
        keys=[SortKey(CasePresentation.updated_at, descending=True)],
        id_column=CasePresentation.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def describe(
    session: AsyncSession, principal: Principal, presentations: list[CasePresentation]
) -> list[PresentationOut]:
    """Presentations as ``PresentationOut``: the case link only for the author's municipality."""
    names = await names_of(session, {p.author_id for p in presentations})
    return [
        PresentationOut(
            id=p.id,
            title=p.title,
            summary=p.summary,
            key_question=p.key_question,
            escalation_level=p.escalation_level,
            topics=p.topics,
            actor_groups=p.actor_groups,
            tried=p.tried,
            status=p.status,
            group_id=p.group_id,
            author_name=names.get(p.author_id, ("", ""))[0],
            author_municipality=names.get(p.author_id, ("", ""))[1],
            is_mine=is_author(principal, p),
            case_id=p.case_id if p.municipality_id == principal.municipality_id else None,
            check_confirmed=check_confirmed(p),
            shared_at=p.shared_at,
            updated_at=p.updated_at,
            version=p.version,
        )
        for p in presentations
    ]


async def reads(
    session: AsyncSession, principal: Principal, presentation_id: uuid.UUID
) -> list[PresentationReadOut]:
    """Who of another municipality read the presentation when (author only), newest first."""
    presentation = await reach_presentation(session, principal, presentation_id)
    if not is_author(principal, presentation):
        raise NotFound("Case presentation")
    rows = await session.execute(
        select(AuditEvent.occurred_at, User.full_name, Municipality.name)
        .join(User, User.id == AuditEvent.actor_id)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(
            AuditEvent.action == READ_ACTION,
            AuditEvent.resource_type == "case_presentation",
            AuditEvent.resource_id == str(presentation.id),
            AuditEvent.municipality_id == presentation.municipality_id,
        )
        .order_by(AuditEvent.id.desc())
        .limit(500)
    )
    return [
        PresentationReadOut(read_at=_aware(at), reader_name=name, reader_municipality=town)
        for at, name, town in rows
    ]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)
