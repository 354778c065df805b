"""Conflict cases: opening, reading, listing, changing, status workflow and archiving.

Every read goes through ``kokoma.cases.access`` (tenancy plus the `restricted` rule);
every write is audited, versioned (If-Match) and published as a domain event.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.permissions import Permission, Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.access import (
    get_visible_case,
    sees_all_cases,
    visibility_params,
    visible_cases_template,
)
from kokoma.cases.listing import (
    CASE_RESPONSE_COLUMNS,
    CaseListQuery,
    CaseSort,
    TimelineQuery,
    filter_params,
    filtered,
    page_items,
    sort_keys,
    with_children,
)
from kokoma.cases.models import (
    Case,
    CaseAssignment,
    CaseOutcome,
    CaseParty,
    CaseStatus,
    CaseTimelineEntry,
    CaseTopicRow,
    CaseVisibility,
    EscalationLevel,
)
from kokoma.cases.numbering import issue_reference
from kokoma.cases.schemas import (
    AssigneesUpdate,
    CaseCreate,
    CaseUpdate,
    PartiesUpdate,
    StatusChange,
    Withdrawal,
)
from kokoma.cases.timeline import note_change, publish_case_event
from kokoma.cases.workflow import ENDED, check_transition, next_statuses, reopens
from kokoma.contacts.models import Contact
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, continues, page_statement, paginate, read_page
from kokoma.core.reads import read
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.places.models import Place
from kokoma.referrals.models import Referral, ReferralStatus
from kokoma.tasks.followups import sync_follow_up
from kokoma.users.models import User

ASSIGNABLE_ROLES = (Role.CONFLICT_MANAGER, Role.COORDINATOR)

# Everything a case response shows, loaded in a fixed number of queries per page.
CASE_LOAD = (
    selectinload(Case.topic_rows),
    selectinload(Case.assignments).selectinload(CaseAssignment.user),
    selectinload(Case.party_rows).selectinload(CaseParty.contact),
    selectinload(Case.referrals).selectinload(Referral.contact),
)


async def _load_for_change(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, if_match: str | None
) -> Case:
    case = await get_visible_case(session, principal, case_id, for_update=True, options=CASE_LOAD)
    check_if_match(if_match, case.version)
    if case.archived:
        raise Conflict("The case is archived and can no longer be changed.")
    return case


ATTACHMENT_KIND = "case"


async def attachment_owner(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, for_change: bool
) -> Case:
    """The case whose attachments are read or changed: one the caller may see.

    An archived case is closed for good: its attachments stay as they are.
    """
    case = await get_visible_case(session, principal, case_id)
    if for_change and case.archived:
        raise Conflict("The case is archived and can no longer be changed.")
    return case


async def note_escalation_change(
    session: AsyncSession,
    principal: Principal,
    case: Case,
    before: int | None,
    after: int,
    note: str,
) -> None:
    """Timeline entry and event for an escalation change made outside this module
    (the analysis sets the headline level from its pair assessments)."""
    await note_change(session, principal, case, "escalation_level", before, after, note)


def audit_case(
    session: AsyncSession, principal: Principal, action: str, case: Case, **details: Any
) -> None:
    """Record ``action`` on ``case`` in the audit log, with ``details`` if any."""
    audit.record(
        session,
        action,
        principal=principal,
        target=audit.Target("case", case.id),
        details=details or None,
    )


def _check_indicators(endangers_democracy: bool, indicators: Sequence[str]) -> None:
    if indicators and not endangers_democracy:
        raise invalid(
            "body.democracy_indicators",
            "Indicators need endangers_democracy to be true.",
            "indicators_without_flag",
        )


def _check_restricted_has_assignee(visibility: CaseVisibility, assignees: Iterable[Any]) -> None:
    if visibility is CaseVisibility.RESTRICTED and not list(assignees):
        raise Conflict(
            "A restricted case needs at least one assignee, or nobody but "
            "coordinators could see it."
        )


async def _assignable_users(
    session: AsyncSession, principal: Principal, user_ids: list[uuid.UUID], field: str
) -> list[User]:
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return []
    users = list(
        await session.scalars(
            scoped(User, principal).where(
                User.id.in_(wanted), User.is_active, User.role.in_(ASSIGNABLE_ROLES)
            )
        )
    )
    if len(users) != len(wanted):
        raise invalid(
            field,
            "Assignees must be active conflict managers or coordinators of your municipality.",
            "unknown_assignee",
        )
    return users


async def _initial_assignees(
    session: AsyncSession, principal: Principal, data: CaseCreate
) -> list[User]:
    if data.assignee_ids is not None:
        if not principal.can(Permission.CASES_COORDINATE):
            raise Forbidden("Only coordinators assign cases.")
        return await _assignable_users(session, principal, data.assignee_ids, "body.assignee_ids")
    # Whoever takes in a case works on it, unless a coordinator decides otherwise.
    if principal.is_user and principal.role in ASSIGNABLE_ROLES:
        return await _assignable_users(session, principal, [principal.id], "body.assignee_ids")
    return []


async def _listed_place(session: AsyncSession, principal: Principal, place_id: uuid.UUID) -> Place:
    """A place of the caller's municipality that is still offered (not archived)."""
    place = await session.scalar(
        scoped(Place, principal).where(Place.id == place_id, Place.archived.is_(False))
    )
    if place is None:
        raise invalid(
            "body.place_id", "Choose a place from your municipality's list.", "unknown_place"
        )
    return place


