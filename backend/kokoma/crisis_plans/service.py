"""Crisis-prevention plans: who sees which plan, writing drafts, and the adoption workflow.

Visibility: coordinators see every plan of their municipality; conflict managers the
adopted plans and the drafts they own; the steering group the adopted plans; API
clients the adopted plans that are not confidential; trainers only exercise plans.
An adopted plan is read-only: changing it starts a new edition (``new_edition``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission as P
from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import load_one, scoped
from kokoma.crisis_plans import export, rules
from kokoma.crisis_plans.models import Classification, CrisisPlan, PlanStatus
from kokoma.crisis_plans.schemas import (
    CrisisPlanCreate,
    CrisisPlanUpdate,
    IndicatorState,
    PeopleQuery,
    PlanContent,
    PlanListQuery,
    PlanSort,
)
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, invalid
from kokoma.events.outbox import publish
from kokoma.trainings.models import TrainingParticipant, TrainingSeries
from kokoma.users.models import User

_SORTS = {
    PlanSort.TITLE: SortKey(CrisisPlan.title),
    PlanSort.UPDATED_DESC: SortKey(CrisisPlan.updated_at, descending=True),
}
_EDITABLE = (PlanStatus.DRAFT, PlanStatus.IN_REVIEW)
_PAST = {
    "create": "created",
    "update": "updated",
    "submit": "submitted",
    "return": "returned",
    "adopt": "adopted",
    "withdraw": "withdrawn",
    "copy": "copied",
}
_READ_ONLY = "An adopted or withdrawn plan is read-only; start a new edition to change it."


def coordinates(principal: Principal) -> bool:
    return principal.can(P.CRISIS_PLANS_ADOPT)


def visible(principal: Principal) -> Select[Any]:
    """The plans the caller may read.

    Exercise plans are seen only by the trainers (a series has no trainer of its own:
    the municipality's trainers run its series) and by the participants of their series.
    """
    stmt = scoped(CrisisPlan, principal)
    real = CrisisPlan.training_series_id.is_(None)
    adopted = CrisisPlan.status == PlanStatus.ADOPTED
    if not principal.is_user:
        return stmt.where(real, adopted, CrisisPlan.classification == Classification.INTERNAL)
    if principal.role is Role.TRAINER:
        return stmt.where(~real)
    participates = CrisisPlan.training_series_id.in_(
        select(TrainingParticipant.series_id).where(TrainingParticipant.user_id == principal.id)
    )
    if coordinates(principal):
        return stmt.where(or_(real, participates))
    if principal.role is Role.CONFLICT_MANAGER:
        return stmt.where(
            or_(real & or_(CrisisPlan.owner_id == principal.id, adopted), participates)
        )
    return stmt.where(or_(real & adopted, participates))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


async def list_plans(
    session: AsyncSession, principal: Principal, query: PlanListQuery
) -> tuple[list[CrisisPlan], str | None]:
    # Exercise plans never stand among the real ones: they are listed on their own.
    stmt = visible(principal)
    if query.training_series_id is not None:
        stmt = stmt.where(CrisisPlan.training_series_id == query.training_series_id)
    elif query.exercise:
        stmt = stmt.where(CrisisPlan.training_series_id.is_not(None))
    else:
        stmt = stmt.where(CrisisPlan.training_series_id.is_(None))
    if query.status is not None:
        stmt = stmt.where(CrisisPlan.status == query.status)
    if query.lineage_id is not None:
        stmt = stmt.where(CrisisPlan.lineage_id == query.lineage_id)
    if query.due_for_review:
        stmt = stmt.where(
            CrisisPlan.status == PlanStatus.ADOPTED,
            CrisisPlan.next_review_on <= local_today(),
        )
    return await paginate(
        session,
        stmt,
        keys=[_SORTS[query.sort]],
        id_column=CrisisPlan.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_plan(session: AsyncSession, principal: Principal, plan_id: uuid.UUID) -> CrisisPlan:
    plan: CrisisPlan = await load_one(
        session, visible(principal).where(CrisisPlan.id == plan_id), what="Crisis plan"
    )
    return plan


ATTACHMENT_KIND = "crisis_plan"


async def attachment_owner(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, for_change: bool
) -> CrisisPlan:
    """The plan whose attachments are read or changed: read by whoever reads the plan,
    changed by whoever may change it (an adopted plan's files stay as adopted)."""
    plan = await get_plan(session, principal, plan_id)
    if for_change:
        _may_edit(principal, plan)
    return plan


_OWNERS = (Role.COORDINATOR, Role.CONFLICT_MANAGER)


async def list_people(
    session: AsyncSession, principal: Principal, query: PeopleQuery
) -> tuple[list[User], str | None]:
    """Active users of the caller's municipality, to name in a plan's roles and measures."""
    stmt = scoped(User, principal).where(User.is_active.is_(True))
    if query.may_own:
        stmt = stmt.where(User.role.in_(_OWNERS))
    for term in (query.q or "").lower().split()[:5]:
        stmt = stmt.where(func.lower(User.full_name).contains(term, autoescape=True))
    return await paginate(
        session,
        stmt,
        keys=[SortKey(User.full_name)],
        id_column=User.id,
        limit=query.limit,
        cursor=query.cursor,
    )


def _may_edit(principal: Principal, plan: CrisisPlan) -> None:
    if plan.status not in _EDITABLE:
        raise Conflict(_READ_ONLY)
    if plan.owner_id == principal.id:
        return
    if plan.is_exercise:
        if principal.role is Role.TRAINER:
            return
        raise Forbidden("Only the trainers and the owner change an exercise plan.")
    if coordinates(principal):
        return
    raise Forbidden("Only the owner or a coordinator changes this plan.")


async def _check_series(session: AsyncSession, principal: Principal, series_id: uuid.UUID) -> None:
    """An exercise plan is written by a trainer or a participant of the series."""
    series = await session.scalar(
        scoped(TrainingSeries, principal, TrainingSeries.id).where(TrainingSeries.id == series_id)
    )
    if series is None:
        raise invalid(
            "body.training_series_id",
            "The training series is not one of this municipality.",
            "foreign_reference",
        )
    if principal.role is Role.TRAINER:
        return
    participant = await session.scalar(
        select(TrainingParticipant.id).where(
            TrainingParticipant.series_id == series_id,
            TrainingParticipant.user_id == principal.id,
        )
    )
    if participant is None:
        raise Forbidden(
            "Only the trainers and participants of the series write its exercise plans."
        )


async def _check_people(session: AsyncSession, principal: Principal, content: PlanContent) -> None:
    """Users and contacts named in the plan belong to the caller's municipality (else 422)."""
    users: list[tuple[str, uuid.UUID]] = []
    contacts: list[tuple[str, uuid.UUID]] = []
    for i, role in enumerate(content.roles):
        for side in ("holder", "deputy"):
            person = getattr(role, side)
            if person.user_id:
                users.append((f"roles.{i}.{side}.user_id", person.user_id))
            if person.contact_id:
                contacts.append((f"roles.{i}.{side}.contact_id", person.contact_id))
    for i, measure in enumerate(content.measures):
        if measure.owner_user_id:
            users.append((f"measures.{i}.owner_user_id", measure.owner_user_id))
    for model, named, what in ((User, users, "user"), (Contact, contacts, "contact")):
        if not named:
            continue
        ids = {value for _, value in named}
        found = set(
            await session.scalars(scoped(model, principal, model.id).where(model.id.in_(ids)))
        )
        for where, value in named:
            if value not in found:
                raise invalid(
                    f"body.content.{where}",
                    f"The {what} is not one of this municipality.",
                    "foreign_reference",
                )


def _announce(
    session: AsyncSession,
    principal: Principal,
    plan: CrisisPlan,
    action: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit entry and domain event: ids, status and field names, never plan texts.

    Confidential plans go to the audit log only: no API client may learn of them.
    """
    data = {"lineage_id": str(plan.lineage_id), "edition": plan.edition, **(details or {})}
    audit.record(
        session,
        f"crisis_plan.{action}",
        principal=principal,
        target=audit.Target("crisis_plan", plan.id),
        details=data,
    )
    if plan.classification is Classification.INTERNAL and not plan.is_exercise:
        publish(
            session,
            municipality_id=plan.municipality_id,
            event_type=f"crisis_plan.{_PAST[action]}",
            resource_id=plan.id,
            data={"crisis_plan_id": str(plan.id), "status": plan.status.value, **data},
        )


async def create_plan(
    session: AsyncSession,
    principal: Principal,
    data: CrisisPlanCreate,
) -> CrisisPlan:
    training_series_id = data.training_series_id
    if training_series_id is not None:
        await _check_series(session, principal, training_series_id)
    elif principal.role is Role.TRAINER:
        raise Forbidden("Trainers write exercise plans of their series only.")
    rules.check_content(data.content)
    await _check_people(session, principal, data.content)
    plan = _draft(
        principal,
        data,
        data.content.model_dump(mode="json"),
        training_series_id=training_series_id,
    )
    plan_id = plan.id
    session.add(plan)
    _announce(session, principal, plan, "create")
    await session.commit()
    return await get_plan(session, principal, plan_id)


async def update_plan(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    data: CrisisPlanUpdate,
    if_match: str | None,
) -> CrisisPlan:
    plan = await get_plan(session, principal, plan_id)
    check_if_match(if_match, plan.version)
    _may_edit(principal, plan)
    sent = data.model_dump(exclude_unset=True)
    for name, value in sent.items():
        if value is None:
            raise invalid(f"body.{name}", "This field cannot be empty.")
    if data.content is not None:
        rules.check_content(data.content)
        await _check_people(session, principal, data.content)
        plan.content = data.content.model_dump(mode="json")
    for name in sent.keys() - {"content"}:
        setattr(plan, name, getattr(data, name))
    plan.updated_at = utcnow()
    _announce(session, principal, plan, "update", {"fields": sorted(sent)})
    await commit_versioned(session)
    return await get_plan(session, principal, plan_id)


def content_of(plan: CrisisPlan) -> PlanContent:
    return PlanContent.model_validate(plan.content)


_MOVES: dict[str, tuple[tuple[PlanStatus, ...], PlanStatus]] = {
    "submit": ((PlanStatus.DRAFT,), PlanStatus.IN_REVIEW),
    "return": ((PlanStatus.IN_REVIEW,), PlanStatus.DRAFT),
    "adopt": ((PlanStatus.DRAFT, PlanStatus.IN_REVIEW), PlanStatus.ADOPTED),
    "withdraw": ((PlanStatus.ADOPTED,), PlanStatus.WITHDRAWN),
}


async def change_status(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    action: str,
    if_match: str | None,
    note: str | None = None,
) -> CrisisPlan:
    """Submit for review, return to draft, adopt (coordinators) or withdraw (coordinators)."""
    plan = await get_plan(session, principal, plan_id)
    check_if_match(if_match, plan.version)
    sources, target = _MOVES[action]
    if action in ("adopt", "withdraw") and not coordinates(principal):
        raise Forbidden("Only a coordinator adopts or withdraws a plan.")
    if action in ("submit", "return"):
        _may_edit(principal, plan)
    if plan.status not in sources:
        raise Conflict(f"A plan in status '{plan.status.value}' cannot be changed so ({action}).")
    if action == "adopt":
        content = content_of(plan)
        rules.check_adoptable(content)
        await _supersede(session, plan)
        plan.adopted_at = utcnow()
        plan.adopted_by_id = principal.id
        plan.adoption_note = note
        plan.next_review_on = add_months(local_today(), plan.review_interval_months)
    plan.status = target
    plan.updated_at = utcnow()
    _announce(session, principal, plan, action, {"note": bool(note)} if note else None)
    await commit_versioned(session)
    return await get_plan(session, principal, plan_id)


async def _supersede(session: AsyncSession, plan: CrisisPlan) -> None:
    """Adopting an edition withdraws the edition adopted before it."""
    earlier = await session.scalars(
        select(CrisisPlan).where(
            CrisisPlan.lineage_id == plan.lineage_id,
            CrisisPlan.id != plan.id,
            CrisisPlan.status == PlanStatus.ADOPTED,
        )
    )
    for old in earlier:
        old.status = PlanStatus.WITHDRAWN
        old.updated_at = utcnow()


async def new_edition(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID
) -> CrisisPlan:
    """A draft copy of an adopted or withdrawn plan, the next edition of its lineage."""
    plan = await get_plan(session, principal, plan_id)
    if plan.status in _EDITABLE:
        raise Conflict("This edition is still a draft; change it directly.")
    if principal.role is Role.TRAINER and not plan.is_exercise:
        raise Forbidden("Trainers write exercise plans of their series only.")
    open_draft = await session.scalar(
        select(CrisisPlan.id).where(
            CrisisPlan.lineage_id == plan.lineage_id, CrisisPlan.status.in_(_EDITABLE)
        )
    )
    if open_draft is not None:
        raise Conflict("A new edition of this plan is already being written.")
    last = await session.scalar(
        select(CrisisPlan.edition)
        .where(CrisisPlan.lineage_id == plan.lineage_id)
        .order_by(CrisisPlan.edition.desc())
        .limit(1)
    )
    copy = _draft(
        principal,
        plan,
        dict(plan.content),
        lineage_id=plan.lineage_id,
        edition=(last or 0) + 1,
        training_series_id=plan.training_series_id,
    )
    session.add(copy)
    _announce(session, principal, copy, "create", {"from": str(plan.id)})
    await commit_versioned(session)
    return await get_plan(session, principal, copy.id)


async def copy_to_draft(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    owner_id: uuid.UUID | None,
) -> CrisisPlan:
    """A real draft (first edition of a new plan) copied from an exercise plan.

    The draft belongs to a coordinator or conflict manager of the municipality: the
    caller, or whom the caller names (a trainer must name one, as trainers write no
    real plans). Returned as written, even where the caller may not read it afterwards.
    """
    plan = await get_plan(session, principal, plan_id)
    if not plan.is_exercise:
        raise Conflict("Only an exercise plan is copied into a real draft.")
    owner = owner_id or principal.id
    may_own = await session.scalar(
        scoped(User, principal, User.id).where(
            User.id == owner,
            User.is_active.is_(True),
            User.role.in_(_OWNERS),
        )
    )
    if may_own is None:
        raise invalid(
            "body.owner_id",
            "The owner must be an active coordinator or conflict manager of this municipality.",
            "foreign_reference",
        )
    content = content_of(plan)
    for indicator in content.indicators:
        indicator.state = IndicatorState.GREEN
    copy = _draft(principal, plan, content.model_dump(mode="json"))
    copy.owner_id = owner
    session.add(copy)
    _announce(session, principal, copy, "copy", {"from_exercise_plan": str(plan.id)})
    await session.commit()
    await session.refresh(copy)
    return copy


def _draft(
    principal: Principal,
    frame: CrisisPlan | CrisisPlanCreate,
    content: dict[str, Any],
    *,
    lineage_id: uuid.UUID | None = None,
    edition: int = 1,
    training_series_id: uuid.UUID | None = None,
) -> CrisisPlan:
    """A new draft owned by the caller, with ``frame``'s title, area, classification and
    review interval; the first edition of a new plan unless ``lineage_id`` says otherwise."""
    new_id = uuid.uuid4()
    return CrisisPlan(
        id=new_id,
        municipality_id=principal.municipality_id,
        lineage_id=lineage_id or new_id,
        edition=edition,
        title=frame.title,
        area=frame.area,
        classification=frame.classification,
        status=PlanStatus.DRAFT,
        owner_id=principal.id,
        review_interval_months=frame.review_interval_months,
        training_series_id=training_series_id,
        content=content,
    )


def compare(older: CrisisPlan, newer: CrisisPlan) -> dict[str, Any]:
    """What changed between two editions, section by section."""
    sections: list[dict[str, Any]] = []
    frame = ("title", "area", "classification", "review_interval_months")
    changed_frame = [name for name in frame if getattr(older, name) != getattr(newer, name)]
    old, new = content_of(older).model_dump(mode="json"), content_of(newer).model_dump(mode="json")
    for name in PlanContent.model_fields:
        if old[name] == new[name]:
            continue
        if isinstance(old[name], list):
            before = [item for item in old[name] if item not in new[name]]
            after = [item for item in new[name] if item not in old[name]]
        else:
            before, after = [old[name]], [new[name]]
        sections.append({"section": name, "removed": before, "added": after})
    return {"frame": changed_frame, "sections": sections}


async def export_plan(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, kind: str
) -> tuple[str, bytes]:
    """The plan as PDF or as one HTML file; every export is audited."""
    plan = await get_plan(session, principal, plan_id)
    audit.record(
        session,
        "crisis_plan.export",
        principal=principal,
        target=audit.Target("crisis_plan", plan.id),
        details={"format": kind, "edition": plan.edition, "status": plan.status.value},
    )
    await session.commit()
    body = export.render_pdf(plan) if kind == "pdf" else export.render_html(plan).encode()
    return f"krisenpraeventionsplan-fassung-{plan.edition}.{kind}", body
