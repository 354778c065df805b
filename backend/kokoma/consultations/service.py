"""Consultations: documented counselling, moderation, mediation and referral talks.

A consultation of a case is exactly as visible as its case (``kokoma.cases.access``);
one without a case is visible to everyone in the municipality who reads consultations.
"""

from __future__ import annotations

import math
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from kokoma.access.principal import Principal
from kokoma.attachments.service import remove_all
from kokoma.attachments.storage import AttachmentStorage
from kokoma.audit import service as audit
from kokoma.cases.access import (
    check_visible_case,
    get_visible_case,
    joined_case_visible,
    sees_all_cases,
    visibility_params,
    visible_cases_template,
)
from kokoma.cases.models import Case, CaseAssignment
from kokoma.consultations.models import (
    MAX_DURATION_MINUTES,
    Consultation,
    ConsultationParticipant,
)
from kokoma.consultations.schemas import (
    CaseConsultationCreate,
    CaseConsultationQuery,
    ConsultationCreate,
    ConsultationListQuery,
    ConsultationSort,
    ConsultationUpdate,
)
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_midnight
from kokoma.core.concurrency import check_if_match, commit_or_conflict, commit_versioned
from kokoma.core.pagination import SortKey, continues, page_statement, read_page
from kokoma.core.reads import json_list
from kokoma.core.tenancy import load_one, scoped, scoped_template
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid

ATTACHMENT_KIND = "consultation"
# Date filters mean calendar days where the conflict managers work.
EARLIEST_START = datetime(2000, 1, 1, tzinfo=UTC)
# Consultations may be planned ahead, but not absurdly far.
MAX_AHEAD = timedelta(days=366)
MAX_SEARCH_TERMS = 5
_PARALLEL = "A participant was deleted meanwhile; reload and try again."
# Fields set through their own rules rather than copied as sent.
_SPECIAL = frozenset({"started_at", "duration_minutes", "ended_at", "participant_ids"})
# Fields that every consultation has; sending null for them is refused.
_REQUIRED = ("started_at", "format", "kind", "summary")

_LOAD = (
    selectinload(Consultation.participant_rows).selectinload(ConsultationParticipant.contact),
    selectinload(Consultation.case),
)

_SORTS = {
    ConsultationSort.STARTED: SortKey(Consultation.started_at),
    ConsultationSort.STARTED_DESC: SortKey(Consultation.started_at, descending=True),
    ConsultationSort.CREATED: SortKey(Consultation.created_at),
    ConsultationSort.CREATED_DESC: SortKey(Consultation.created_at, descending=True),
}


@cache
def _visible_template(sees_all: bool) -> Select[Any]:
    """The consultations a caller of the kind ``sees_all`` may see, built once: the
    municipality and the caller are the parameters of ``visibility_params``."""
    stmt = scoped_template(Consultation)
    if sees_all:
        return stmt
    # A correlated EXISTS looks up each consultation's own case; "IN (visible cases)"
    # made PostgreSQL collect every visible case of the municipality for each read,
    # 1.3 s with 200,000 cases (bench/RESULTS.md).
    case_visible = visible_cases_template(False, Case.id).where(Case.id == Consultation.case_id)
    return stmt.where(or_(Consultation.case_id.is_(None), case_visible.exists()))


def _visible(principal: Principal) -> Select[Any]:
    """``_visible_template`` with the caller's values in it, for the statements that are
    built per request (single consultations, changes)."""
    return _visible_template(sees_all_cases(principal)).params(visibility_params(principal))


def _filtered(stmt: Select[Any], query: CaseConsultationQuery) -> Select[Any]:
    if isinstance(query, ConsultationListQuery):
        if query.case_id:
            stmt = stmt.where(Consultation.case_id == query.case_id)
        if query.with_case is not None:
            has_case = Consultation.case_id.is_not(None)
            stmt = stmt.where(has_case if query.with_case else ~has_case)
    if query.kind:
        stmt = stmt.where(Consultation.kind.in_(query.kind))
    if query.format:
        stmt = stmt.where(Consultation.format == query.format)
    if query.participant_id:
        stmt = stmt.where(
            Consultation.participant_rows.any(
                ConsultationParticipant.contact_id == query.participant_id
            )
        )
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise invalid("query.date_to", "date_to lies before date_from.")
    if query.date_from:
        stmt = stmt.where(Consultation.started_at >= local_midnight(query.date_from))
    if query.date_to:
        end = local_midnight(query.date_to + timedelta(days=1))
        stmt = stmt.where(Consultation.started_at < end)
    for term in (query.q or "").lower().split()[:MAX_SEARCH_TERMS]:
        stmt = stmt.where(Consultation.summary.icontains(term, autoescape=True))
    return stmt