async def _settle_place(session: AsyncSession, principal: Principal, sent: dict[str, Any]) -> None:
    """A listed place gives the case its name; a place in words unlinks the listed one."""
    if sent.get("place_id") is not None:
        sent["place"] = (await _listed_place(session, principal, sent["place_id"])).name
    elif "place" in sent:
        sent["place_id"] = None


async def _tell_new_assignees(
    session: AsyncSession, principal: Principal, case: Case, user_ids: list[uuid.UUID]
) -> None:
    """An e-mail to everyone a case was newly assigned to by someone else: the reference
    number and a link, nothing of the case's contents."""
    for user_id in user_ids:
        if user_id != principal.id:
            await notify(
                session,
                user_id=user_id,
                kind=MailKind.CASE_ASSIGNED,
                params={"reference": case.reference},
                link_path=f"/cases/{case.id}",
            )


async def _follow_up(session: AsyncSession, principal: Principal, case: Case) -> None:
    """The case's follow-up task follows its follow-up date (``kokoma.tasks``)."""
    await sync_follow_up(
        session,
        principal,
        case_id=case.id,
        reference=case.reference,
        follow_up_date=case.follow_up_date,
        assignee_ids=[row.user_id for row in case.assignments],
        created_by_id=case.created_by_id,
    )


async def create_case(session: AsyncSession, principal: Principal, data: CaseCreate) -> Case:
    """Open a case with the next reference number of the municipality and year."""
    _check_indicators(data.endangers_democracy, data.democracy_indicators)
    fields = data.model_dump(exclude={"assignee_ids", "topics"})
    await _settle_place(session, principal, fields)
    assignees = await _initial_assignees(session, principal, data)
    _check_restricted_has_assignee(data.visibility, assignees)
    year, number, reference = await issue_reference(session, principal.municipality_id)
    case = Case(
        municipality_id=principal.municipality_id,
        reference=reference,
        year=year,
        number=number,
        created_by_id=principal.id,
        status=CaseStatus.NEW,
        **fields,
        topic_rows=[CaseTopicRow(topic=t) for t in dict.fromkeys(data.topics)],
        assignments=[CaseAssignment(user=u) for u in assignees],
        party_rows=[],
        referrals=[],
    )
    case.refresh_search_text()
    session.add(case)
    await session.flush()
    await note_change(
        session, principal, case, "status", None, CaseStatus.NEW.value, None, initial=True
    )
    await note_change(
        session,
        principal,
        case,
        "escalation_level",
        None,
        _level(case.escalation_level),
        None,
        initial=True,
    )
    audit_case(session, principal, "case.create", case, reference=reference)
    await _tell_new_assignees(session, principal, case, [u.id for u in assignees])
    if case.follow_up_date is not None:
        await _follow_up(session, principal, case)
    publish_case_event(
        session,
        case,
        "case.created",
        reference=reference,
        status=case.status.value,
        escalation_level=_level(case.escalation_level),
    )
    await session.commit()
    return case


