"""Referrals: recording, changing and listing them, each as visible as its case.

Every write checks the case (visible, not archived), is versioned (If-Match),
audited, written to the case's timeline and published as a domain event.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.access import get_visible_case, visibility_filter
from kokoma.cases.models import Case
from kokoma.cases.timeline import note_change
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_or_conflict
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.schemas import PageQuery
from kokoma.core.tenancy import load_one, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Problem, invalid
from kokoma.referrals.models import NEXT_STATUSES, Referral, ReferralStatus
from kokoma.referrals.schemas import ReferralCreate, ReferralListQuery, ReferralUpdate

_LOAD = (selectinload(Referral.case), selectinload(Referral.contact))
_PARALLEL = "The receiving contact was deleted meanwhile; reload and try again."


def _visible(principal: Principal) -> Select[Any]:
    # A referral is exactly as visible as its case.
    return (
        scoped(Referral, principal)
        .join(Case, Case.id == Referral.case_id)
        .where(visibility_filter(principal))
    )


def allowed_statuses(referral: Referral) -> list[ReferralStatus]:
    """The statuses a referral may move to from where it stands."""
    return list(NEXT_STATUSES[referral.status])


async def _get(session: AsyncSession, principal: Principal, referral_id: uuid.UUID) -> Referral:
    stmt = _visible(principal).where(Referral.id == referral_id).options(*_LOAD)
    referral: Referral = await load_one(session, stmt, what="Referral")
    return referral


async def get_referral(
    session: AsyncSession, principal: Principal, referral_id: uuid.UUID
) -> Referral:
    """A referral of a case the caller may see; 404 otherwise."""
    return await _get(session, principal, referral_id)


async def list_referrals(
    session: AsyncSession,
    principal: Principal,
    query: PageQuery,
    *,
    case_id: uuid.UUID | None = None,
) -> tuple[list[Referral], str | None]:
    """One page of visible referrals, newest first: of one case, or filtered by
    ``query`` (a contact's "cases referred to us")."""
    stmt = _visible(principal).options(*_LOAD)
    if case_id:
        stmt = stmt.where(Referral.case_id == case_id)
    if isinstance(query, ReferralListQuery):
        if query.contact_id:
            stmt = stmt.where(Referral.contact_id == query.contact_id)
        if query.status:
            stmt = stmt.where(Referral.status.in_(query.status))
    return await paginate(
        session,
        stmt,
        keys=[SortKey(Referral.referred_on, descending=True)],
        id_column=Referral.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def _open_case(session: AsyncSession, principal: Principal, case_id: uuid.UUID) -> Case:
    case = await get_visible_case(session, principal, case_id, for_update=True)
    if case.archived:
        raise Conflict("The case is archived; its referrals cannot change.")
    return case


async def _set_receiver(
    session: AsyncSession,
    principal: Principal,
    referral: Referral,
    contact_id: uuid.UUID | None,
    target_name: str | None,
) -> None:
    """The network contact, or the free-text name when the body is not in the network."""
    if contact_id and target_name:
        raise invalid(
            "body.target_name",
            "Name the receiving body either from the network or in words, not both.",
            "unexpected",
        )
    if not contact_id and not target_name:
        raise invalid("body.contact_id", "A referral names the receiving body.", "missing")
    contact = None
    if contact_id:
        stmt = scoped(Contact, principal).where(Contact.id == contact_id)
        contact = await session.scalar(stmt)
        if contact is None:
            raise invalid(
                "body.contact_id",
                "The receiving body must be a network contact of your municipality.",
                "unknown_contact",
            )
    referral.contact = contact
    referral.contact_id = contact.id if contact else None
    referral.target_name = None if contact else target_name


def _check(referral: Referral) -> None:
    if referral.referred_on > local_today():
        raise invalid("body.referred_on", "A referral cannot be dated in the future.", "future")
    if referral.personal_data and referral.consent_on is None:
        raise invalid(
            "body.consent_on",
            "Personal data go along only with the person's consent: give the day it was given.",
            "missing",
        )
    if referral.consent_on is not None and referral.consent_on > local_today():
        raise invalid("body.consent_on", "Consent cannot be dated in the future.", "future")


def _announce(
    session: AsyncSession,
    principal: Principal,
    referral: Referral,
    action: str,
    **details: Any,
) -> None:
    """Audit entry and webhook event: ids, codes and field names, never texts."""
    data = {"case_id": str(referral.case_id), "status": referral.status.value, **details}
    audit.record_change(
        session,
        f"referral.{action}",
        principal=principal,
        target=audit.Target("referral", referral.id),
        event_type=f"referral.{action}d",
        details=data,
    )


async def create_referral(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, data: ReferralCreate
) -> Referral:
    """Record a referral of a visible, not archived case; it lands in the case's timeline."""
    case = await _open_case(session, principal, case_id)
    fields = data.model_dump(exclude={"contact_id", "target_name", "referred_on"})
    referral = Referral(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        case_id=case.id,
        referred_on=data.referred_on or local_today(),
        created_by_id=principal.id,
        **fields,
    )
    await _set_receiver(session, principal, referral, data.contact_id, data.target_name)
    _check(referral)
    session.add(referral)
    await session.flush()
    await note_change(
        session,
        principal,
        case,
        "referral",
        None,
        referral.status.value,
        None,
        referral=referral,
    )
    case.updated_at = utcnow()  # the case's version rises with its referrals
    _announce(session, principal, referral, "create")
    await commit_or_conflict(session, _PARALLEL)
    return await _get(session, principal, referral.id)


def _change_status(referral: Referral, target: ReferralStatus) -> None:
    if target is referral.status:
        return
    if target not in NEXT_STATUSES[referral.status]:
        raise Problem(
            409,
            f"A referral cannot go from '{referral.status.value}' to '{target.value}'.",
            code="illegal-transition",
            allowed=[s.value for s in NEXT_STATUSES[referral.status]],
        )
    referral.status = target


async def update_referral(
    session: AsyncSession,
    principal: Principal,
    referral_id: uuid.UUID,
    data: ReferralUpdate,
    if_match: str | None,
) -> Referral:
    """Change a referral (its status along the workflow, the answer received, …)."""
    referral = await _get(session, principal, referral_id)
    check_if_match(if_match, referral.version)
    case = await _open_case(session, principal, referral.case_id)
    sent = data.model_dump(exclude_unset=True)
    for name in ("reason", "referred_on", "personal_data", "status"):
        if name in sent and sent[name] is None:
            raise invalid(f"body.{name}", "This field cannot be empty.", "missing")
    if {"contact_id", "target_name"} & sent.keys():
        await _set_receiver(
            session,
            principal,
            referral,
            sent.get("contact_id", None if "target_name" in sent else referral.contact_id),
            sent.get("target_name", None if "contact_id" in sent else referral.target_name),
        )
    before = referral.status
    if "status" in sent:
        _change_status(referral, sent["status"])
    for name in sent.keys() - {"contact_id", "target_name", "status", "note"}:
        setattr(referral, name, sent[name])
    _check(referral)
    if referral.status is not before:
        await note_change(
            session,
            principal,
            case,
            "referral",
            before.value,
            referral.status.value,
            data.note,
            referral=referral,
        )
    referral.updated_at = utcnow()  # the version rises even when only the receiver changed
    _announce(session, principal, referral, "update", fields=sorted(sent))
    await commit_or_conflict(session, _PARALLEL)
    return await _get(session, principal, referral.id)


async def check_case_visible(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> None:
    """404 unless the caller may see the case."""
    await get_visible_case(session, principal, case_id)
