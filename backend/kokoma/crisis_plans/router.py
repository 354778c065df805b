"""Routes of the crisis-plans API; the rules are in ``service``."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.access.principal import Principal
from kokoma.attachments.owners import AttachmentOwner
from kokoma.attachments.router import add_attachment_routes
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.crisis_plans import activations, service
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.crisis_plans.schemas import (
    ActivationCloseIn,
    ActivationCreate,
    ActivationOut,
    AdoptionIn,
    ComparisonOut,
    CopyIn,
    CrisisPlanCreate,
    CrisisPlanListItemOut,
    CrisisPlanOut,
    CrisisPlanUpdate,
    ExerciseCreate,
    ExerciseOut,
    IndicatorChangeOut,
    IndicatorStateIn,
    LogEntryIn,
    PeopleQuery,
    PersonOut,
    PlanListQuery,
    StepIn,
    TaskIn,
)
from kokoma.errors import invalid

router = APIRouter(prefix="/crisis-plans", tags=["crisis plans"])

PLAN_ATTACHMENTS = AttachmentOwner(
    kind=service.ATTACHMENT_KIND,
    record_path="/{plan_id}",
    id_param="plan_id",
    read=P.CRISIS_PLANS_READ,
    write=P.CRISIS_PLANS_WRITE,
    find=service.attachment_owner,
    # Files change only on drafts and plans in review, which no API client sees.
    events=False,
)
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


@router.get("/people", response_model=Page[PersonOut], responses=problems(400))
async def list_people(
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
    query: Annotated[PeopleQuery, Query()],
) -> Page[PersonOut]:
    """Active users of the municipality, to pick as role holders, deputies, measure
    owners or the owner of a copied draft."""
    items, next_cursor = await service.list_people(session, principal, query)
    return Page(items=[PersonOut.model_validate(u) for u in items], next_cursor=next_cursor)


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


@router.post(
    "/{plan_id}/copy-to-draft",
    status_code=201,
    response_model=CrisisPlanOut,
    responses=problems(404, 409),
)
async def copy_to_draft(
    plan_id: PlanId,
    body: CopyIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
) -> CrisisPlanOut:
    """Copy an exercise plan of a training series into a real draft, the first edition of
    a new plan, owned by a coordinator or conflict manager of the municipality."""
    plan = await service.copy_to_draft(session, principal, plan_id, body.owner_id)
    return _out(response, plan)


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


# --- watching, activating, exercising -------------------------------------------------

Index_ = Annotated[int, Path(ge=0, le=1000, description="Position in the list, from 0.")]
ActivationId = Annotated[uuid.UUID, Path(description="The activation.")]


def _activation(response: Response, activation: object) -> ActivationOut:
    out = ActivationOut.model_validate(activation)
    set_etag(response, out.version)
    return out


@router.post(
    "/{plan_id}/indicators/{key}/state",
    response_model=CrisisPlanOut,
    responses=problems(404, 409, 412, 428),
)
async def set_indicator_state(
    plan_id: PlanId,
    key: Annotated[str, Path(max_length=40, description="The indicator's key.")],
    body: IndicatorStateIn,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
    if_match: IfMatch = None,
) -> CrisisPlanOut:
    """Change an indicator of an adopted plan to green, yellow or red; logged with the reason."""
    plan = await activations.set_indicator_state(
        session, principal, plan_id, key, body.state, body.reason, if_match
    )
    return _out(response, plan)


@router.get(
    "/{plan_id}/indicator-changes",
    response_model=list[IndicatorChangeOut],
    responses=problems(404),
)
async def indicator_changes(
    plan_id: PlanId, session: DbSession, principal: Caller(P.CRISIS_PLANS_READ)
) -> list[IndicatorChangeOut]:
    """Every change of the plan's indicators, newest first."""
    changes = await activations.indicator_log(session, principal, plan_id)
    return [IndicatorChangeOut.model_validate(c) for c in changes]


@router.post(
    "/{plan_id}/activations",
    status_code=201,
    response_model=ActivationOut,
    responses=problems(404, 409),
)
async def start_activation(
    plan_id: PlanId,
    body: ActivationCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_ADOPT),
) -> ActivationOut:
    """Activate an adopted plan at a level, from a red indicator or a decision."""
    activation = await activations.start_activation(session, principal, plan_id, body)
    return _activation(response, activation)


@router.get("/{plan_id}/activations", response_model=list[ActivationOut], responses=problems(404))
async def list_activations(
    plan_id: PlanId, session: DbSession, principal: Caller(P.CRISIS_PLANS_READ)
) -> list[ActivationOut]:
    """The plan's activations, newest first."""
    found = await activations.list_activations(session, principal, plan_id)
    return [ActivationOut.model_validate(a) for a in found]


