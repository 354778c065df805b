"""Watching and using an adopted plan: indicator states with their log, activations with
the alert chain as a checklist and the level's measures as tasks, and exercises."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.access import get_visible_case
from kokoma.cases.models import CaseTimelineEntry
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.tenancy import load_one, scoped
from kokoma.crisis_plans.models import (
    ActivationStatus,
    Classification,
    CrisisPlan,
    CrisisPlanActivation,
    CrisisPlanExercise,
    IndicatorChange,
    PlanStatus,
)
from kokoma.crisis_plans.schemas import (
    ActivationCreate,
    ExerciseCreate,
    IndicatorState,
    PlanContent,
)
from kokoma.crisis_plans.service import get_plan
from kokoma.db import utcnow
from kokoma.errors import Conflict, invalid
from kokoma.events.outbox import publish
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify


def _record(
    session: AsyncSession,
    principal: Principal,
    plan: CrisisPlan,
    action: str,
    details: dict[str, Any],
    event: str | None = None,
) -> None:
    audit.record(
        session,
        f"crisis_plan.{action}",
        principal=principal,
        target=audit.Target("crisis_plan", plan.id),
        details=details,
    )
    if event and plan.classification is Classification.INTERNAL and not plan.is_exercise:
        publish(
            session,
            municipality_id=plan.municipality_id,
            event_type=event,
            resource_id=plan.id,
            data={"crisis_plan_id": str(plan.id), **details},
        )


async def set_indicator_state(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    key: str,
    state: IndicatorState,
    reason: str,
    if_match: str | None,
) -> CrisisPlan:
    """Change what an indicator shows now; logged with who, when and why."""
    plan = await get_plan(session, principal, plan_id)
    check_if_match(if_match, plan.version)
    if plan.status is not PlanStatus.ADOPTED:
        raise Conflict("Indicators are watched on adopted plans; in a draft, edit the plan.")
    content = PlanContent.model_validate(plan.content)
    indicator = next((i for i in content.indicators if i.key == key), None)
    if indicator is None:
        raise invalid("path.key", f"The indicator '{key}' is not in the plan.")
    before = indicator.state
    indicator.state = state
    plan.content = content.model_dump(mode="json")
    plan.updated_at = utcnow()
    session.add(
        IndicatorChange(
            municipality_id=plan.municipality_id,
            plan_id=plan.id,
            indicator_key=key,
            from_state=before.value,
            to_state=state.value,
            reason=reason,
            changed_by_id=principal.id,
            changed_by_name=principal.label,
        )
    )
    _record(
        session,
        principal,
        plan,
        "indicator_state",
        {"indicator": key, "from": before.value, "to": state.value},
    )
    await commit_versioned(session)
    return await get_plan(session, principal, plan_id)


Record = TypeVar("Record", IndicatorChange, CrisisPlanActivation, CrisisPlanExercise)


async def _newest_first(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    model: type[Record],
    when: InstrumentedAttribute[Any],
) -> list[Record]:
    """A visible plan's records of one kind, newest first; 404 for a plan not visible."""
    await get_plan(session, principal, plan_id)
    stmt = scoped(model, principal).where(model.plan_id == plan_id).order_by(when.desc())
    return list(await session.scalars(stmt))


async def indicator_log(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID
) -> list[IndicatorChange]:
    return await _newest_first(
        session, principal, plan_id, IndicatorChange, IndicatorChange.changed_at
    )


# From this level on, the people of the alert chain are e-mailed at once, besides the
# calls the chain itself prescribes.
MAIL_FROM_LEVEL = 2


async def _alert_by_mail(
    session: AsyncSession, plan_id: uuid.UUID, content: PlanContent, level: int
) -> None:
    """E-mail holders and deputies (with an account) of every role in the level's alert
    chain: the level and a link to the plan, nothing of the situation."""
    if level < MAIL_FROM_LEVEL:
        return
    keys = {
        key
        for step in content.alert_chain
        if step.level == level
        for key in (step.from_role, step.to_role, step.fallback_role)
        if key
    }
    people = {
        person.user_id
        for role in content.roles
        if role.key in keys
        for person in (role.holder, role.deputy)
        if person.user_id
    }
    for user_id in sorted(people, key=str):
        await notify(
            session,
            user_id=user_id,
            kind=MailKind.CRISIS_ACTIVATION,
            params={"level": level},
            link_path=f"/crisis-plans/{plan_id}",
        )


