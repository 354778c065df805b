"""The retention periods a municipality sets, and what retention will do next."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.models import Case
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
)

AHEAD = timedelta(days=30)


async def _row(session: AsyncSession, principal: Principal) -> RetentionPolicy | None:
    stmt = scoped(RetentionPolicy, principal).execution_options(populate_existing=True)
    return await session.scalar(stmt)


def _out(row: RetentionPolicy | None) -> RetentionPolicyOut:
    if row is None:
        return RetentionPolicyOut(
            closed_case_years=policy.CLOSED_CASE_YEARS,
            unlinked_contact_years=policy.UNLINKED_CONTACT_YEARS,
            version=0,
        )
    return RetentionPolicyOut.model_validate(row)


async def get(session: AsyncSession, principal: Principal) -> RetentionPolicyOut:
    return _out(await _row(session, principal))


async def update(
    session: AsyncSession,
    principal: Principal,
    data: RetentionPolicyUpdate,
    if_match: str | None,
) -> RetentionPolicyOut:
    row = await _row(session, principal)
    check_if_match(if_match, row.version if row else 0)
    if row is None:
        row = RetentionPolicy(municipality_id=principal.municipality_id)
        session.add(row)
    row.closed_case_years = data.closed_case_years
    row.unlinked_contact_years = data.unlinked_contact_years
    await session.flush()
    audit.record_change(
        session,
        "privacy.retention_policy",
        principal=principal,
        target=audit.Target("privacy", row.id),
        event_type="privacy.retention_policy_changed",
        details={"fields": ["closed_case_years", "unlinked_contact_years"]},
    )
    await commit_versioned(session)
    return _out(await _row(session, principal))


async def upcoming(session: AsyncSession, principal: Principal) -> Upcoming:
    current = await get(session, principal)
    cutoff = utcnow() + AHEAD - current.closed_case_years * lifecycle.YEAR
    ids = lifecycle.due_cases(principal.municipality_id, cutoff)
    cases = await session.scalars(
        scoped(Case, principal).where(Case.id.in_(ids)).order_by(Case.closed_at).limit(100)
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
        ]
    )
