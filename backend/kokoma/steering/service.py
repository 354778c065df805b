"""Meetings of the steering group: planning, invitations, attendance, minutes per agenda
item, decisions and action items (tasks), and the coordinator's approval of the minutes.

Coordinators write; coordinators, conflict managers and the steering group's users
read the meetings of their municipality. The meeting is one record: every change of
its parts needs the meeting's ETag and raises its version. Once the minutes are
approved the meeting is read-only (409); its action items go on as tasks.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import lazyload

from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_day, local_today
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, scoped
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.db import utcnow
from kokoma.district_analysis.models import ConflictField
from kokoma.errors import Conflict, NotFound, invalid
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify, notify_address
from kokoma.settings import get_settings
from kokoma.steering.invitation import invitation_ics
from kokoma.steering.models import (
    MinutesStatus,
    SteeringAgendaItem,
    SteeringDecision,
    SteeringMeeting,
    SteeringParticipant,
)
from kokoma.steering.schemas import (
    ActionItemCreate,
    AgendaItemCreate,
    AgendaItemUpdate,
    DecisionCreate,
    DecisionUpdate,
    MeetingCreate,
    MeetingListQuery,
    MeetingParticipantIn,
    MeetingUpdate,
    MeetingWhen,
    SteeringPersonKind,
)
from kokoma.tasks.actions import add_action_item as add_task_for_item
from kokoma.tasks.models import Task, TaskStatus
from kokoma.users.models import User

READ_ONLY = "The minutes are approved; the meeting can no longer be changed."
_SCHEDULE = ("starts_at", "ends_at", "place", "video_url")
OVERVIEW_ACTION_ITEMS = 20


def meeting_path(meeting_id: uuid.UUID) -> str:
    """The meeting's page in the web UI, relative to the public URL."""
    return f"/steering/{meeting_id}"


def _day(moment: datetime) -> str:
    return local_day(moment).strftime("%d.%m.%Y")


def _change(
    session: AsyncSession,
    principal: Principal,
    meeting: SteeringMeeting,
    action: str,
    *,
    part: audit.Target | None = None,
    event: str | None = None,
    **details: Any,
) -> None:
    """Audit a change of the meeting (or of one of its parts) and publish its event."""
    subject = audit.Target("steering_meeting", meeting.id)
    audit.record_change(
        session,
        f"steering_meeting.{action}",
        principal=principal,
        target=part or subject,
        subject=subject,
        event_type=f"steering_meeting.{event or action}",
        details=details or None,
    )


async def _meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, *, for_update: bool = False
) -> SteeringMeeting:
    meeting: SteeringMeeting = await get_scoped(
        session, SteeringMeeting, meeting_id, principal, what="Meeting", for_update=for_update
    )
    return meeting


async def _editable(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> SteeringMeeting:
    """The meeting to change: If-Match checked, refused once the minutes are approved."""
    meeting = await _meeting(session, principal, meeting_id, for_update=True)
    check_if_match(if_match, meeting.version)
    if meeting.minutes_status is MinutesStatus.APPROVED:
        raise Conflict(READ_ONLY)
    return meeting


def _touch(meeting: SteeringMeeting) -> None:
    """A change of a part is a change of the meeting: its version rises."""
    meeting.updated_at = utcnow()


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise invalid("body.ends_at", "The meeting must end after it starts.", "ends_before_start")


# --- members and participants ---------------------------------------------------------


async def _organisations(session: AsyncSession, contacts: list[Contact]) -> dict[uuid.UUID, str]:
    ids = {c.organisation_id for c in contacts if c.organisation_id}
    if not ids:
        return {}
    rows = await session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(ids)))
    return {row.id: row.name for row in rows}


def _person_of_user(user: User) -> dict[str, Any]:
    return {
        "kind": SteeringPersonKind.USER,
        "name": user.full_name,
        "role": user.role.value,
        "position": None,
        "organisation": None,
        "has_email": bool(user.email),
    }


def _person_of_contact(contact: Contact, organisations: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "kind": SteeringPersonKind.CONTACT,
        "name": contact.name,
        "role": None,
        "position": contact.position,
        "organisation": organisations.get(contact.organisation_id)
        if contact.organisation_id
        else None,
        "has_email": bool(contact.email),
    }