_SHOWN = (
    "id", "case_id", "started_at", "duration_minutes", "format", "kind", "counselling_role",
    "head_count", "summary", "agreements", "next_steps", "version", "created_at", "updated_at",
)  # fmt: skip
# Aliased: the single-record rule (``_visible_template``) names Case itself in its EXISTS.
_CASE = aliased(Case)
_LIST_COLUMNS = (
    *(getattr(Consultation, name) for name in _SHOWN),
    # Whether there are notes, without reading them.
    and_(
        Consultation.confidential_notes.is_not(None), Consultation.confidential_notes != ""
    ).label("has_confidential_notes"),
    _CASE.reference.label("case_reference"),
    _CASE.title.label("case_title"),
    # The participants, with the name they are listed by (JSON lists come unordered on
    # SQLite): in the page's own statement.
    select(
        json_list(
            {
                "id": Contact.id,
                "name": Contact.name,
                "kind": Contact.kind,
                "actor_group": Contact.actor_group,
                "sort_name": Contact.sort_name,
            }
        )
    )
    .select_from(ConsultationParticipant)
    .join(Contact, Contact.id == ConsultationParticipant.contact_id)
    .where(ConsultationParticipant.consultation_id == Consultation.id)
    .correlate(Consultation)
    .scalar_subquery()
    .label("participants"),
)


@cache
def _listing(sees_all: bool, of_case: bool) -> Select[Any]:
    """The list's rows a caller of the kind ``sees_all`` may see, with their case; with
    ``of_case``, those of the case bound as ``case_id``."""
    stmt = (
        scoped_template(Consultation)
        .with_only_columns(*_LIST_COLUMNS)
        .outerjoin(_CASE, _CASE.id == Consultation.case_id)
    )
    if not sees_all:
        # The rule of ``_visible_template``, checked on the case row the list joins anyway.
        stmt = stmt.where(or_(Consultation.case_id.is_(None), joined_case_visible(_CASE)))
    return stmt.where(Consultation.case_id == bindparam("case_id")) if of_case else stmt


def _build_page(
    sees_all: bool, of_case: bool, query: CaseConsultationQuery, continued: bool
) -> Select[Any]:
    stmt = _filtered(_listing(sees_all, of_case), query)
    return page_statement(stmt, [_SORTS[query.sort]], Consultation.id, continued=continued)


@cache
def _unfiltered_page(
    sees_all: bool, of_case: bool, sort: ConsultationSort, continued: bool
) -> Select[Any]:
    """A page of the unfiltered list (the list as it opens, and paged on), built once per
    kind of caller, list, order and first or later page."""
    return _build_page(sees_all, of_case, CaseConsultationQuery(sort=sort), continued)


def _page_of(sees_all: bool, of_case: bool, query: CaseConsultationQuery) -> Select[Any]:
    continued = continues(query.cursor)
    if not query.filters():
        return _unfiltered_page(sees_all, of_case, query.sort, continued)
    # Filtered lists are built per request: each combination of filters and number of
    # search words would be a statement of its own, and they are rarer than the list
    # as it opens. Their validation (the date range) runs here, before any read.
    return _build_page(sees_all, of_case, query, continued)