@router.get(
    "/{plan_id}/activations/{activation_id}",
    response_model=ActivationOut,
    responses=problems(404),
)
async def get_activation(
    plan_id: PlanId,
    activation_id: ActivationId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_READ),
) -> ActivationOut:
    """One activation with its checklist, tasks and log."""
    activation = await activations.get_activation(session, principal, plan_id, activation_id)
    return _activation(response, activation)


def _work_route(
    part: str,
    name: str,
    body_type: type[Any],
    permission: P,
    description: str,
    change: Callable[[Any, int], dict[str, Any]],
) -> None:
    """``POST /{plan_id}/activations/{activation_id}/<part>``: one piece of work on an open
    activation, guarded by If-Match; ``change`` turns the body (and the ``{index}`` of the
    path, where it has one) into the arguments of ``activations.work_activation``."""

    async def work(
        *,
        plan_id: uuid.UUID,
        activation_id: uuid.UUID,
        body: Any,
        response: Response,
        session: Any,
        principal: Principal,
        if_match: str | None = None,
        index: int = 0,
    ) -> ActivationOut:
        activation = await activations.work_activation(
            session, principal, plan_id, activation_id, if_match, **change(body, index)
        )
        return _activation(response, activation)

    types: dict[str, Any] = {
        "plan_id": PlanId,
        "activation_id": ActivationId,
        "body": body_type,
        "response": Response,
        "session": DbSession,
        "principal": Caller(permission),
        "if_match": IfMatch,
        "index": Index_,
    }
    parameters = [
        parameter.replace(annotation=types[parameter.name])
        for parameter in inspect.signature(work).parameters.values()
        if parameter.name != "index"
    ]
    if "{index}" in part:
        parameters.append(
            inspect.Parameter("index", inspect.Parameter.KEYWORD_ONLY, annotation=Index_)
        )
    work.__signature__ = inspect.Signature(parameters, return_annotation=ActivationOut)  # type: ignore[attr-defined]
    router.add_api_route(
        f"/{{plan_id}}/activations/{{activation_id}}/{part}",
        work,
        methods=["POST"],
        name=name,
        description=description,
        response_model=ActivationOut,
        responses=problems(404, 409, 412, 428),
    )


_work_route(
    "steps/{index}",
    "tick_step",
    StepIn,
    P.CRISIS_PLANS_WRITE,
    "Mark a step of the alert chain as reached (or not yet).",
    lambda body, index: {"step": index, "reached": body.reached, "note": body.note},
)
_work_route(
    "tasks/{index}",
    "tick_task",
    TaskIn,
    P.CRISIS_PLANS_WRITE,
    "Mark a task (a measure of the level) as done (or open again).",
    lambda body, index: {"task": index, "done": body.done},
)
_work_route(
    "log",
    "add_log_entry",
    LogEntryIn,
    P.CRISIS_PLANS_WRITE,
    "Add what happened to the activation's log.",
    lambda body, _index: {"entry": body.text},
)
_work_route(
    "close",
    "close_activation",
    ActivationCloseIn,
    P.CRISIS_PLANS_ADOPT,
    "End the activation with a short after-action review.",
    lambda body, _index: {"review": body.review},
)


@router.post(
    "/{plan_id}/exercises",
    status_code=201,
    response_model=ExerciseOut,
    responses=problems(404),
)
async def add_exercise(
    plan_id: PlanId,
    body: ExerciseCreate,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_WRITE),
) -> ExerciseOut:
    """Record an exercise of the plan and what it taught."""
    return ExerciseOut.model_validate(
        await activations.add_exercise(session, principal, plan_id, body)
    )


@router.get("/{plan_id}/exercises", response_model=list[ExerciseOut], responses=problems(404))
async def list_exercises(
    plan_id: PlanId, session: DbSession, principal: Caller(P.CRISIS_PLANS_READ)
) -> list[ExerciseOut]:
    """The plan's exercises, newest first."""
    return [
        ExerciseOut.model_validate(e)
        for e in await activations.list_exercises(session, principal, plan_id)
    ]


# --- for when the system is down ------------------------------------------------------

_FILES = {
    "pdf": ("application/pdf", "PDF for the crisis folder."),
    "html": ("text/html; charset=utf-8", "One HTML file that opens without the server."),
}


@router.get(
    "/{plan_id}/export",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}, "text/html": {}},
            "description": "The plan as PDF or as one self-contained HTML file.",
        },
        **problems(404),
    },
)
async def export_plan(
    plan_id: PlanId,
    session: DbSession,
    principal: Caller(P.CRISIS_PLANS_READ),
    format: Annotated[
        Literal["pdf", "html"], Query(description="`pdf` (default) or `html`.")
    ] = "pdf",
) -> Response:
    """The plan to print or keep offline: alert chain and phone numbers first; audited."""
    filename, body = await service.export_plan(session, principal, plan_id, format)
    return Response(
        content=body,
        media_type=_FILES[format][0],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


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


add_attachment_routes(router, PLAN_ATTACHMENTS)