def _member_contacts(principal: Principal) -> Select[Any]:
    return scoped(Contact, principal).where(
        Contact.steering_group_member.is_(True), Contact.anonymised_at.is_(None)
    )


def _member_users(principal: Principal) -> Select[Any]:
    return scoped(User, principal).where(
        User.role == Role.STEERING_GROUP, User.is_active.is_(True)
    )


async def members(session: AsyncSession, principal: Principal) -> list[dict[str, Any]]:
    """The steering group: users with its role, then the contacts marked as members."""
    users = list(await session.scalars(_member_users(principal).order_by(User.full_name)))
    contacts = list(await session.scalars(_member_contacts(principal).order_by(Contact.sort_name)))
    organisations = await _organisations(session, contacts)
    return [{"id": u.id, **_person_of_user(u)} for u in users] + [
        {"id": c.id, **_person_of_contact(c, organisations)} for c in contacts
    ]


async def _check_participants(
    session: AsyncSession, principal: Principal, wanted: list[MeetingParticipantIn]
) -> None:
    users = [p.user_id for p in wanted if p.user_id]
    contacts = [p.contact_id for p in wanted if p.contact_id]
    if len(set(users)) != len(users) or len(set(contacts)) != len(contacts):
        raise invalid("body.participants", "Name each person once.", "duplicate")
    found_users = set(
        await session.scalars(
            scoped(User, principal, User.id).where(User.id.in_(users), User.is_active.is_(True))
        )
    )
    if found_users != set(users):
        raise invalid(
            "body.participants",
            "Participants must be active users of your municipality.",
            "unknown_user",
        )
    found_contacts = set(
        await session.scalars(
            scoped(Contact, principal, Contact.id).where(
                Contact.id.in_(contacts), Contact.anonymised_at.is_(None)
            )
        )
    )
    if found_contacts != set(contacts):
        raise invalid(
            "body.participants",
            "External participants must be contacts of your municipality.",
            "unknown_contact",
        )


async def _default_participants(
    session: AsyncSession, principal: Principal
) -> list[MeetingParticipantIn]:
    users = await session.scalars(_member_users(principal).with_only_columns(User.id))
    contacts = await session.scalars(_member_contacts(principal).with_only_columns(Contact.id))
    return [MeetingParticipantIn(user_id=u) for u in users] + [
        MeetingParticipantIn(contact_id=c) for c in contacts
    ]


def _replace_participants(
    session: AsyncSession, meeting_id: uuid.UUID, wanted: list[MeetingParticipantIn]
) -> None:
    for p in wanted:
        session.add(
            SteeringParticipant(
                id=uuid.uuid4(),
                meeting_id=meeting_id,
                user_id=p.user_id,
                contact_id=p.contact_id,
                status=p.status,
            )
        )


# --- reading ----------------------------------------------------------------------------