async def _page(
    session: AsyncSession,
    principal: Principal,
    query: CaseConsultationQuery,
    case_id: uuid.UUID | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page (of the case ``case_id``'s, if given) as plain rows with participants and
    case: one column statement read through Core instead of ORM entities with relationship
    loading, which cost more than the rest of the request (bench/RESULTS.md).
    Confidential notes are not read."""
    page = _page_of(sees_all_cases(principal), case_id is not None, query)
    rows, next_cursor = await read_page(
        session,
        page,
        {**visibility_params(principal), "case_id": case_id},
        keys=[_SORTS[query.sort]],
        id_column=Consultation.id,
        limit=query.limit,
        cursor=query.cursor,
    )
    now = utcnow()
    return [_listed(row, now) for row in rows], next_cursor


def _listed(row: Row[Any], now: datetime) -> dict[str, Any]:
    values = row._mapping
    case = (
        {"id": row.case_id, "reference": row.case_reference, "title": row.case_title}
        if row.case_id is not None
        else None
    )
    return {
        **{name: values[name] for name in _SHOWN},
        "has_confidential_notes": bool(row.has_confidential_notes),
        "ended_at": row.started_at + timedelta(minutes=row.duration_minutes),
        "planned": row.started_at > now,
        "participants": sorted(row.participants, key=itemgetter("sort_name")),
        "case": case,
    }


async def list_consultations(
    session: AsyncSession, principal: Principal, query: ConsultationListQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the consultations the caller may see (without confidential notes)."""
    return await _page(session, principal, query)


async def list_case_consultations(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, query: CaseConsultationQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """The consultations of one case; 404 when the caller cannot see the case."""
    await check_visible_case(session, principal, case_id)
    return await _page(session, principal, query, case_id)


async def _get(
    session: AsyncSession, principal: Principal, consultation_id: uuid.UUID
) -> Consultation:
    stmt = _visible(principal).where(Consultation.id == consultation_id).options(*_LOAD)
    consultation: Consultation = await load_one(session, stmt, what="Consultation")
    return consultation


async def may_read_notes(
    session: AsyncSession, principal: Principal, consultation: Consultation
) -> bool:
    """Who reads confidential notes: those handling the case, never an API client.

    Coordinators of the municipality, and the conflict managers assigned to the case;
    a consultation without a case has no assignees, so its notes stay with the
    municipality's conflict managers and coordinators.
    """
    if not principal.is_user:
        return False
    if sees_all_cases(principal) or consultation.case_id is None:
        return True
    assigned = await session.scalar(
        select(CaseAssignment.user_id).where(
            CaseAssignment.case_id == consultation.case_id,
            CaseAssignment.user_id == principal.id,
        )
    )
    return assigned is not None


async def attachment_owner(
    session: AsyncSession, principal: Principal, consultation_id: uuid.UUID, for_change: bool
) -> Consultation:
    """The consultation whose attachments are read or changed.

    Files kept with a consultation (minutes, letters) are as sensitive as its
    confidential notes: only those who may read the notes read or change them.
    Changing also needs the case to be open, as for the consultation itself.
    """
    consultation = await _get(session, principal, consultation_id)
    if not await may_read_notes(session, principal, consultation):
        raise Forbidden("Only those handling the case may see the files of its consultations.")
    if for_change:
        await _check_case_open(session, principal, consultation.case_id)
    return consultation


def event_context(consultation: Consultation) -> dict[str, Any]:
    """What a consultation's events say besides its id: its case, if any."""
    return {"case_id": str(consultation.case_id) if consultation.case_id else None}


async def readable_notes(
    session: AsyncSession, principal: Principal, consultation: Consultation
) -> str | None:
    """The notes if the caller may read them (the read is audited), else ``None``."""
    if not consultation.confidential_notes or not await may_read_notes(
        session, principal, consultation
    ):
        return None
    audit.record(
        session,
        "consultation.read_confidential",
        principal=principal,
        target=audit.Target("consultation", consultation.id),
        details={"case_id": str(consultation.case_id) if consultation.case_id else None},
    )
    await session.commit()
    return consultation.confidential_notes


async def read_consultation(
    session: AsyncSession, principal: Principal, consultation_id: uuid.UUID
) -> Consultation:
    """The consultation; its notes go out only through :func:`readable_notes`."""
    return await _get(session, principal, consultation_id)


async def _check_case_open(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID | None
) -> None:
    # An archived case is closed for good: its consultations are kept as they were.
    if case_id is None:
        return
    case = await get_visible_case(session, principal, case_id)
    if case.archived:
        raise Conflict("The case is archived; its consultations cannot change.")


def _set_times(
    consultation: Consultation,
    started_at: datetime,
    duration_minutes: int | None,
    ended_at: datetime | None,
) -> None:
    if duration_minutes is not None and ended_at is not None:
        raise invalid("body.ended_at", "Give either duration_minutes or ended_at, not both.")
    if started_at < EARLIEST_START:
        raise invalid("body.started_at", "The start lies too far in the past.")
    if started_at > utcnow() + MAX_AHEAD:
        raise invalid("body.started_at", "The start lies more than a year ahead.")
    if ended_at is not None:
        if ended_at <= started_at:
            raise invalid("body.ended_at", "A consultation cannot end before it starts.")
        duration_minutes = math.ceil((ended_at - started_at).total_seconds() / 60)
        if duration_minutes > MAX_DURATION_MINUTES:
            raise invalid("body.ended_at", "A consultation lasts at most a day.")
    if duration_minutes is None:
        raise invalid("body.duration_minutes", "Give duration_minutes or ended_at.")
    consultation.started_at = started_at
    consultation.duration_minutes = duration_minutes


async def _set_participants(
    session: AsyncSession, principal: Principal, consultation: Consultation, ids: list[uuid.UUID]
) -> None:
    unique = list(dict.fromkeys(ids))
    found = set(
        await session.scalars(scoped(Contact, principal, Contact.id).where(Contact.id.in_(unique)))
    )
    if len(found) < len(unique):
        raise NotFound("Participant contact")
    consultation.participant_rows = [ConsultationParticipant(contact_id=i) for i in unique]


def _check_consistency(consultation: Consultation) -> None:
    named = len(consultation.participant_rows)
    if consultation.head_count is not None and consultation.head_count < named:
        raise invalid(
            "body.head_count", f"The head count is below the {named} named participants."
        )


def _announce(
    session: AsyncSession,
    principal: Principal,
    consultation: Consultation,
    action: str,
    fields: list[str] | None = None,
) -> None:
    """Audit entry and webhook event for a write: ids and field names, never texts."""
    details: dict[str, Any] = {
        "case_id": str(consultation.case_id) if consultation.case_id else None
    }
    if fields is not None:
        details["fields"] = fields
    audit.record_change(
        session,
        f"consultation.{action}",
        principal=principal,
        target=audit.Target("consultation", consultation.id),
        event_type=f"consultation.{action}d",
        details=details,
    )


async def create_consultation(
    session: AsyncSession,
    principal: Principal,
    data: CaseConsultationCreate | ConsultationCreate,
    case_id: uuid.UUID | None,
) -> Consultation:
    """Document a consultation, of a visible case or without one."""
    consultation = await add_consultation(session, principal, data, case_id)
    await commit_or_conflict(session, _PARALLEL)
    return await _get(session, principal, consultation.id)


async def add_consultation(
    session: AsyncSession,
    principal: Principal,
    data: CaseConsultationCreate | ConsultationCreate,
    case_id: uuid.UUID | None,
) -> Consultation:
    """Like `create_consultation`, in the caller's transaction: the caller commits, so a
    change that belongs to the consultation (a session taken home) lands with it."""
    await _check_case_open(session, principal, case_id)
    fields = data.model_dump(exclude={*_SPECIAL, "case_id"})
    consultation = Consultation(
        id=uuid.uuid4(), municipality_id=principal.municipality_id, case_id=case_id, **fields
    )
    _set_times(consultation, data.started_at, data.duration_minutes, data.ended_at)
    await _set_participants(session, principal, consultation, data.participant_ids)
    _check_consistency(consultation)
    session.add(consultation)
    await session.flush()
    _announce(session, principal, consultation, "create")
    return consultation


async def update_consultation(
    session: AsyncSession,
    principal: Principal,
    consultation_id: uuid.UUID,
    data: ConsultationUpdate,
    if_match: str | None,
) -> Consultation:
    """Change a consultation, guarded by its ETag."""
    consultation = await _get(session, principal, consultation_id)
    check_if_match(if_match, consultation.version)
    sent = data.model_dump(exclude_unset=True)
    for name in _REQUIRED:
        if name in sent and sent[name] is None:
            raise invalid(f"body.{name}", "This field cannot be empty.")
    await _check_case_open(session, principal, consultation.case_id)
    if "confidential_notes" in sent and not await may_read_notes(session, principal, consultation):
        raise Forbidden("Only those handling the case may change its confidential notes.")
    if "case_id" in sent and sent["case_id"] != consultation.case_id:
        await _check_case_open(session, principal, sent["case_id"])
    if {"started_at", "duration_minutes", "ended_at"} & sent.keys():
        length_sent = {"duration_minutes", "ended_at"} & sent.keys()
        keep = None if length_sent else consultation.duration_minutes
        _set_times(
            consultation,
            sent.get("started_at") or consultation.started_at,
            sent.get("duration_minutes", keep),
            sent.get("ended_at"),
        )
    if data.participant_ids is not None:
        await _set_participants(session, principal, consultation, data.participant_ids)
    for name in sent.keys() - _SPECIAL:
        setattr(consultation, name, sent[name])
    _check_consistency(consultation)
    # Touching the row bumps the version even when only participants changed.
    consultation.updated_at = utcnow()
    _announce(session, principal, consultation, "update", sorted(sent))
    await commit_or_conflict(session, _PARALLEL)
    return await _get(session, principal, consultation.id)


async def delete_consultation(
    session: AsyncSession,
    principal: Principal,
    consultation_id: uuid.UUID,
    if_match: str | None,
    storage: AttachmentStorage,
) -> None:
    """Delete a consultation with its attachments (their files go after the commit),
    guarded by its ETag."""
    consultation = await _get(session, principal, consultation_id)
    check_if_match(if_match, consultation.version)
    await _check_case_open(session, principal, consultation.case_id)
    _announce(session, principal, consultation, "delete")
    await remove_all(session, storage, ATTACHMENT_KIND, consultation.id)
    await session.delete(consultation)
    await commit_versioned(session)
