"""Retention of the municipalities' own records: closed cases lose their free text some
years after closing, contacts nobody needs are deleted, former staff are pseudonymised.

Like ``retention``, a run first counts (dry run) and then works in batches, each its
own transaction; every step only picks rows not yet done, so runs are idempotent and
resume after an interruption. A case under a legal hold is left alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, exists, func, not_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from kokoma.attachments import service as attachments
from kokoma.attachments.storage import AttachmentStorage, storage_for
from kokoma.cases.analysis.links import forget_contacts
from kokoma.cases.models import Case, CaseParty, CaseStatus, CaseTimelineEntry
from kokoma.consultations.models import Consultation, ConsultationParticipant
from kokoma.contacts.models import Contact, ContactRelation, LegalBasis
from kokoma.db import utcnow
from kokoma.municipalities.models import Municipality
from kokoma.privacy import policy
from kokoma.privacy.models import LegalHold, RetentionPolicy
from kokoma.privacy.policy import Periods
from kokoma.referrals.models import Referral
from kokoma.settings import Settings
from kokoma.trainings.models import TrainingParticipant
from kokoma.users.models import User

YEAR = timedelta(days=365)
FORMER = "ehemalige:r Mitarbeiter:in"
STEPS = ("closed_cases", "unlinked_contacts", "former_users")


async def periods(
    session: AsyncSession, municipality_id: uuid.UUID | None = None
) -> dict[uuid.UUID, Periods]:
    """The retention periods per municipality (or of one), defaults filled in."""
    stmt = select(
        Municipality.id,
        RetentionPolicy.closed_case_years,
        RetentionPolicy.unlinked_contact_years,
        RetentionPolicy.audit_log_years,
    ).outerjoin(RetentionPolicy, RetentionPolicy.municipality_id == Municipality.id)
    if municipality_id is not None:
        stmt = stmt.where(Municipality.id == municipality_id)
    rows = await session.execute(stmt)
    return {
        mid: Periods(
            cases or policy.CLOSED_CASE_YEARS,
            contacts or policy.UNLINKED_CONTACT_YEARS,
            audit,
        )
        for mid, cases, contacts, audit in rows
    }


async def periods_of(session: AsyncSession, municipality_id: uuid.UUID) -> Periods:
    """One municipality's periods, defaults filled in."""
    return (await periods(session, municipality_id)).get(municipality_id, Periods())


def due_cases(municipality_id: uuid.UUID, cutoff: datetime) -> Select[Any]:
    held = exists().where(LegalHold.case_id == Case.id, LegalHold.released_at.is_(None))
    return select(Case.id).where(
        Case.municipality_id == municipality_id,
        Case.status.in_([CaseStatus.CLOSED, CaseStatus.REFERRED]),
        Case.closed_at.is_not(None),
        Case.closed_at < cutoff,
        Case.anonymised_at.is_(None),
        ~held,
    )


def due_contacts(municipality_id: uuid.UUID, cutoff: datetime, today: date) -> Select[Any]:
    """Contacts nothing links to, unchanged since ``cutoff``, without a consent that
    still holds on ``today`` (given after ``cutoff``, or with an expiry date not yet passed)."""
    member = aliased(Contact)
    linked = or_(
        exists().where(CaseParty.contact_id == Contact.id),
        exists().where(ConsultationParticipant.contact_id == Contact.id),
        exists().where(Referral.contact_id == Contact.id),
        exists().where(TrainingParticipant.contact_id == Contact.id),
        exists().where(
            or_(ContactRelation.source_id == Contact.id, ContactRelation.target_id == Contact.id)
        ),
        exists().where(member.organisation_id == Contact.id),
    )
    # A consent for a limited time holds until its last day; one without an expiry date
    # counts as renewed when it was given within the period.
    holds = or_(
        Contact.consent_expires_on >= today,
        Contact.consent_expires_on.is_(None) & (Contact.consent_date >= cutoff.date()),
    )
    renewed = (Contact.legal_basis == LegalBasis.CONSENT) & holds
    return select(Contact.id).where(
        Contact.municipality_id == municipality_id,
        Contact.updated_at < cutoff,
        ~linked,
        ~renewed,
    )


def due_users(cutoff: datetime) -> Select[Any]:
    return select(User.id).where(
        User.is_active.is_(False),
        User.updated_at < cutoff,
        not_(User.full_name.startswith(FORMER)),
    )


async def _count(session: AsyncSession, stmt: Select[Any]) -> int:
    return (await session.scalar(select(func.count()).select_from(stmt.subquery()))) or 0