async def start_activation(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, data: ActivationCreate
) -> CrisisPlanActivation:
    """Activate an adopted plan at a level: from a red indicator or a manual decision."""
    plan = await get_plan(session, principal, plan_id)
    if plan.status is not PlanStatus.ADOPTED or plan.is_exercise:
        raise Conflict("Only an adopted plan is activated.")
    content = PlanContent.model_validate(plan.content)
    if data.indicator_key is not None:
        indicator = next((i for i in content.indicators if i.key == data.indicator_key), None)
        if indicator is None:
            raise invalid("body.indicator_key", "The indicator is not in the plan.")
        if indicator.state is not IndicatorState.RED:
            raise invalid("body.indicator_key", "Only a red indicator activates the plan.")
    running = await session.scalar(
        scoped(CrisisPlanActivation, principal, CrisisPlanActivation.id).where(
            CrisisPlanActivation.plan_id == plan.id,
            CrisisPlanActivation.status == ActivationStatus.OPEN,
        )
    )
    if running is not None:
        raise Conflict("The plan is already active; close that activation first.")
    if data.case_id is not None:
        await get_visible_case(session, principal, data.case_id)
    steps = [s for s in content.alert_chain if s.level == data.level]
    measures = [m for m in content.measures if m.level == data.level]
    activation = CrisisPlanActivation(
        id=uuid.uuid4(),
        municipality_id=plan.municipality_id,
        plan_id=plan.id,
        level=data.level,
        case_id=data.case_id,
        indicator_key=data.indicator_key,
        reason=data.reason,
        started_by_id=principal.id,
        started_by_name=principal.label,
        status=ActivationStatus.OPEN,
        checklist=[{**s.model_dump(mode="json"), "reached_at": None, "note": ""} for s in steps],
        tasks=[
            {
                "action": m.action,
                "phase": m.phase.value,
                "owner_role": m.owner_role,
                "due_on": m.due_on.isoformat() if m.due_on else None,
                "done_at": None,
            }
            for m in measures
        ],
        log=[],
    )
    session.add(activation)
    await _alert_by_mail(session, plan.id, content, data.level)
    if data.case_id is not None:
        session.add(
            CaseTimelineEntry(
                case_id=data.case_id,
                change="crisis_plan",
                from_value=None,
                to_value=f"level_{data.level}",
                note=f"{plan.title}: {data.reason}"[:2000],
                actor_id=principal.id,
                actor_name=principal.label,
            )
        )
    _record(
        session,
        principal,
        plan,
        "activate",
        {
            "activation_id": str(activation.id),
            "level": data.level,
            "case_id": str(data.case_id) if data.case_id else None,
            "indicator": data.indicator_key,
        },
        "crisis_plan.activated",
    )
    await commit_versioned(session)
    return await get_activation(session, principal, plan_id, activation.id)


async def get_activation(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, activation_id: uuid.UUID
) -> CrisisPlanActivation:
    await get_plan(session, principal, plan_id)
    found: CrisisPlanActivation = await load_one(
        session,
        scoped(CrisisPlanActivation, principal).where(
            CrisisPlanActivation.id == activation_id, CrisisPlanActivation.plan_id == plan_id
        ),
        what="Activation",
    )
    return found


async def list_activations(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID
) -> list[CrisisPlanActivation]:
    return await _newest_first(
        session, principal, plan_id, CrisisPlanActivation, CrisisPlanActivation.started_at
    )


async def work_activation(
    session: AsyncSession,
    principal: Principal,
    plan_id: uuid.UUID,
    activation_id: uuid.UUID,
    if_match: str | None,
    *,
    step: int | None = None,
    reached: bool = True,
    note: str = "",
    task: int | None = None,
    done: bool = True,
    entry: str | None = None,
    review: str | None = None,
) -> CrisisPlanActivation:
    """Tick a step of the alert chain or a task, add to the log, or close with a review."""
    activation = await get_activation(session, principal, plan_id, activation_id)
    check_if_match(if_match, activation.version)
    if activation.status is ActivationStatus.CLOSED:
        raise Conflict("The activation is closed.")
    now = utcnow().isoformat()
    details: dict[str, Any] = {"activation_id": str(activation.id)}
    if step is not None:
        checklist = [dict(item) for item in activation.checklist]
        if not 0 <= step < len(checklist):
            raise invalid("path.index", "There is no such step.")
        checklist[step]["reached_at"] = now if reached else None
        checklist[step]["note"] = note
        activation.checklist = checklist
        details["step"] = step
    if task is not None:
        tasks = [dict(item) for item in activation.tasks]
        if not 0 <= task < len(tasks):
            raise invalid("path.index", "There is no such task.")
        tasks[task]["done_at"] = now if done else None
        activation.tasks = tasks
        details["task"] = task
    if entry is not None:
        activation.log = [*activation.log, {"at": now, "by": principal.label, "text": entry}]
        details["log"] = True
    if review is not None:
        activation.review = review
        activation.status = ActivationStatus.CLOSED
        activation.ended_at = utcnow()
        details["closed"] = True
    activation.updated_at = utcnow()
    plan = await get_plan(session, principal, plan_id)
    _record(session, principal, plan, "activation_update", details)
    await commit_versioned(session)
    return await get_activation(session, principal, plan_id, activation_id)


async def add_exercise(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID, data: ExerciseCreate
) -> CrisisPlanExercise:
    plan = await get_plan(session, principal, plan_id)
    content = PlanContent.model_validate(plan.content)
    if data.scenario_key and data.scenario_key not in {s.key for s in content.scenarios}:
        raise invalid("body.scenario_key", "The scenario is not in the plan.")
    exercise = CrisisPlanExercise(
        municipality_id=plan.municipality_id,
        plan_id=plan.id,
        recorded_by_id=principal.id,
        **data.model_dump(),
    )
    session.add(exercise)
    await session.flush()
    _record(session, principal, plan, "exercise", {"exercise_id": str(exercise.id)})
    await session.commit()
    return exercise


async def list_exercises(
    session: AsyncSession, principal: Principal, plan_id: uuid.UUID
) -> list[CrisisPlanExercise]:
    return await _newest_first(
        session, principal, plan_id, CrisisPlanExercise, CrisisPlanExercise.held_on
    )
