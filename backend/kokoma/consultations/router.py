from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.attachments.owners import AttachmentOwner
from kokoma.attachments.router import Storage, add_attachment_routes
from kokoma.auth.caller import Caller
from kokoma.consultations import service
from kokoma.consultations.models import ConsultationFormat, ConsultationKind
from kokoma.consultations.schemas import (
    CaseConsultationCreate,
    ConsultationCreate,
    ConsultationListItem,
    ConsultationOut,
    ConsultationSort,
    ConsultationUpdate,
)
from kokoma.consultations.service import ConsultationFilters
from kokoma.core.http import Cursor, DbSession, IfMatch, Limit, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, SaneDate

router = APIRouter(tags=["consultations"])
CONSULTATION_ATTACHMENTS = AttachmentOwner(
    kind=service.ATTACHMENT_KIND,
    record_path="/consultations/{consultation_id}",
    id_param="consultation_id",
    read=P.CONSULTATIONS_READ,
    write=P.CONSULTATIONS_WRITE,
    find=service.attachment_owner,
)

CaseId = Annotated[uuid.UUID, Path(description="The case; 404 unless the caller may see it.")]
ConsultationId = Annotated[uuid.UUID, Path(description="The consultation.")]
Sort = Annotated[
    ConsultationSort,
    Query(description="Order by `started_at` or `created_at`; `-` for descending."),
]


def _filters(
    kind: Annotated[
        list[ConsultationKind] | None,
        Query(max_length=len(ConsultationKind), description="Only these kinds (repeatable)."),
    ] = None,
    format: Annotated[ConsultationFormat | None, Query(description="Only this format.")] = None,
    participant_id: Annotated[
        uuid.UUID | None, Query(description="Only consultations this contact took part in.")
    ] = None,
    date_from: Annotated[
        SaneDate | None, Query(description="Started on or after this day (German local time).")
    ] = None,
    date_to: Annotated[
        SaneDate | None, Query(description="Started on or before this day (German local time).")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Words to find in the summary.")
    ] = None,
) -> ConsultationFilters:
    return ConsultationFilters(
        kinds=kind,
        format=format,
        participant_id=participant_id,
        date_from=date_from,
        date_to=date_to,
        q=q,
    )


Filters = Annotated[ConsultationFilters, Depends(_filters)]


def _page(items: Sequence[object], next_cursor: str | None) -> Page[ConsultationListItem]:
    return Page(
        items=[ConsultationListItem.model_validate(c) for c in items], next_cursor=next_cursor
    )


@router.get("/consultations", response_model=Page[ConsultationListItem], responses=problems(400))
async def list_consultations(
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_READ),
    filters: Filters,
    case_id: Annotated[uuid.UUID | None, Query(description="Only this case's.")] = None,
    with_case: Annotated[
        bool | None, Query(description="Only those with a case (true) or without one (false).")
    ] = None,
    sort: Sort = ConsultationSort.STARTED_DESC,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ConsultationListItem]:
    """Consultations the caller may see, newest first; confidential notes are never listed."""
    items, next_cursor = await service.list_consultations(
        session,
        principal,
        replace(filters, case_id=case_id, with_case=with_case),
        sort=sort,
        limit=limit,
        cursor=cursor,
    )
    return _page(items, next_cursor)


@router.post(
    "/consultations", status_code=201, response_model=ConsultationOut, responses=problems(404, 409)
)
async def create_consultation(
    body: ConsultationCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_WRITE),
) -> ConsultationOut:
    """Document a consultation; 404 for an unknown case or participant, 409 for an archived case."""
    consultation = await service.create_consultation(session, principal, body, body.case_id)
    set_etag(response, consultation.version)
    return ConsultationOut.model_validate(consultation)


@router.get(
    "/cases/{case_id}/consultations",
    response_model=Page[ConsultationListItem],
    responses=problems(400, 404),
)
async def list_case_consultations(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_READ),
    filters: Filters,
    sort: Sort = ConsultationSort.STARTED_DESC,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ConsultationListItem]:
    """The consultations of a case; 404 when the case is not visible to the caller."""
    items, next_cursor = await service.list_case_consultations(
        session, principal, case_id, filters, sort=sort, limit=limit, cursor=cursor
    )
    return _page(items, next_cursor)


@router.post(
    "/cases/{case_id}/consultations",
    status_code=201,
    response_model=ConsultationOut,
    responses=problems(404, 409),
)
async def create_case_consultation(
    case_id: CaseId,
    body: CaseConsultationCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_WRITE),
) -> ConsultationOut:
    """Document a consultation of the case; 409 when the case is archived."""
    consultation = await service.create_consultation(session, principal, body, case_id)
    set_etag(response, consultation.version)
    return ConsultationOut.model_validate(consultation)


@router.get(
    "/consultations/{consultation_id}", response_model=ConsultationOut, responses=problems(404)
)
async def get_consultation(
    consultation_id: ConsultationId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_READ),
    notes: Annotated[
        bool,
        Query(
            description="`false` leaves the confidential notes out (null), and the read is "
            "not audited: for showing a consultation until someone asks for its notes."
        ),
    ] = True,
) -> ConsultationOut:
    """The consultation with its confidential notes; the read is written to the audit log."""
    consultation = await service.read_consultation(
        session, principal, consultation_id, with_notes=notes
    )
    set_etag(response, consultation.version)
    out = ConsultationOut.model_validate(consultation)
    if not notes:
        out.confidential_notes = None
    return out


@router.patch(
    "/consultations/{consultation_id}",
    response_model=ConsultationOut,
    responses=problems(404, 409, 412, 428),
)
async def update_consultation(
    consultation_id: ConsultationId,
    body: ConsultationUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_WRITE),
    if_match: IfMatch = None,
) -> ConsultationOut:
    """Change a consultation; 409 when moving it to an archived case."""
    consultation = await service.update_consultation(
        session, principal, consultation_id, body, if_match
    )
    set_etag(response, consultation.version)
    return ConsultationOut.model_validate(consultation)


@router.delete(
    "/consultations/{consultation_id}",
    status_code=204,
    responses=problems(404, 412, 428),
)
async def delete_consultation(
    consultation_id: ConsultationId,
    session: DbSession,
    storage: Storage,
    principal: Caller(P.CONSULTATIONS_WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Delete a consultation together with its attachments."""
    await service.delete_consultation(session, principal, consultation_id, if_match, storage)
    return Response(status_code=204)


add_attachment_routes(router, CONSULTATION_ATTACHMENTS)