async def due(session: AsyncSession, settings: Settings) -> dict[str, int]:
    """How many cases, contacts and accounts a run would treat now; changes nothing."""
    now = utcnow()
    counts = dict.fromkeys(STEPS, 0)
    for mid, (case_years, contact_years, _) in (await periods(session)).items():
        counts["closed_cases"] += await _count(session, due_cases(mid, now - case_years * YEAR))
        counts["unlinked_contacts"] += await _count(
            session, due_contacts(mid, now - contact_years * YEAR, now.date())
        )
    cutoff = now - timedelta(days=settings.retention_former_user_days)
    counts["former_users"] = await _count(session, due_users(cutoff))
    return counts


async def anonymise_cases(
    session: AsyncSession, ids: list[uuid.UUID], storage: AttachmentStorage
) -> None:
    """Clear what closed cases say about people; structure, figures and ids stay.

    Letters, minutes and photos say more about people than any text field, so the
    files of the cases and of their consultations go (from disk after the commit)."""
    now = utcnow()
    consultations = await session.scalars(
        select(Consultation.id).where(Consultation.case_id.in_(ids))
    )
    for kind, owner_ids in (("case", ids), ("consultation", list(consultations))):
        for owner_id in owner_ids:
            await attachments.remove_all(session, storage, kind, owner_id)
    for case in await session.scalars(select(Case).where(Case.id.in_(ids))):
        case.title = case.reference
        case.summary = ""
        case.requesting_body = None
        case.outcome_note = None
        case.anonymised_at = now
        case.refresh_search_text()
    await session.execute(update(CaseParty).where(CaseParty.case_id.in_(ids)).values(note=None))
    await session.execute(
        update(CaseTimelineEntry).where(CaseTimelineEntry.case_id.in_(ids)).values(note=None)
    )
    await session.execute(
        update(Consultation)
        .where(Consultation.case_id.in_(ids))
        .values(
            summary="",
            confidential_notes=None,
            agreements=None,
            next_steps=None,
            version=Consultation.version + 1,
        )
    )


async def pseudonymise_users(session: AsyncSession, ids: list[uuid.UUID]) -> None:
    for user in await session.scalars(select(User).where(User.id.in_(ids))):
        number = (
            await session.scalar(
                select(func.count()).where(
                    User.municipality_id == user.municipality_id,
                    User.full_name.startswith(FORMER),
                )
            )
        ) or 0
        user.full_name = f"{FORMER} {number + 1}"
        user.email = f"ehemalig-{user.id.hex}@invalid.example"
        await session.flush()
        await session.execute(
            update(CaseTimelineEntry)
            .where(CaseTimelineEntry.actor_id == user.id)
            .values(actor_name=user.full_name)
        )


Work = Callable[[AsyncSession, list[uuid.UUID]], Awaitable[None]]


async def _delete_contacts(session: AsyncSession, ids: list[uuid.UUID]) -> None:
    owners = await session.execute(
        select(Contact.municipality_id, Contact.id).where(Contact.id.in_(ids))
    )
    by_municipality: dict[uuid.UUID, list[uuid.UUID]] = {}
    for mid, cid in owners:
        by_municipality.setdefault(mid, []).append(cid)
    for mid, cids in by_municipality.items():
        await forget_contacts(session, mid, cids)
    await session.execute(delete(Contact).where(Contact.id.in_(ids)))


async def _batches(
    session: AsyncSession, stmt: Select[Any], work: Work, size: int, budget: list[int]
) -> int:
    done = 0
    while budget[0] != 0:
        ids = list((await session.scalars(stmt.limit(size))).all())
        if not ids:
            break
        await work(session, ids)
        await session.commit()
        done += len(ids)
        budget[0] -= 1
        if len(ids) < size:
            break
    return done


async def apply(
    session: AsyncSession, settings: Settings, batch_size: int, max_batches: int | None
) -> tuple[dict[str, int], int]:
    """Treat what is due, batch by batch; ``max_batches`` stops early, as a kill would.

    Returns the numbers treated and the batches it took."""
    now = utcnow()
    budget = [-1 if max_batches is None else max_batches]
    done = dict.fromkeys(STEPS, 0)
    storage = storage_for(settings)

    async def clear_cases(session: AsyncSession, ids: list[uuid.UUID]) -> None:
        await anonymise_cases(session, ids, storage)

    for mid, (case_years, contact_years, _) in (await periods(session)).items():
        done["closed_cases"] += await _batches(
            session, due_cases(mid, now - case_years * YEAR), clear_cases, batch_size, budget
        )
        done["unlinked_contacts"] += await _batches(
            session,
            due_contacts(mid, now - contact_years * YEAR, now.date()),
            _delete_contacts,
            batch_size,
            budget,
        )
    cutoff = now - timedelta(days=settings.retention_former_user_days)
    # One account at a time: each gets the next number of its municipality.
    done["former_users"] = await _batches(
        session, due_users(cutoff), pseudonymise_users, 1, budget
    )
    used = (max_batches - budget[0]) if max_batches is not None else 0
    return done, used
