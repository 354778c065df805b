"""The right to erasure (GDPR Art. 17): one person asks, a second coordinator confirms.

Erasing a person keeps every record they were part of (cases, consultations,
statistics stay whole) and replaces who they are with a neutral label ("Person A").
Free text that names them is shown before the erasure and redacted with it. The audit
log and the request keep that it happened, by whom, and which record ids changed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission, Role
from kokoma.access.principal import Principal
from kokoma.attachments import service as attachments
from kokoma.attachments.models import Attachment
from kokoma.attachments.storage import AttachmentStorage
from kokoma.audit import service as audit
from kokoma.cases.models import Case, CaseParty, CaseStatus
from kokoma.consultations.models import ConsultationParticipant
from kokoma.contacts.models import Contact, ContactKind, ContactRelation, ContactTopic
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.folding import fold
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.events.outbox import publish
from kokoma.privacy import mentions
from kokoma.privacy.models import ErasureRequest, ErasureStatus, LegalHold
from kokoma.privacy.schemas import (
    CaseBrief,
    ErasureApprove,
    ErasureCreate,
    ErasureFile,
    ErasureListQuery,
    ErasureOut,
    ErasureReject,
    MentionOut,
)
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.models import TrainingParticipant
from kokoma.users.models import User

OPEN = frozenset(CaseStatus) - {CaseStatus.CLOSED, CaseStatus.REFERRED}


def label_for(n: int) -> str:
    """The n-th neutral label of a municipality: Person A … Z, AA, AB …"""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Person {letters}"


async def cases_of(session: AsyncSession, contact_id: uuid.UUID) -> list[Case]:
    stmt = (
        select(Case)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(CaseParty.contact_id == contact_id)
        .order_by(Case.reference)
    )
    return list((await session.scalars(stmt)).all())


async def held(session: AsyncSession, case_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """The cases among ``case_ids`` under an active legal hold."""
    if not case_ids:
        return []
    stmt = select(LegalHold.case_id).where(
        LegalHold.case_id.in_(case_ids), LegalHold.released_at.is_(None)
    )
    return list((await session.scalars(stmt)).all())


async def files_of(
    session: AsyncSession, contact_id: uuid.UUID, case_ids: list[uuid.UUID]
) -> list[Attachment]:
    """The files on the person's cases and on the consultations they took part in.

    Their content is not searched (a scan or a photo cannot be), so the coordinator
    sees them and decides which go with the erasure."""
    consultations = select(ConsultationParticipant.consultation_id).where(
        ConsultationParticipant.contact_id == contact_id
    )
    stmt = (
        select(Attachment)
        .where(
            or_(
                (Attachment.owner_type == "case") & Attachment.owner_id.in_(case_ids),
                (Attachment.owner_type == "consultation") & Attachment.owner_id.in_(consultations),
            )
        )
        .order_by(Attachment.created_at, Attachment.id)
    )
    return list((await session.scalars(stmt)).all())


def _terms(contact: Contact) -> list[str]:
    terms = mentions.terms_for(contact.name, contact.email, contact.phone)
    for part in (contact.family_name, _full(contact)):
        if part and len(fold(part)) >= mentions.MIN_TERM:
            terms.append(fold(part))
    return list(dict.fromkeys(terms))


def _full(contact: Contact) -> str | None:
    parts = [p for p in (contact.given_name, contact.family_name) if p]
    return " ".join(parts) or None


async def _contact(session: AsyncSession, principal: Principal, contact_id: uuid.UUID) -> Contact:
    return await get_scoped(session, Contact, contact_id, principal, what="Contact")


async def _participant_ids(
    session: AsyncSession, principal: Principal, request: ErasureRequest
) -> list[uuid.UUID]:
    chosen = [uuid.UUID(i) for i in request.participant_ids]
    stmt = scoped(TrainingParticipant, principal, TrainingParticipant.id).where(
        or_(
            TrainingParticipant.contact_id == request.contact_id,
            TrainingParticipant.id.in_(chosen),
        )
    )
    return list((await session.scalars(stmt)).all())


async def _blocking_holds(session: AsyncSession, cases: list[Case]) -> None:
    blocked = set(await held(session, [c.id for c in cases]))
    if blocked:
        raise Conflict(
            "A legal hold on a case of this person blocks the erasure.",
            cases=[c.reference for c in cases if c.id in blocked],
        )


async def request_erasure(
    session: AsyncSession, principal: Principal, data: ErasureCreate
) -> ErasureOut:
    contact = await _contact(session, principal, data.contact_id)
    if contact.kind is not ContactKind.PERSON:
        raise invalid(
            "body.contact_id", "Only a person can be erased; an organisation has no such right."
        )
    if contact.anonymised_at is not None:
        raise Conflict("This person has been erased already.")
    waiting = await session.scalar(
        scoped(ErasureRequest, principal, ErasureRequest.id).where(
            ErasureRequest.contact_id == contact.id,
            ErasureRequest.status == ErasureStatus.REQUESTED,
        )
    )
    if waiting is not None:
        raise Conflict("An erasure of this person is already waiting for confirmation.")
    cases = await cases_of(session, contact.id)
    await _blocking_holds(session, cases)
    if any(c.status in OPEN for c in cases) and not data.confirm_open_cases:
        raise invalid(
            "body.confirm_open_cases",
            "The person is a party of open cases; confirm that these cases lose the "
            "person's identity too.",
        )
    for pid in data.participant_ids:
        await get_scoped(session, TrainingParticipant, pid, principal, what="Training participant")
    request = ErasureRequest(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        contact_id=contact.id,
        reason=data.reason,
        open_cases_confirmed=data.confirm_open_cases,
        participant_ids=[str(p) for p in data.participant_ids],
        requested_by_id=principal.id,
    )
    session.add(request)
    audit.record(
        session,
        "privacy.erasure_request",
        principal=principal,
        target=audit.Target("erasure_request", request.id),
        details={"contact_id": str(contact.id)},
    )
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type="privacy.erasure_requested",
        resource_id=request.id,
        data={"id": str(request.id), "contact_id": str(contact.id)},
    )
    await session.commit()
    return await get_erasure(session, principal, request.id)


def _visible(principal: Principal) -> Any:
    stmt = scoped(ErasureRequest, principal)
    if Permission.PRIVACY_MANAGE not in principal.permissions:
        # Who may only ask sees what they asked for.
        stmt = stmt.where(ErasureRequest.requested_by_id == principal.id)
    return stmt


async def _coordinators(session: AsyncSession, municipality_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(
        User.municipality_id == municipality_id,
        User.role == Role.COORDINATOR,
        User.is_active.is_(True),
    )
    return (await session.scalar(stmt)) or 0


async def _out(
    session: AsyncSession, principal: Principal, request: ErasureRequest, *, detail: bool
) -> ErasureOut:
    contact = (
        await session.get(Contact, request.contact_id) if request.contact_id is not None else None
    )
    out = ErasureOut.model_validate(request)
    out.contact_name = contact.name if contact else request.label
    out.needs_second_person = await _coordinators(session, request.municipality_id) > 1
    if detail and contact is not None:
        cases = await cases_of(session, contact.id)
        out.cases = [
            CaseBrief(id=c.id, reference=c.reference, status=c.status.value) for c in cases
        ]
        if request.status is ErasureStatus.REQUESTED:
            found = await mentions.find(
                session,
                request.municipality_id,
                _terms(contact),
                skip=frozenset({("contacts", str(contact.id))}),
            )
            out.mentions = [MentionOut(**vars(m)) for m in found]
            files = await files_of(session, contact.id, [c.id for c in cases])
            out.files = [ErasureFile.model_validate(f) for f in files]
    return out


async def list_erasures(
    session: AsyncSession, principal: Principal, query: ErasureListQuery
) -> tuple[list[ErasureOut], str | None]:
    stmt = _visible(principal)
    if query.status:
        stmt = stmt.where(ErasureRequest.status == query.status)
    items, cursor = await paginate(
        session,
        stmt,
        keys=[SortKey(ErasureRequest.created_at, descending=True)],
        id_column=ErasureRequest.id,
        limit=query.limit,
        cursor=query.cursor,
    )
    return [await _out(session, principal, r, detail=False) for r in items], cursor


async def _load(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> ErasureRequest:
    found = await session.scalar(
        _visible(principal)
        .where(ErasureRequest.id == request_id)
        .execution_options(populate_existing=True)
    )
    if found is None:
        raise NotFound("Erasure request")
    return found


async def get_erasure(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> ErasureOut:
    request = await _load(session, principal, request_id)
    return await _out(session, principal, request, detail=True)


def _undecided(request: ErasureRequest) -> None:
    if request.status is not ErasureStatus.REQUESTED:
        raise Conflict("This erasure request has been decided already.")


async def _anonymise(
    session: AsyncSession,
    principal: Principal,
    request: ErasureRequest,
    contact: Contact,
    chosen: list[mentions.Mention],
    terms: list[str],
    label: str,
    files: list[Attachment],
    storage: AttachmentStorage,
) -> dict[str, list[str]]:
    participants = await _participant_ids(session, principal, request)
    certificates = list(
        (
            await session.scalars(
                select(Certificate.id).where(Certificate.participant_id.in_(participants))
            )
        ).all()
    )
    cases = await cases_of(session, contact.id)
    # The chosen files go first: what they say needs no redaction any more.
    gone = {str(f.id) for f in files}
    chosen = [m for m in chosen if not (m.table == "attachments" and m.record_id in gone)]
    await attachments.remove(session, storage, files)
    await session.flush()
    # Free text next, while the records still say whom to look for.
    await mentions.redact(session, chosen, terms, label)
    now = utcnow()
    await session.execute(
        update(CaseParty).where(CaseParty.contact_id == contact.id).values(note=None)
    )
    await session.execute(
        update(ContactRelation)
        .where(
            or_(ContactRelation.source_id == contact.id, ContactRelation.target_id == contact.id)
        )
        .values(note=None, version=ContactRelation.version + 1)
    )
    await session.execute(delete(ContactTopic).where(ContactTopic.contact_id == contact.id))
    if participants:
        await session.execute(
            update(TrainingParticipant)
            .where(TrainingParticipant.id.in_(participants))
            .values(full_name=label, organisation=None, version=TrainingParticipant.version + 1)
        )
        await session.execute(
            update(Certificate)
            .where(Certificate.id.in_(certificates))
            .values(participant_name=label, version=Certificate.version + 1)
        )
    contact.name = label
    contact.given_name = None
    contact.family_name = None
    contact.sort_name = fold(label)
    contact.position = None
    contact.email = None
    contact.phone = None
    contact.address = None
    contact.notes = None
    contact.anonymised_at = now
    # The request's own reason may name the person too.
    request.reason = mentions.redact_text(request.reason, terms, label)
    touched = {m.record_id for m in chosen if m.table == "cases"}
    redacted_cases = (
        select(Case)
        .where(Case.id.in_([uuid.UUID(t) for t in touched]))
        .execution_options(populate_existing=True)
    )
    for case in await session.scalars(redacted_cases):
        case.refresh_search_text()
    return {
        "contacts": [str(contact.id)],
        "cases": sorted(str(c.id) for c in cases),
        "training_participants": sorted(str(p) for p in participants),
        "certificates": sorted(str(c) for c in certificates),
        "redacted": sorted(f"{m.table}:{m.record_id}:{m.field}" for m in chosen),
        "attachments": sorted(str(f.id) for f in files),
    }


async def approve(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: ErasureApprove,
    if_match: str | None,
    storage: AttachmentStorage,
) -> ErasureOut:
    """Carry the erasure out: irreversible, so a second coordinator where there is one.

    The chosen mentions are redacted and the chosen files deleted with it."""
    request = await _load(session, principal, request_id)
    check_if_match(if_match, request.version)
    _undecided(request)
    if (
        request.requested_by_id == principal.id
        and await _coordinators(session, principal.municipality_id) > 1
    ):
        raise Forbidden("A second coordinator has to confirm this erasure (four-eyes principle).")
    if request.contact_id is None:
        raise Conflict("The contact of this request no longer exists.")
    contact = await _contact(session, principal, request.contact_id)
    cases = await cases_of(session, contact.id)
    await _blocking_holds(session, cases)
    offered = {f.id: f for f in await files_of(session, contact.id, [c.id for c in cases])}
    if set(data.delete_files) - offered.keys():
        raise invalid(
            "body.delete_files", "Only files on the records of this person can be deleted."
        )
    files = [offered[i] for i in sorted(set(data.delete_files), key=str)]
    terms = _terms(contact)
    found = {
        m.key: m
        for m in await mentions.find(
            session,
            principal.municipality_id,
            terms,
            skip=frozenset({("contacts", str(contact.id))}),
        )
    }
    wanted = {(r.table, r.record_id, r.field) for r in data.redact}
    if wanted - found.keys():
        raise invalid("body.redact", "Only mentions found for this person can be redacted.")
    done = await session.scalar(
        scoped(ErasureRequest, principal, func.count()).where(
            ErasureRequest.status == ErasureStatus.COMPLETED
        )
    )
    label = label_for(done or 0)
    chosen = [found[k] for k in sorted(wanted)]
    changed = await _anonymise(
        session, principal, request, contact, chosen, terms, label, files, storage
    )
    request.status = ErasureStatus.COMPLETED
    request.decided_by_id = principal.id
    request.decided_at = utcnow()
    request.label = label
    request.changed = changed
    audit.record(
        session,
        "privacy.erasure",
        principal=principal,
        target=audit.Target("contact", contact.id),
        details={"request_id": str(request.id), "records": changed},
    )
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type="contact.anonymised",
        resource_id=contact.id,
        data={"id": str(contact.id), "label": label},
    )
    await commit_versioned(session)
    return await get_erasure(session, principal, request.id)


async def reject(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: ErasureReject,
    if_match: str | None,
) -> ErasureOut:
    request = await _load(session, principal, request_id)
    check_if_match(if_match, request.version)
    _undecided(request)
    request.status = ErasureStatus.REJECTED
    request.decided_by_id = principal.id
    request.decided_at = utcnow()
    request.rejection_reason = data.reason
    audit.record(
        session,
        "privacy.erasure_reject",
        principal=principal,
        target=audit.Target("erasure_request", request.id),
    )
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type="privacy.erasure_rejected",
        resource_id=request.id,
        data={"id": str(request.id)},
    )
    await commit_versioned(session)
    return await get_erasure(session, principal, request.id)