# A case's referrals as its response shows them, oldest first; built once, so that
# SQLAlchemy derives its cache key once instead of on every read.
_REFERRALS = (
    select(
        Referral.id,
        func.coalesce(Contact.name, Referral.target_name, "").label("receiver_name"),
        Referral.contact_id,
        Referral.status,
        Referral.referred_on,
        Referral.follow_up_date,
    )
    .outerjoin(Contact, Contact.id == Referral.contact_id)
    .where(Referral.case_id == bindparam("case_id"))
    .order_by(Referral.referred_on, Referral.created_at)
)


@cache
def _visible_case(sees_all: bool) -> Select[Any]:
    """One visible case by ``case_id``, as the columns a case response shows, with its
    child lists (one round trip)."""
    stmt = visible_cases_template(sees_all, *CASE_RESPONSE_COLUMNS)
    return stmt.where(Case.id == bindparam("case_id"))


async def get_case(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID
) -> dict[str, Any]:
    """A case the caller may see, with topics, assignees, parties and referrals, as a plain
    row shaped like ``CaseDetailOut`` (read-only: columns, no ORM entities)."""
    stmt = _visible_case(sees_all_cases(principal))
    found = (
        await read(session, stmt, {**visibility_params(principal), "case_id": case_id})
    ).first()
    if found is None:
        raise NotFound("Case")
    row = with_children(found)
    row["referrals"] = (await read(session, _REFERRALS, {"case_id": case_id})).all()
    assigned = any(uuid.UUID(a["user_id"]) == principal.id for a in row["assignees"])
    row["allowed_transitions"] = next_statuses(
        found.status, found.archived, principal, assigned=assigned
    )
    return row


