"""The retention periods a municipality sets, and what retention will do next."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.models import Case
from kokoma.contacts.models import Contact, LegalBasis
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.privacy import lifecycle, policy
from kokoma.privacy.models import RetentionPolicy
from kokoma.privacy.schemas import (
    RetentionPolicyOut,
    RetentionPolicyUpdate,
    Upcoming,
    UpcomingCase,
    UpcomingContact,
)
from kokoma.settings import Settings

AHEAD = timedelta(days=30)


async def _row(session: AsyncSession, principal: Principal) -> RetentionPolicy | None:
    stmt = scoped(RetentionPolicy, principal).execution_options(populate_existing=True)
    return await session.scalar(stmt)


def _out(row: RetentionPolicy | None, settings: Settings) -> RetentionPolicyOut:
    if row is None:
        return RetentionPolicyOut(
            closed_case_years=policy.CLOSED_CASE_YEARS,
            unlinked_contact_years=policy.UNLINKED_CONTACT_YEARS,
            audit_log_years=policy.audit_years_of(settings),
            version=0,
        )
    return RetentionPolicyOut.model_validate(row)


async def get(
    session: AsyncSession, principal: Principal, settings: Settings
) -> RetentionPolicyOut:
    """The municipality's periods; the defaults (and version 0) until it sets its own."""
    return _out(await _row(session, principal), settings)


async def update(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    data: RetentionPolicyUpdate,
    if_match: str | None,
) -> RetentionPolicyOut:
    """Set all periods at once (``If-Match: "0"`` the first time); audited."""
    row = await _row(session, principal)
    check_if_match(if_match, row.version if row else 0)
    if row is None:
        row = RetentionPolicy(municipality_id=principal.municipality_id)
        session.add(row)
    row.closed_case_years = data.closed_case_years
    row.unlinked_contact_years = data.unlinked_contact_years
    row.audit_log_years = data.audit_log_years
    await session.flush()
    audit.record_change(
        session,
        "privacy.retention_policy",
        principal=principal,
        target=audit.Target("privacy", row.id),
        event_type="privacy.retention_policy_changed",
        details={
            "closed_case_years": data.closed_case_years,
            "unlinked_contact_years": data.unlinked_contact_years,
            "audit_log_years": data.audit_log_years,
        },
    )
    await commit_versioned(session)
    return _out(await _row(session, principal), settings)


def _contact_due_on(contact: Contact, years: int) -> date:
    due = (contact.updated_at + years * lifecycle.YEAR).date()
    if contact.legal_basis is LegalBasis.CONSENT and contact.consent_date is not None:
        if contact.consent_expires_on is not None:
            return max(due, contact.consent_expires_on + timedelta(days=1))
        return max(due, contact.consent_date + years * lifecycle.YEAR)
    return due


async def upcoming(session: AsyncSession, principal: Principal, settings: Settings) -> Upcoming:
    """The cases and contacts retention treats within the next 30 days."""
    current = await get(session, principal, settings)
    ahead = utcnow() + AHEAD
    cutoff = ahead - current.closed_case_years * lifecycle.YEAR
    ids = lifecycle.due_cases(principal.municipality_id, cutoff)
    cases = await session.scalars(
        scoped(Case, principal).where(Case.id.in_(ids)).order_by(Case.closed_at).limit(100)
    )
    contact_ids = lifecycle.due_contacts(
        principal.municipality_id,
        ahead - current.unlinked_contact_years * lifecycle.YEAR,
        ahead.date(),
    )
    contacts = await session.scalars(
        scoped(Contact, principal).where(Contact.id.in_(contact_ids)).limit(100)
    )
    return Upcoming(
        cases=[
            UpcomingCase(
                id=c.id,
                reference=c.reference,
                closed_at=c.closed_at,
                due_on=(c.closed_at + current.closed_case_years * lifecycle.YEAR).date(),
            )
            for c in cases
            if c.closed_at is not None
        ],
        contacts=sorted(
            (
                UpcomingContact(
                    id=c.id,
                    name=c.name,
                    due_on=_contact_due_on(c, current.unlinked_contact_years),
                )
                for c in contacts
            ),
            key=lambda c: (c.due_on, c.name),
        ),
    )
