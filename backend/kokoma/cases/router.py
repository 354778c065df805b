"""HTTP routes of the cases API; the rules live in ``kokoma.cases.service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import TypeAdapter

from kokoma.access.permissions import Permission as P
from kokoma.access.principal import Principal
from kokoma.attachments.owners import AttachmentOwner
from kokoma.attachments.router import add_attachment_routes
from kokoma.auth.caller import Caller
from kokoma.cases import service
from kokoma.cases.listing import CaseListQuery, TimelineQuery
from kokoma.cases.models import Case
from kokoma.cases.schemas import (
    AssigneesUpdate,
    CaseCreate,
    CaseDetailOut,
    CaseListItem,
    CaseUpdate,
    EscalationLevelOut,
    PartiesUpdate,
    StatusChange,
    TimelineEntryOut,
    TransitionOut,
    Withdrawal,
)
from kokoma.cases.workflow import TRANSITIONS, next_statuses
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(prefix="/cases", tags=["cases"])
WRITE_ERRORS = problems(404, 409, 412, 428)
CASE_ATTACHMENTS = AttachmentOwner(
    kind=service.ATTACHMENT_KIND,
    record_path="/{case_id}",
    id_param="case_id",
    read=P.CASES_READ,
    write=P.CASES_WRITE,
    find=service.attachment_owner,
)
CaseId = Annotated[uuid.UUID, Path(description="The case's id.")]
_CASE_PAGE = TypeAdapter(Page[CaseListItem])


def _out(case: Case, principal: Principal, response: Response) -> CaseDetailOut:
    set_etag(response, case.version)
    out = CaseDetailOut.model_validate(case)
    out.allowed_transitions = next_statuses(
        case.status, case.archived, principal, assigned=principal.id in case.assignee_ids
    )
    return out


@router.get("/escalation-levels", response_model=list[EscalationLevelOut], responses=problems())
async def escalation_levels(_principal: Caller(P.CASES_READ)) -> list[EscalationLevelOut]:
    """Glasl's nine stages with German and English names."""
    return [
        EscalationLevelOut(
            level=level.value,
            code=level.name.lower(),
            label_de=level.label_de,
            label_en=level.label_en,
            phase=level.phase,
        )
        for level in service.escalation_levels()
    ]


@router.get("/status-transitions", response_model=list[TransitionOut], responses=problems())
async def status_transitions(_principal: Caller(P.CASES_READ)) -> list[TransitionOut]:
    """The status workflow: every allowed step."""
    return [TransitionOut.model_validate(t) for t in TRANSITIONS]


@router.get("", response_model=Page[CaseListItem], responses=problems(400))
async def list_cases(
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[CaseListQuery, Query()],
) -> Page[CaseListItem]:
    """Cases the caller may see, filtered and sorted, one page at a time."""
    items, next_cursor = await service.list_cases(session, principal, query)
    # One validation of the whole page: the rows are plain, and Pydantic walks them in
    # one call instead of one call per case.
    return _CASE_PAGE.validate_python({"items": items, "next_cursor": next_cursor})


@router.post("", status_code=201, response_model=CaseDetailOut, responses=problems(409))
async def create_case(
    body: CaseCreate, response: Response, session: DbSession, principal: Caller(P.CASES_WRITE)
) -> CaseDetailOut:
    """Open a case; it gets the next reference number of the municipality and year."""
    return _out(await service.create_case(session, principal, body), principal, response)


@router.get("/{case_id}", response_model=CaseDetailOut, responses=problems(404))
async def get_case(
    case_id: CaseId, response: Response, session: DbSession, principal: Caller(P.CASES_READ)
) -> CaseDetailOut:
    case = await service.get_case(session, principal, case_id)
    set_etag(response, case["version"])
    return CaseDetailOut.model_validate(case)


@router.patch("/{case_id}", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def update_case(
    case_id: CaseId,
    body: CaseUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Change fields of a case. The status changes through `POST /cases/{id}/status`."""
    case = await service.update_case(session, principal, case_id, body, if_match)
    return _out(case, principal, response)


@router.post("/{case_id}/status", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def change_status(
    case_id: CaseId,
    body: StatusChange,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Move the case along the workflow; an illegal step is 409 with the `allowed` targets."""
    case = await service.change_status(session, principal, case_id, body, if_match)
    return _out(case, principal, response)


@router.post("/{case_id}/archive", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def archive_case(
    case_id: CaseId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Archive a closed or referred case; it is kept, read-only, outside the working lists."""
    case = await service.archive_case(session, principal, case_id, if_match)
    return _out(case, principal, response)


@router.post("/{case_id}/withdraw", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def withdraw_case(
    case_id: CaseId,
    body: Withdrawal,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_COORDINATE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Withdraw a case opened by mistake (coordinators): closed as `withdrawn` and archived,
    from any status, with the reason in the timeline."""
    case = await service.withdraw_case(session, principal, case_id, body, if_match)
    return _out(case, principal, response)


@router.put("/{case_id}/assignees", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def replace_assignees(
    case_id: CaseId,
    body: AssigneesUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_COORDINATE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Set who works on the case (coordinators)."""
    case = await service.replace_assignees(session, principal, case_id, body, if_match)
    return _out(case, principal, response)


@router.put("/{case_id}/parties", response_model=CaseDetailOut, responses=WRITE_ERRORS)
async def replace_parties(
    case_id: CaseId,
    body: PartiesUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> CaseDetailOut:
    """Set the network contacts involved and their roles in the conflict."""
    case = await service.replace_parties(session, principal, case_id, body, if_match)
    return _out(case, principal, response)


@router.get(
    "/{case_id}/timeline", response_model=Page[TimelineEntryOut], responses=problems(400, 404)
)
async def case_timeline(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[TimelineQuery, Query()],
) -> Page[TimelineEntryOut]:
    """Every status and escalation change: who, when, from, to and why."""
    items, next_cursor = await service.timeline(session, principal, case_id, query)
    return Page(items=[TimelineEntryOut.model_validate(e) for e in items], next_cursor=next_cursor)


add_attachment_routes(router, CASE_ATTACHMENTS)