async def list_cases(
    session: AsyncSession, principal: Principal, query: CaseListQuery
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the visible cases matching ``query`` (rows shaped like ``CaseOut``)."""
    filters = filter_params(query)
    params = visibility_params(principal)
    params.update((name, value) for name, value in filters.items() if value is not None)
    shape = (sees_all_cases(principal), tuple(filters), query.sort, continues(query.cursor))
    # A search's words vary in number and are rarer than the plain list: built each time.
    page = _case_page(*shape) if not query.q else _build_case_page(*shape, query.q)
    cases, next_cursor = await read_page(
        session,
        page,
        params,
        keys=sort_keys(query.sort),
        id_column=Case.id,
        limit=query.limit,
        cursor=query.cursor,
    )
    return page_items(cases, query.q), next_cursor


def _build_case_page(
    sees_all: bool, filters: tuple[str, ...], sort: CaseSort, continued: bool, q: str | None
) -> Select[Any]:
    stmt = filtered(visible_cases_template(sees_all, *CASE_RESPONSE_COLUMNS), filters, q)
    return page_statement(stmt, sort_keys(sort), Case.id, continued=continued)


@lru_cache(maxsize=512)
def _case_page(
    sees_all: bool, filters: tuple[str, ...], sort: CaseSort, continued: bool
) -> Select[Any]:
    """The page statement of one shape of case list (which filters, which order, first
    or later page), built once: building it and deriving its cache key cost more than
    the rest of the list's statements together (bench/RESULTS.md)."""
    return _build_case_page(sees_all, filters, sort, continued, None)


def _level(level: int | None) -> int | None:
    return None if level is None else int(level)


def _may_govern_visibility(case: Case, principal: Principal) -> bool:
    return principal.can(Permission.CASES_COORDINATE) or principal.id in case.assignee_ids


def _replace_topics(case: Case, topics: list[str]) -> None:
    wanted = list(dict.fromkeys(topics))
    case.topic_rows = [row for row in case.topic_rows if row.topic in wanted] + [
        CaseTopicRow(topic=t) for t in wanted if t not in {r.topic for r in case.topic_rows}
    ]


def _apply_update(case: Case, sent: dict[str, Any]) -> None:
    for name, value in sent.items():
        if name == "topics":
            _replace_topics(case, value)
        elif name != "timeline_note":
            setattr(case, name, value)
    if not case.endangers_democracy and "democracy_indicators" not in sent:
        case.democracy_indicators = []


async def update_case(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: CaseUpdate,
    if_match: str | None,
) -> Case:
    """Change a case's fields; an escalation change lands in the timeline."""
    case = await _load_for_change(session, principal, case_id, if_match)
    sent = data.model_dump(exclude_unset=True)
    if "visibility" in sent and sent["visibility"] != case.visibility:
        if not _may_govern_visibility(case, principal):
            raise Forbidden("Only assignees and coordinators change a case's visibility.")
        _check_restricted_has_assignee(sent["visibility"], case.assignments)
    before_level = case.escalation_level
    await _settle_place(session, principal, sent)
    _apply_update(case, sent)
    case.refresh_search_text()
    _check_indicators(case.endangers_democracy, case.democracy_indicators)
    if case.escalation_level != before_level:
        await note_change(
            session,
            principal,
            case,
            "escalation_level",
            _level(before_level),
            _level(case.escalation_level),
            data.timeline_note,
        )
    fields = sorted(set(sent) - {"timeline_note"})
    if "follow_up_date" in sent:
        await _follow_up(session, principal, case)
    if fields:
        audit_case(session, principal, "case.update", case, fields=fields)
        publish_case_event(session, case, "case.updated", fields=fields)
    await commit_versioned(session)
    return case


def _handing_referral(case: Case, data: StatusChange) -> Referral | None:
    """The referral a case is referred through: one of its own, not declined."""
    if data.status is not CaseStatus.REFERRED:
        if data.referral_id is not None:
            raise invalid("body.referral_id", "Only a referral hands the case over.", "unexpected")
        return None
    if data.referral_id is None:
        raise invalid(
            "body.referral_id",
            "A referred case names the referral that hands it over; record the referral first.",
            "missing",
        )
    referral = next((r for r in case.referrals if r.id == data.referral_id), None)
    if referral is None:
        raise invalid(
            "body.referral_id", "The referral must be one of this case.", "unknown_referral"
        )
    if referral.status is ReferralStatus.DECLINED:
        raise invalid(
            "body.referral_id", "A declined referral hands nothing over.", "declined_referral"
        )
    return referral


def _settle_outcome(case: Case, data: StatusChange) -> None:
    if data.status in ENDED:
        outcome = data.outcome
        if outcome is None and data.status is CaseStatus.REFERRED:
            outcome = CaseOutcome.HANDED_OVER
        if outcome is None:
            raise invalid("body.outcome", "Closing needs an outcome.", "missing")
        case.outcome = outcome
        case.outcome_note = data.outcome_note
        case.closed_at = utcnow()
        return
    if data.outcome or data.outcome_note:
        raise invalid(
            "body.outcome", "An outcome is given only when closing or referring.", "unexpected"
        )
    # A reopened case has no outcome yet; the timeline keeps that it was closed.
    case.outcome = case.outcome_note = case.closed_at = None


async def change_status(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: StatusChange,
    if_match: str | None,
) -> Case:
    """Move a case along the workflow (see ``kokoma.cases.workflow``); referring it names
    the referral, reopening it needs a reason."""
    case = await _load_for_change(session, principal, case_id, if_match)
    before = case.status
    check_transition(before, data.status, principal, assigned=principal.id in case.assignee_ids)
    if reopens(before, data.status) and not data.note:
        raise invalid("body.note", "Reopening a case needs a reason.", "missing")
    referral = _handing_referral(case, data)
    _settle_outcome(case, data)
    case.status = data.status
    await note_change(
        session,
        principal,
        case,
        "status",
        before.value,
        data.status.value,
        data.note,
        referral=referral,
    )
    audit_case(
        session,
        principal,
        "case.status_change",
        case,
        before=before.value,
        after=data.status.value,
    )
    await commit_versioned(session)
    return case


async def withdraw_case(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: Withdrawal,
    if_match: str | None,
) -> Case:
    """Withdraw a case opened by mistake (coordinators): closed as `withdrawn` and archived
    at once, whatever its status, with the reason in the timeline."""
    case = await _load_for_change(session, principal, case_id, if_match)
    before = case.status
    case.status = CaseStatus.CLOSED
    case.outcome = CaseOutcome.WITHDRAWN
    case.outcome_note = data.reason
    case.closed_at = case.closed_at if before in ENDED else utcnow()
    case.archived = True
    case.archived_at = utcnow()
    await note_change(
        session, principal, case, "status", before.value, CaseStatus.CLOSED.value, data.reason
    )
    audit_case(session, principal, "case.withdraw", case, before=before.value)
    publish_case_event(session, case, "case.archived")
    await commit_versioned(session)
    return case


async def archive_case(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, if_match: str | None
) -> Case:
    """Archive an ended case: it leaves the working lists and becomes read-only."""
    case = await _load_for_change(session, principal, case_id, if_match)
    if case.status not in ENDED:
        raise Conflict(
            "Only closed or referred cases can be archived.", case_status=case.status.value
        )
    case.archived = True
    case.archived_at = utcnow()
    audit_case(session, principal, "case.archive", case)
    publish_case_event(session, case, "case.archived")
    await commit_versioned(session)
    return case


async def replace_assignees(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: AssigneesUpdate,
    if_match: str | None,
) -> Case:
    """Set who works on a case (coordinators)."""
    case = await _load_for_change(session, principal, case_id, if_match)
    users = await _assignable_users(session, principal, data.user_ids, "body.user_ids")
    _check_restricted_has_assignee(case.visibility, users)
    kept = {row.user_id: row for row in case.assignments}
    case.assignments = [kept.get(u.id) or CaseAssignment(user=u) for u in users]
    await _tell_new_assignees(session, principal, case, [u.id for u in users if u.id not in kept])
    case.updated_at = utcnow()  # the version rises with the assignee list
    audit_case(
        session,
        principal,
        "case.assignees_update",
        case,
        assignee_ids=sorted(str(u.id) for u in users),
    )
    publish_case_event(session, case, "case.updated", fields=["assignees"])
    await commit_versioned(session)
    return case


async def _party_contacts(
    session: AsyncSession, principal: Principal, contact_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Contact]:
    if len(set(contact_ids)) != len(contact_ids):
        raise invalid("body.parties", "Each contact can be a party only once.", "duplicate")
    if not contact_ids:
        return {}
    contacts = await session.scalars(scoped(Contact, principal).where(Contact.id.in_(contact_ids)))
    found = {c.id: c for c in contacts}
    if len(found) != len(contact_ids):
        raise invalid(
            "body.parties",
            "Parties must be network contacts of your municipality.",
            "unknown_contact",
        )
    return found


async def replace_parties(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    data: PartiesUpdate,
    if_match: str | None,
) -> Case:
    """Set the contacts involved in a case and their roles."""
    case = await _load_for_change(session, principal, case_id, if_match)
    contacts = await _party_contacts(session, principal, [p.contact_id for p in data.parties])
    kept = {row.contact_id: row for row in case.party_rows}
    rows = []
    for party in data.parties:
        row = kept.get(party.contact_id) or CaseParty(contact=contacts[party.contact_id])
        row.role_in_conflict = party.role_in_conflict
        row.note = party.note
        rows.append(row)
    case.party_rows = rows
    case.updated_at = utcnow()  # the version rises with the party list
    audit_case(session, principal, "case.parties_update", case, count=len(rows))
    publish_case_event(session, case, "case.updated", fields=["parties"])
    await commit_versioned(session)
    return case


async def timeline(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    query: TimelineQuery,
) -> tuple[list[CaseTimelineEntry], str | None]:
    """The case's status and escalation changes, oldest first."""
    case = await get_visible_case(session, principal, case_id)
    return await paginate(
        session,
        select(CaseTimelineEntry).where(CaseTimelineEntry.case_id == case.id),
        keys=[SortKey(CaseTimelineEntry.occurred_at)],
        id_column=CaseTimelineEntry.id,
        limit=query.limit,
        cursor=query.cursor,
    )


def escalation_levels() -> list[EscalationLevel]:
    """Glasl's stages in order."""
    return list(EscalationLevel)