async def list_meetings(
    session: AsyncSession, principal: Principal, query: MeetingListQuery
) -> tuple[list[SteeringMeeting], str | None]:
    """Meetings of the municipality: upcoming soonest first, otherwise newest first."""
    stmt = scoped(SteeringMeeting, principal)
    now = utcnow()
    if query.when is MeetingWhen.UPCOMING:
        stmt = stmt.where(SteeringMeeting.ends_at > now)
    elif query.when is MeetingWhen.PAST:
        stmt = stmt.where(SteeringMeeting.ends_at <= now)
    if query.year is not None:
        stmt = stmt.where(
            SteeringMeeting.starts_at >= datetime(query.year, 1, 1, tzinfo=now.tzinfo),
            SteeringMeeting.starts_at < datetime(query.year + 1, 1, 1, tzinfo=now.tzinfo),
        )
    key = SortKey(SteeringMeeting.starts_at, descending=query.when is not MeetingWhen.UPCOMING)
    return await paginate(
        session,
        stmt,
        keys=[key],
        id_column=SteeringMeeting.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def _names(session: AsyncSession, model: Any, column: Any, ids: set[Any]) -> dict[Any, str]:
    ids.discard(None)
    if not ids:
        return {}
    rows = await session.execute(select(model.id, column).where(model.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


async def _action_items(session: AsyncSession, tasks: list[Task]) -> list[dict[str, Any]]:
    items = await _names(
        session,
        SteeringAgendaItem,
        SteeringAgendaItem.meeting_id,
        {t.steering_item_id for t in tasks},
    )
    owners = await _names(session, User, User.full_name, {t.owner_id for t in tasks})
    return [
        {
            "task_id": t.id,
            "meeting_id": items[t.steering_item_id],
            "agenda_item_id": t.steering_item_id,
            "decision_id": t.steering_decision_id,
            "title": t.title,
            "owner_id": t.owner_id,
            "owner_name": owners.get(t.owner_id, ""),
            "due_on": t.due_on,
            "status": t.status,
        }
        for t in tasks
        if t.steering_item_id in items
    ]


async def describe(session: AsyncSession, meeting: SteeringMeeting) -> dict[str, Any]:
    """The meeting shaped like ``MeetingOut``: agenda with minutes, decisions and action
    items, and the participants."""
    items = list(
        await session.scalars(
            select(SteeringAgendaItem)
            .where(
                SteeringAgendaItem.meeting_id == meeting.id,
                SteeringAgendaItem.removed_at.is_(None),
            )
            .order_by(SteeringAgendaItem.position, SteeringAgendaItem.id)
        )
    )
    item_ids = [i.id for i in items]
    decisions: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for d in await session.scalars(
        select(SteeringDecision)
        .where(SteeringDecision.agenda_item_id.in_(item_ids))
        .order_by(SteeringDecision.created_at, SteeringDecision.id)
    ):
        vote = (
            {"yes": d.votes_yes, "no": d.votes_no, "abstain": d.votes_abstain}
            if d.votes_yes is not None
            else None
        )
        decisions[d.agenda_item_id].append(
            {"id": d.id, "agenda_item_id": d.agenda_item_id, "text": d.text, "vote": vote}
        )
    tasks = list(
        await session.scalars(
            select(Task).where(Task.steering_item_id.in_(item_ids)).order_by(Task.due_on, Task.id)
        )
    )
    actions: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for action in await _action_items(session, tasks):
        actions[action["agenda_item_id"]].append(action)
    fields = await _names(
        session, ConflictField, ConflictField.name, {i.conflict_field_id for i in items}
    )
    plans = await _names(session, CrisisPlan, CrisisPlan.title, {i.crisis_plan_id for i in items})

    def ref(names: dict[Any, str], ref_id: uuid.UUID | None) -> dict[str, Any] | None:
        return {"id": ref_id, "name": names[ref_id]} if ref_id in names else None

    agenda = [
        {
            "id": i.id,
            "position": n,
            "title": i.title,
            "presenter": i.presenter,
            "conflict_field": ref(fields, i.conflict_field_id),
            "crisis_plan": ref(plans, i.crisis_plan_id),
            "statistics_from": i.statistics_from,
            "statistics_to": i.statistics_to,
            "minutes": i.minutes,
            "decisions": decisions[i.id],
            "action_items": actions[i.id],
        }
        for n, i in enumerate(items)
    ]
    approved_by = await _names(session, User, User.full_name, {meeting.approved_by_id})
    return {
        **{c.key: getattr(meeting, c.key) for c in SteeringMeeting.__table__.columns},
        "approved_by_name": approved_by.get(meeting.approved_by_id),
        "agenda_items": agenda,
        "participants": await _participants(session, meeting.id),
    }


async def _participant_rows(
    session: AsyncSession, meeting_id: uuid.UUID
) -> list[tuple[SteeringParticipant, User | None, Contact | None]]:
    rows = await session.execute(
        select(SteeringParticipant, User, Contact)
        .outerjoin(User, User.id == SteeringParticipant.user_id)
        .outerjoin(Contact, Contact.id == SteeringParticipant.contact_id)
        .where(SteeringParticipant.meeting_id == meeting_id)
        # The user's municipality is joined eagerly with an inner join, which would drop
        # the rows of external members here.
        .options(lazyload(User.municipality))
    )
    return [(p, u, c) for p, u, c in rows.all()]


async def _participants(session: AsyncSession, meeting_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await _participant_rows(session, meeting_id)
    organisations = await _organisations(session, [c for _, _, c in rows if c is not None])
    people = []
    for participant, user, contact in rows:
        person = (
            _person_of_user(user) if user else _person_of_contact(contact, organisations)  # type: ignore[arg-type]
        )
        people.append(
            {
                **person,
                "user_id": participant.user_id,
                "contact_id": participant.contact_id,
                "status": participant.status,
            }
        )
    # Users first, then external members, each by name.
    return sorted(
        people, key=lambda p: (p["kind"] != SteeringPersonKind.USER, p["name"].casefold())
    )


async def get_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID
) -> SteeringMeeting:
    """A meeting of the caller's municipality, else 404."""
    return await _meeting(session, principal, meeting_id)


# --- the meeting ------------------------------------------------------------------------


async def create_meeting(
    session: AsyncSession, principal: Principal, data: MeetingCreate
) -> SteeringMeeting:
    """Plan a meeting; every member of the steering group is invited unless told."""
    _check_times(data.starts_at, data.ends_at)
    wanted = data.participants
    if wanted is None:
        wanted = await _default_participants(session, principal)
    else:
        await _check_participants(session, principal, wanted)
    meeting = SteeringMeeting(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        title=data.title,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place,
        video_url=data.video_url,
        created_by_id=principal.id if principal.is_user else None,
    )
    session.add(meeting)
    await session.flush()
    _replace_participants(session, meeting.id, wanted)
    _change(session, principal, meeting, "create", event="scheduled")
    await session.commit()
    return meeting


async def update_meeting(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change title, time or place; a new time or place marks sent invitations outdated."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    sent = data.model_dump(exclude_unset=True)
    _check_times(sent.get("starts_at", meeting.starts_at), sent.get("ends_at", meeting.ends_at))
    changed = sorted(name for name, value in sent.items() if getattr(meeting, name) != value)
    for name in changed:
        setattr(meeting, name, sent[name])
    if changed:
        if meeting.invitations_sent_at and set(changed) & set(_SCHEDULE):
            meeting.invitations_outdated = True
        _change(session, principal, meeting, "update", event="updated", fields=changed)
    await commit_versioned(session)
    return meeting


async def delete_meeting(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> None:
    """Remove a meeting whose minutes are not approved; 409 while it has action items
    that are not cancelled."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    agreed = await session.scalar(
        select(func.count())
        .select_from(Task)
        .join(SteeringAgendaItem, SteeringAgendaItem.id == Task.steering_item_id)
        .where(SteeringAgendaItem.meeting_id == meeting.id, Task.status != TaskStatus.CANCELLED)
    )
    if agreed:
        raise Conflict("Action items were agreed in this meeting; cancel them first.")
    _change(session, principal, meeting, "delete", event="deleted")
    await session.delete(meeting)
    await commit_versioned(session)


async def set_participants(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    wanted: list[MeetingParticipantIn],
    if_match: str | None,
) -> SteeringMeeting:
    """Replace who is invited and who came (attendance)."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    await _check_participants(session, principal, wanted)
    await session.execute(
        delete(SteeringParticipant).where(SteeringParticipant.meeting_id == meeting.id)
    )
    _replace_participants(session, meeting.id, wanted)
    counts: dict[str, int] = defaultdict(int)
    for p in wanted:
        counts[p.status.value] += 1
    _touch(meeting)
    _change(session, principal, meeting, "attendance", event="updated", attendance=dict(counts))
    await commit_versioned(session)
    return meeting


# --- agenda -----------------------------------------------------------------------------


async def _check_links(
    session: AsyncSession, principal: Principal, values: dict[str, Any]
) -> None:
    field_id = values.get("conflict_field_id")
    if field_id is not None and not await session.scalar(
        scoped(ConflictField, principal, ConflictField.id).where(ConflictField.id == field_id)
    ):
        raise invalid(
            "body.conflict_field_id",
            "The conflict field must be one of your municipality.",
            "unknown_conflict_field",
        )
    plan_id = values.get("crisis_plan_id")
    if plan_id is not None and not await session.scalar(
        scoped(CrisisPlan, principal, CrisisPlan.id).where(
            CrisisPlan.id == plan_id, CrisisPlan.training_series_id.is_(None)
        )
    ):
        raise invalid(
            "body.crisis_plan_id",
            "The crisis plan must be one of your municipality.",
            "unknown_crisis_plan",
        )
    first, last = values.get("statistics_from"), values.get("statistics_to")
    if (first is None) != (last is None):
        raise invalid(
            "body.statistics_to", "Give both ends of the statistics period.", "incomplete_period"
        )
    if first is not None and last is not None and last < first:
        raise invalid(
            "body.statistics_to", "The statistics period must end after it starts.", "bad_period"
        )


async def _active_items(session: AsyncSession, meeting_id: uuid.UUID) -> list[SteeringAgendaItem]:
    return list(
        await session.scalars(
            select(SteeringAgendaItem)
            .where(
                SteeringAgendaItem.meeting_id == meeting_id,
                SteeringAgendaItem.removed_at.is_(None),
            )
            .order_by(SteeringAgendaItem.position, SteeringAgendaItem.id)
        )
    )


async def _item(
    session: AsyncSession, meeting: SteeringMeeting, item_id: uuid.UUID, *, field: str | None
) -> SteeringAgendaItem:
    """An agenda item of ``meeting`` that was not removed: 404 in a path, 422 in a body."""
    item = await session.scalar(
        select(SteeringAgendaItem).where(
            SteeringAgendaItem.id == item_id,
            SteeringAgendaItem.meeting_id == meeting.id,
            SteeringAgendaItem.removed_at.is_(None),
        )
    )
    if item is None:
        if field is None:
            raise NotFound("Agenda item")
        raise invalid(
            field, "The agenda item is not on this meeting's agenda.", "unknown_agenda_item"
        )
    return item


async def add_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: AgendaItemCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """Add an item at the end of the agenda."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    values = data.model_dump()
    await _check_links(session, principal, values)
    last = await session.scalar(
        select(func.max(SteeringAgendaItem.position)).where(
            SteeringAgendaItem.meeting_id == meeting.id
        )
    )
    item = SteeringAgendaItem(
        id=uuid.uuid4(), meeting_id=meeting.id, position=0 if last is None else last + 1, **values
    )
    session.add(item)
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "agenda_item_create",
        part=audit.Target("steering_agenda_item", item.id),
        event="updated",
    )
    await commit_versioned(session)
    return meeting


def _move(items: list[SteeringAgendaItem], item: SteeringAgendaItem, position: int) -> None:
    order = [i for i in items if i.id != item.id]
    order.insert(min(position, len(order)), item)
    for n, each in enumerate(order):
        each.position = n


async def update_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    item_id: uuid.UUID,
    data: AgendaItemUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change an item, write its minutes, or move it to another place in the agenda."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    item = await _item(session, meeting, item_id, field=None)
    sent = data.model_dump(exclude_unset=True)
    merged = {
        name: sent.get(name, getattr(item, name))
        for name in ("conflict_field_id", "crisis_plan_id", "statistics_from", "statistics_to")
    }
    await _check_links(session, principal, merged)
    position = sent.pop("position", None)
    changed = sorted(name for name, value in sent.items() if getattr(item, name) != value)
    for name in changed:
        setattr(item, name, sent[name])
    if position is not None:
        _move(await _active_items(session, meeting.id), item, position)
        changed.append("position")
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "agenda_item_update",
        part=audit.Target("steering_agenda_item", item.id),
        event="updated",
        fields=changed,
    )
    await commit_versioned(session)
    return meeting


async def remove_agenda_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    item_id: uuid.UUID,
    if_match: str | None,
) -> SteeringMeeting:
    """Take an item off the agenda; 409 while decisions or action items hang on it."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    item = await _item(session, meeting, item_id, field=None)
    decided = await session.scalar(
        select(func.count()).where(SteeringDecision.agenda_item_id == item.id)
    )
    tasks = await session.scalar(
        select(func.count()).where(
            Task.steering_item_id == item.id, Task.status != TaskStatus.CANCELLED
        )
    )
    if decided or tasks:
        raise Conflict(
            "Decisions or action items belong to this agenda item; remove or cancel them first."
        )
    item.removed_at = utcnow()
    _move(await _active_items(session, meeting.id), item, 10_000)
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "agenda_item_delete",
        part=audit.Target("steering_agenda_item", item.id),
        event="updated",
    )
    await commit_versioned(session)
    return meeting


# --- decisions and action items -----------------------------------------------------------


def _set_vote(decision: SteeringDecision, vote: dict[str, int] | None) -> None:
    decision.votes_yes = vote["yes"] if vote else None
    decision.votes_no = vote["no"] if vote else None
    decision.votes_abstain = vote["abstain"] if vote else None


async def add_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: DecisionCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """Record a decision under an agenda item, with the vote if there was one."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    item = await _item(session, meeting, data.agenda_item_id, field="body.agenda_item_id")
    decision = SteeringDecision(
        id=uuid.uuid4(), meeting_id=meeting.id, agenda_item_id=item.id, text=data.text
    )
    _set_vote(decision, data.vote.model_dump() if data.vote else None)
    session.add(decision)
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "decision_create",
        part=audit.Target("steering_decision", decision.id),
        event="decision_recorded",
    )
    await commit_versioned(session)
    return meeting


async def _decision(
    session: AsyncSession, meeting: SteeringMeeting, decision_id: uuid.UUID
) -> SteeringDecision:
    decision = await session.scalar(
        select(SteeringDecision).where(
            SteeringDecision.id == decision_id, SteeringDecision.meeting_id == meeting.id
        )
    )
    if decision is None:
        raise NotFound("Decision")
    return decision


async def update_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    data: DecisionUpdate,
    if_match: str | None,
) -> SteeringMeeting:
    """Change a decision's text or vote."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    decision = await _decision(session, meeting, decision_id)
    sent = data.model_dump(exclude_unset=True)
    if "text" in sent:
        decision.text = sent["text"]
    if "vote" in sent:
        _set_vote(decision, sent["vote"])
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "decision_update",
        part=audit.Target("steering_decision", decision.id),
        event="updated",
        fields=sorted(sent),
    )
    await commit_versioned(session)
    return meeting


async def remove_decision(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    if_match: str | None,
) -> SteeringMeeting:
    """Delete a decision from draft minutes; its action items stay on the agenda item."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    decision = await _decision(session, meeting, decision_id)
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "decision_delete",
        part=audit.Target("steering_decision", decision.id),
        event="updated",
    )
    await session.delete(decision)
    await commit_versioned(session)
    return meeting


async def add_action_item(
    session: AsyncSession,
    principal: Principal,
    meeting_id: uuid.UUID,
    data: ActionItemCreate,
    if_match: str | None,
) -> SteeringMeeting:
    """An action item agreed under an agenda item: a task for a user of the municipality
    (422 otherwise, or for an agenda item that was removed)."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    item = await _item(session, meeting, data.agenda_item_id, field="body.agenda_item_id")
    if data.decision_id is not None:
        decision = await session.scalar(
            select(SteeringDecision).where(
                SteeringDecision.id == data.decision_id,
                SteeringDecision.agenda_item_id == item.id,
            )
        )
        if decision is None:
            raise invalid(
                "body.decision_id",
                "The decision must be one taken under this agenda item.",
                "unknown_decision",
            )
    task = await add_task_for_item(
        session,
        principal,
        title=data.title,
        description=data.description,
        owner_id=data.owner_id,
        due_on=data.due_on,
        steering_item_id=item.id,
        steering_decision_id=data.decision_id,
    )
    _touch(meeting)
    _change(
        session,
        principal,
        meeting,
        "action_item_create",
        part=audit.Target("task", task.id),
        event="action_item_added",
    )
    await commit_versioned(session)
    return meeting


# --- invitations and approval -----------------------------------------------------------


async def send_invitations(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> tuple[SteeringMeeting, dict[str, Any]]:
    """E-mail every participant an invitation with the iCalendar event: users as they
    chose, external members at their contact address. Sending again (after a change)
    keeps the event's UID and raises its SEQUENCE."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    if meeting.ends_at <= utcnow():
        raise Conflict("The meeting is over; invitations are no longer sent.")
    organizer = await session.get(User, principal.id) if principal.is_user else None
    sender = (
        (organizer.full_name, organizer.email) if organizer else ("KoKoMa", "kokoma@localhost")
    )
    if meeting.invitations_sent_at is not None:
        meeting.invitation_sequence += 1
    url = f"{get_settings().public_base}{meeting_path(meeting.id)}"
    day = {"day": _day(meeting.starts_at)}

    def ics(name: str, email: str, with_link: bool) -> str:
        return invitation_ics(
            meeting_id=meeting.id,
            sequence=meeting.invitation_sequence,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            location=meeting.place or meeting.video_url,
            url=url if with_link else meeting.video_url,
            organizer=sender,
            attendee=(name, email),
        )

    result: dict[str, Any] = {"users": 0, "contacts": 0, "without_address": []}
    for _, user, contact in await _participant_rows(session, meeting.id):
        if user is not None:
            message = await notify(
                session,
                user_id=user.id,
                kind=MailKind.MEETING_INVITATION,
                params=day,
                link_path=meeting_path(meeting.id),
                calendar=ics(user.full_name, user.email, True),
            )
            result["users"] += message is not None
        elif contact is not None and contact.email:
            notify_address(
                session,
                municipality_id=meeting.municipality_id,
                to_address=contact.email,
                kind=MailKind.MEETING_INVITATION,
                language="de",
                params=day,
                calendar=ics(contact.name, contact.email, False),
            )
            result["contacts"] += 1
        elif contact is not None:
            result["without_address"].append(contact.name)
    meeting.invitations_sent_at = utcnow()
    meeting.invitations_outdated = False
    _change(
        session,
        principal,
        meeting,
        "invite",
        event="invitations_sent",
        sequence=meeting.invitation_sequence,
        users=result["users"],
        contacts=result["contacts"],
    )
    await commit_versioned(session)
    result["sequence"] = meeting.invitation_sequence
    return meeting, result


async def approve_minutes(
    session: AsyncSession, principal: Principal, meeting_id: uuid.UUID, if_match: str | None
) -> SteeringMeeting:
    """The coordinator approves the minutes: the meeting becomes read-only and everyone
    invited is told by e-mail (a neutral notice; the minutes stay in KoKoMa)."""
    meeting = await _editable(session, principal, meeting_id, if_match)
    if meeting.starts_at > utcnow():
        raise Conflict("Minutes can be approved once the meeting has begun.")
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.approved_at = utcnow()
    meeting.approved_by_id = principal.id if principal.is_user else None
    day = {"day": _day(meeting.starts_at)}
    for _, user, contact in await _participant_rows(session, meeting.id):
        if user is not None:
            await notify(
                session,
                user_id=user.id,
                kind=MailKind.MINUTES_APPROVED,
                params=day,
                link_path=meeting_path(meeting.id),
            )
        elif contact is not None and contact.email:
            notify_address(
                session,
                municipality_id=meeting.municipality_id,
                to_address=contact.email,
                kind=MailKind.MINUTES_APPROVED,
                language="de",
                params=day,
            )
    _change(session, principal, meeting, "approve_minutes", event="minutes_approved")
    await commit_versioned(session)
    return meeting


# --- the steering group's overview --------------------------------------------------------


async def overview(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    """The next meeting and the open action items of all meetings."""
    next_meeting = await session.scalar(
        scoped(SteeringMeeting, principal)
        .where(SteeringMeeting.ends_at > utcnow())
        .order_by(SteeringMeeting.starts_at, SteeringMeeting.id)
        .limit(1)
    )
    open_items = scoped(Task, principal).where(
        Task.steering_item_id.is_not(None), Task.status == TaskStatus.OPEN
    )
    total = await session.scalar(open_items.with_only_columns(func.count()).order_by(None))
    overdue = await session.scalar(
        open_items.with_only_columns(func.count()).where(Task.due_on < local_today())
    )
    tasks = list(
        await session.scalars(
            open_items.order_by(Task.due_on, Task.id).limit(OVERVIEW_ACTION_ITEMS)
        )
    )
    return {
        "next_meeting": next_meeting,
        "open_action_items": await _action_items(session, tasks),
        "open_action_items_total": total or 0,
        "overdue_action_items": overdue or 0,
    }
