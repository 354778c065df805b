"""Routes of the crisis-plans API; the rules are in ``service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.access.principal import Principal
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.crisis_plans import service
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.crisis_plans.schemas import (
    AdoptionIn,
    ComparisonOut,
    CrisisPlanCreate,
    CrisisPlanListItemOut,
    CrisisPlanOut,
    CrisisPlanUpdate,
    PlanListQuery,
)
from kokoma.errors import invalid

router = APIRouter(prefix="/crisis-plans", tags=["crisis plans"])

PlanId = Annotated[uuid.UUID, Path(description="The plan edition; 404 unless visible.")]


def _out(response: Response, plan: CrisisPlan) -> CrisisPlanOut:
    set_etag(response, plan.version)
    return CrisisPlanOut.model_validate(plan)


@router.get("", response_model=Page[CrisisPlanListItemOut], responses=problems(400))
async def list_plans(
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_READ),
    query: Annotated[PlanListQuery, Query()],
) -> Page[CrisisPlanListItemOut]:
    """The plans the caller may read."""
    items, next_cursor = await service.list_plans(session, principal, query)
    return Page(
        items=[CrisisPlanListItemOut.model_validate(p) for p in items], next_cursor=next_cursor
    )


@router.post("", status_code=201, response_model=CrisisPlanOut, responses=problems())
async def create_plan(
    body: CrisisPlanCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
) -> CrisisPlanOut:
    """Start a draft plan owned by the caller."""
    return _out(response, await service.create_plan(session, principal, body))


@router.get("/{plan_id}", response_model=CrisisPlanOut, responses=problems(404))
async def get_plan(
    plan_id: PlanId, response: Response, session: DbSession, principal: Caller(P.CRISIS_PLANS_READ)
) -> CrisisPlanOut:
    """A plan with all its sections."""
    return _out(response, await service.get_plan(session, principal, plan_id))


@router.patch("/{plan_id}", response_model=CrisisPlanOut, responses=problems(404, 409, 412, 428))
async def update_plan(
    plan_id: PlanId,
    body: CrisisPlanUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
    if_match: IfMatch = None,
) -> CrisisPlanOut:
    """Change a draft or a plan in review; 409 for an adopted plan."""
    plan = await service.update_plan(session, principal, plan_id, body, if_match)
    return _out(response, plan)


@router.post(
    "/{plan_id}/adopt", response_model=CrisisPlanOut, responses=problems(404, 409, 412, 428)
)
async def adopt_plan(
    plan_id: PlanId,
    body: AdoptionIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_ADOPT),
    if_match: IfMatch = None,
) -> CrisisPlanOut:
    """Adopt the plan on the steering group's decision; it becomes read-only and the
    edition adopted before it is withdrawn."""
    plan = await service.change_status(
        session, principal, plan_id, "adopt", if_match, note=body.note
    )
    return _out(response, plan)


@router.post(
    "/{plan_id}/editions",
    status_code=201,
    response_model=CrisisPlanOut,
    responses=problems(404, 409),
)
async def new_edition(
    plan_id: PlanId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
) -> CrisisPlanOut:
    """Start the next edition of an adopted or withdrawn plan as a draft copy."""
    return _out(response, await service.new_edition(session, principal, plan_id))


@router.get("/{plan_id}/compare", response_model=ComparisonOut, responses=problems(404))
async def compare_editions(
    plan_id: PlanId,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_READ),
    other: Annotated[uuid.UUID, Query(description="Another edition of the same plan.")],
) -> ComparisonOut:
    """What changed from ``other`` to this edition."""
    newer = await service.get_plan(session, principal, plan_id)
    older = await service.get_plan(session, principal, other)
    if older.lineage_id != newer.lineage_id:
        raise invalid("query.other", "Compare editions of the same plan.")
    return ComparisonOut.model_validate(service.compare(older, newer))


def _status_route(action: str, permission: P, summary: str) -> None:
    """``POST /{plan_id}/<action>``: a status change without a body, guarded by If-Match."""

    async def move(
        plan_id: PlanId,
        response: Response,
        session: DbSession,
        principal: Principal,
        if_match: IfMatch = None,
    ) -> CrisisPlanOut:
        plan = await service.change_status(session, principal, plan_id, action, if_match)
        return _out(response, plan)

    # Annotations are read as text in this module's namespace; the permission is local.
    move.__annotations__["principal"] = Caller(permission)

    router.add_api_route(
        f"/{{plan_id}}/{action}",
        move,
        methods=["POST"],
        name=f"{action}_plan",
        summary=summary,
        response_model=CrisisPlanOut,
        responses=problems(404, 409, 412, 428),
    )


_status_route("submit", P.CRISIS_PLANS_WRITE, "Hand a draft in for review")
_status_route("return", P.CRISIS_PLANS_WRITE, "Send a plan in review back to draft")
_status_route("withdraw", P.CRISIS_PLANS_ADOPT, "Withdraw an adopted plan")
