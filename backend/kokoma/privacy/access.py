"""The right of access (GDPR Art. 15): everything stored about one person, in one export."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.principal import Principal
from kokoma.api_clients.models import ApiClient
from kokoma.audit import service as audit
from kokoma.cases.models import Case, CaseParty
from kokoma.consultations.models import Consultation, ConsultationParticipant
from kokoma.contacts.models import Contact, ContactRelation
from kokoma.core.folding import fold, search_terms
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.errors import NotFound
from kokoma.municipalities.models import Municipality
from kokoma.privacy import lifecycle, mentions, policy
from kokoma.privacy.schemas import (
    AccessReport,
    AccessRequest,
    ContactCandidate,
    MentionOut,
    ParticipantCandidate,
    PeopleFound,
    Processing,
)
from kokoma.referrals.models import Referral
from kokoma.settings import Settings
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.models import TrainingParticipant, TrainingSeries

MAX_CANDIDATES = 50


async def find_people(session: AsyncSession, principal: Principal, q: str) -> PeopleFound:
    """Contacts and training participants of the municipality whose name or e-mail matches."""
    terms = search_terms(q)
    stmt = scoped(Contact, principal)
    for term in terms:
        stmt = stmt.where(
            or_(
                Contact.sort_name.contains(term, autoescape=True),
                Contact.email.contains(term, autoescape=True),
            )
        )
    contacts = (
        await session.scalars(stmt.order_by(Contact.sort_name).limit(MAX_CANDIDATES))
    ).all()
    rows = await session.execute(
        scoped(
            TrainingParticipant,
            principal,
            TrainingParticipant.id,
            TrainingParticipant.full_name,
            TrainingParticipant.contact_id,
            TrainingSeries.title,
        ).join(TrainingSeries, TrainingSeries.id == TrainingParticipant.series_id)
    )
    participants = [
        ParticipantCandidate(id=pid, full_name=full, contact_id=cid, series_title=title)
        for pid, full, cid, title in rows
        if all(term in fold(full) for term in terms)
    ][:MAX_CANDIDATES]
    return PeopleFound(
        contacts=[
            ContactCandidate(
                id=c.id,
                kind=c.kind.value,
                name=c.name,
                email=c.email,
                actor_group=c.actor_group.value,
                anonymised=c.anonymised_at is not None,
            )
            for c in contacts
        ],
        participants=participants,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    return value


def _row(record: Any, *fields: str) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in fields}


CONTACT_FIELDS = (
    "id",
    "kind",
    "name",
    "given_name",
    "family_name",
    "actor_group",
    "position",
    "email",
    "phone",
    "address",
    "legal_basis",
    "consent_date",
    "consent_expires_on",
    "steering_group_member",
    "notes",
    "created_at",
    "updated_at",
)


async def _contacts(
    session: AsyncSession, principal: Principal, ids: list[uuid.UUID]
) -> list[Contact]:
    if not ids:
        return []
    found = list(
        (
            await session.scalars(
                scoped(Contact, principal)
                .where(Contact.id.in_(ids))
                .options(selectinload(Contact.topic_rows))
            )
        ).all()
    )
    if len(found) != len(set(ids)):
        raise NotFound("Contact")
    return found


async def _participants(
    session: AsyncSession,
    principal: Principal,
    ids: list[uuid.UUID],
    contact_ids: list[uuid.UUID],
) -> list[tuple[TrainingParticipant, str]]:
    clauses = []
    if ids:
        clauses.append(TrainingParticipant.id.in_(ids))
    if contact_ids:
        clauses.append(TrainingParticipant.contact_id.in_(contact_ids))
    if not clauses:
        return []
    rows = (
        await session.execute(
            scoped(TrainingParticipant, principal, TrainingParticipant, TrainingSeries.title)
            .join(TrainingSeries, TrainingSeries.id == TrainingParticipant.series_id)
            .where(or_(*clauses))
        )
    ).all()
    if len({p.id for p, _ in rows if p.id in set(ids)}) != len(set(ids)):
        raise NotFound("Training participant")
    return [(p, title) for p, title in rows]


async def client_names(session: AsyncSession, municipality_id: uuid.UUID) -> list[str]:
    """The API clients of the municipality that are still allowed in."""
    rows = await session.scalars(
        select(ApiClient.name).where(
            ApiClient.municipality_id == municipality_id, ApiClient.revoked_at.is_(None)
        )
    )
    return sorted(rows.all())


async def access_report(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    data: AccessRequest,
    export_format: str,
) -> AccessReport:
    """The person's records from every source, and where free text names them; audited."""
    mid = principal.municipality_id
    contacts = await _contacts(session, principal, data.contact_ids)
    contact_ids = [c.id for c in contacts]
    participants = await _participants(session, principal, data.participant_ids, contact_ids)
    participant_ids = [p.id for p, _ in participants]

    parties = (
        await session.execute(
            select(CaseParty, Case.reference, Case.title, Case.status, Case.archived)
            .join(Case, Case.id == CaseParty.case_id)
            .where(Case.municipality_id == mid, CaseParty.contact_id.in_(contact_ids))
            .order_by(Case.reference)
        )
    ).all()
    consultations = (
        await session.execute(
            select(
                Consultation.id,
                Consultation.started_at,
                Consultation.kind,
                Consultation.format,
                Case.reference,
                ConsultationParticipant.contact_id,
            )
            .join(
                ConsultationParticipant, ConsultationParticipant.consultation_id == Consultation.id
            )
            .outerjoin(Case, Case.id == Consultation.case_id)
            .where(
                Consultation.municipality_id == mid,
                ConsultationParticipant.contact_id.in_(contact_ids),
            )
            .order_by(Consultation.started_at)
        )
    ).all()
    relations = (
        await session.scalars(
            scoped(ContactRelation, principal).where(
                or_(
                    ContactRelation.source_id.in_(contact_ids),
                    ContactRelation.target_id.in_(contact_ids),
                )
            )
        )
    ).all()
    referrals = (
        await session.scalars(
            scoped(Referral, principal).where(Referral.contact_id.in_(contact_ids))
        )
    ).all()
    certificates = (
        await session.scalars(
            scoped(Certificate, principal).where(Certificate.participant_id.in_(participant_ids))
        )
    ).all()

    extra = [c.email for c in contacts] + [c.phone for c in contacts]
    names = [data.name] + [c.name for c in contacts]
    terms = [t for name in dict.fromkeys(names) for t in mentions.terms_for(name)]
    terms += mentions.terms_for(data.name, *extra)[1:]
    own = frozenset(
        [("contacts", str(i)) for i in contact_ids]
        + [("training_participants", str(i)) for i in participant_ids]
        + [("certificates", str(c.id)) for c in certificates]
    )
    found = await mentions.find(session, mid, list(dict.fromkeys(terms)), skip=own)

    municipality = await session.get_one(Municipality, mid)
    report = AccessReport(
        generated_at=utcnow(),
        municipality=municipality.name,
        name=data.name,
        contacts=[{**_row(c, *CONTACT_FIELDS), "topics": c.topics} for c in contacts],
        relations=[
            {
                **_row(r, "id", "relation_type", "directed", "note"),
                "direction": "from" if r.source_id in contact_ids else "to",
            }
            for r in relations
        ],
        case_parties=[
            {
                "case_id": str(party.case_id),
                "reference": reference,
                "title": title,
                "status": _plain(status),
                "archived": archived,
                "role_in_conflict": _plain(party.role_in_conflict),
                "note": party.note,
            }
            for party, reference, title, status, archived in parties
        ],
        consultations=[
            {
                "consultation_id": str(cid),
                "started_at": _plain(started),
                "kind": _plain(kind),
                "format": _plain(fmt),
                "case_reference": reference,
            }
            for cid, started, kind, fmt, reference, _contact in consultations
        ],
        referrals=[
            _row(r, "id", "case_id", "referred_on", "status", "target_name", "reason")
            for r in referrals
        ],
        training_participations=[
            {
                **_row(
                    p,
                    "id",
                    "full_name",
                    "organisation",
                    "in_person_attended",
                    "online_attended",
                    "hours_attended",
                    "completed_on",
                ),
                "series_title": title,
            }
            for p, title in participants
        ],
        certificates=[
            {
                **_row(c, "id", "number", "issued_on", "participant_name", "series_title"),
                "revoked": c.revoked_at is not None,
            }
            for c in certificates
        ],
        mentions=[MentionOut(**vars(m)) for m in found],
        processing=[
            Processing(
                category=a.category,
                purpose=a.purpose,
                legal_basis=a.legal_basis,
                recipients=a.recipients,
                retention=a.retention,
            )
            for a in policy.activities(
                settings,
                await client_names(session, mid),
                await lifecycle.periods_of(session, mid),
            )
        ],
    )
    audit.record(
        session,
        "privacy.access_export",
        principal=principal,
        target=audit.Target("contact", contact_ids[0] if contact_ids else None),
        details={
            "format": export_format,
            "contacts": [str(i) for i in contact_ids],
            "participants": [str(i) for i in participant_ids],
            "mentions": len(found),
        },
    )
    await session.commit()
    return report
