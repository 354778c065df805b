from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import TypeAdapter

from kokoma.access.permissions import Permission as P
from kokoma.attachments.owners import AttachmentOwner
from kokoma.attachments.router import Storage, add_attachment_routes
from kokoma.auth.caller import Caller
from kokoma.consultations import service
from kokoma.consultations.schemas import (
    CaseConsultationCreate,
    CaseConsultationQuery,
    ConsultationCreate,
    ConsultationListItem,
    ConsultationListQuery,
    ConsultationOut,
    ConsultationUpdate,
)
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(tags=["consultations"])
CONSULTATION_ATTACHMENTS = AttachmentOwner(
    kind=service.ATTACHMENT_KIND,
    record_path="/consultations/{consultation_id}",
    id_param="consultation_id",
    read=P.CONSULTATIONS_READ,
    write=P.CONSULTATIONS_WRITE,
    find=service.attachment_owner,
    event_context=service.event_context,
)

CaseId = Annotated[uuid.UUID, Path(description="The case; 404 unless the caller may see it.")]
ConsultationId = Annotated[uuid.UUID, Path(description="The consultation.")]

_CONSULTATION_PAGE = TypeAdapter(Page[ConsultationListItem])


def _page(items: Sequence[object], next_cursor: str | None) -> Page[ConsultationListItem]:
    return _CONSULTATION_PAGE.validate_python({"items": items, "next_cursor": next_cursor})


@router.get("/consultations", response_model=Page[ConsultationListItem], responses=problems(400))
async def list_consultations(
    session: DbSession,
    principal: Caller(P.CONSULTATIONS_READ),
    query: Annotated[ConsultationListQuery, Query()],
) -> Page[ConsultationListItem]:
    """Consultations the caller may see, newest first; confidential notes are never listed."""
    items, next_cursor = await service.list_consultations(session, principal, query)
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
    query: Annotated[CaseConsultationQuery, Query()],
) -> Page[ConsultationListItem]:
    """The consultations of a case; 404 when the case is not visible to the caller."""
    items, next_cursor = await service.list_case_consultations(session, principal, case_id, query)
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
    """The consultation; its confidential notes (audited) only for those handling the case."""
    consultation = await service.read_consultation(session, principal, consultation_id)
    set_etag(response, consultation.version)
    out = ConsultationOut.model_validate(consultation)
    out.confidential_notes = (
        await service.readable_notes(session, principal, consultation) if notes else None
    )
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
    out = ConsultationOut.model_validate(consultation)
    if "confidential_notes" not in body.model_fields_set:
        # Notes the caller did not just write: a read, for those who may read them.
        out.confidential_notes = await service.readable_notes(session, principal, consultation)
    return out


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
