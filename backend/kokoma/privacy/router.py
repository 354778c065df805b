from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.attachments.storage import storage_for
from kokoma.auth.caller import Caller
from kokoma.core.calendar import local_today
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.privacy import access, erasure, feedback, holds, pdf, policies, texts
from kokoma.privacy.models import TextKind
from kokoma.privacy.schemas import (
    AccessReport,
    AccessRequest,
    ErasureApprove,
    ErasureCreate,
    ErasureListQuery,
    ErasureOut,
    ErasureReject,
    FeedbackCreate,
    FeedbackListQuery,
    FeedbackOut,
    FeedbackReceived,
    LegalHoldCreate,
    LegalHoldListQuery,
    LegalHoldOut,
    PeopleFound,
    PeopleQuery,
    PrivacyTextOut,
    PrivacyTextUpdate,
    PublicTexts,
    PublicTextsMunicipality,
    RetentionPolicyOut,
    RetentionPolicyUpdate,
    Upcoming,
)

router = APIRouter(prefix="/privacy", tags=["privacy"])
public_router = APIRouter(prefix="/accessibility", tags=["accessibility"])
public_texts_router = APIRouter(prefix="/public/privacy", tags=["public"])

ErasureId = Annotated[uuid.UUID, Path(description="The erasure request.")]
HoldId = Annotated[uuid.UUID, Path(description="The legal hold.")]
Kind = Annotated[
    TextKind,
    Path(description="`processing_record`, `privacy_notice` or `enforcement_body`."),
]
Slug = Annotated[str, Path(max_length=40, description="The municipality's short name.")]


@router.get("/people", response_model=PeopleFound, responses=problems())
async def find_people(
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
    query: Annotated[PeopleQuery, Query()],
) -> PeopleFound:
    """Records that may be the person asking for access or erasure, to pick from."""
    return await access.find_people(session, principal, query.q)


@router.post(
    "/access-reports",
    response_model=AccessReport,
    responses={
        200: {
            "content": {"application/pdf": {}},
            "description": "The export as JSON, or as PDF with `format=pdf`.",
        },
        **problems(404),
    },
)
async def access_report(
    body: AccessRequest,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
    format: Annotated[
        Literal["json", "pdf"], Query(description="`json` (default) or `pdf`.")
    ] = "json",
) -> Response:
    """Everything stored about a person (GDPR Art. 15), with purposes, legal bases,
    recipients and retention periods; audited."""
    report = await access.access_report(session, principal, settings, body, format)
    headers = {"Cache-Control": "no-store"}
    if format == "pdf":
        headers["Content-Disposition"] = 'attachment; filename="auskunft.pdf"'
        return Response(pdf.render(report), media_type="application/pdf", headers=headers)
    headers["Content-Disposition"] = 'attachment; filename="auskunft.json"'
    return Response(
        report.model_dump_json(indent=2), media_type="application/json", headers=headers
    )


@router.get("/erasures", response_model=Page[ErasureOut], responses=problems(400))
async def list_erasures(
    session: DbSession,
    principal: Caller(P.PRIVACY_REQUEST),
    query: Annotated[ErasureListQuery, Query()],
) -> Page[ErasureOut]:
    """Erasure requests, newest first; who may only ask sees their own."""
    items, next_cursor = await erasure.list_erasures(session, principal, query)
    return Page(items=items, next_cursor=next_cursor)


@router.post("/erasures", status_code=201, response_model=ErasureOut, responses=problems(404, 409))
async def request_erasure(
    body: ErasureCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_REQUEST),
) -> ErasureOut:
    """Ask for a person's erasure (GDPR Art. 17); a coordinator confirms it.

    409 when a legal hold on one of the person's cases blocks it; 422 when the person
    is a party of open cases and `confirm_open_cases` is not true."""
    out = await erasure.request_erasure(session, principal, body)
    set_etag(response, out.version)
    return out


@router.get("/erasures/{request_id}", response_model=ErasureOut, responses=problems(404))
async def get_erasure(
    request_id: ErasureId,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_REQUEST),
) -> ErasureOut:
    """The request with the person's cases and, while it waits, the free text naming them."""
    out = await erasure.get_erasure(session, principal, request_id)
    set_etag(response, out.version)
    return out


@router.post(
    "/erasures/{request_id}/approve",
    response_model=ErasureOut,
    responses=problems(403, 404, 409, 412, 428),
)
async def approve_erasure(
    request_id: ErasureId,
    body: ErasureApprove,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
    if_match: IfMatch = None,
) -> ErasureOut:
    """Carry out the erasure, redacting the chosen mentions and deleting the chosen
    files. Irreversible; 403 when the
    requester confirms their own request and the municipality has a second coordinator."""
    out = await erasure.approve(
        session, principal, request_id, body, if_match, storage_for(settings)
    )
    set_etag(response, out.version)
    return out


@router.post(
    "/erasures/{request_id}/reject",
    response_model=ErasureOut,
    responses=problems(404, 409, 412, 428),
)
async def reject_erasure(
    request_id: ErasureId,
    body: ErasureReject,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
    if_match: IfMatch = None,
) -> ErasureOut:
    out = await erasure.reject(session, principal, request_id, body, if_match)
    set_etag(response, out.version)
    return out


@router.get("/legal-holds", response_model=Page[LegalHoldOut], responses=problems(400))
async def list_legal_holds(
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
    query: Annotated[LegalHoldListQuery, Query()],
) -> Page[LegalHoldOut]:
    items, next_cursor = await holds.list_holds(session, principal, query)
    return Page(items=[LegalHoldOut.model_validate(h) for h in items], next_cursor=next_cursor)


@router.post(
    "/legal-holds", status_code=201, response_model=LegalHoldOut, responses=problems(404, 409)
)
async def place_legal_hold(
    body: LegalHoldCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
) -> LegalHoldOut:
    """Keep a case from erasure and retention, with the reason; 409 if it is held already."""
    hold = await holds.place(session, principal, body)
    set_etag(response, hold.version)
    return LegalHoldOut.model_validate(hold)


@router.get("/legal-holds/{hold_id}", response_model=LegalHoldOut, responses=problems(404))
async def get_legal_hold(
    hold_id: HoldId,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
) -> LegalHoldOut:
    hold = await holds.get(session, principal, hold_id)
    set_etag(response, hold.version)
    return LegalHoldOut.model_validate(hold)


@router.post(
    "/legal-holds/{hold_id}/release",
    response_model=LegalHoldOut,
    responses=problems(404, 409, 412, 428),
)
async def release_legal_hold(
    hold_id: HoldId,
    response: Response,
    session: DbSession,
    principal: Caller(P.PRIVACY_MANAGE),
    if_match: IfMatch = None,
) -> LegalHoldOut:
    hold = await holds.release(session, principal, hold_id, if_match)
    set_etag(response, hold.version)
    return LegalHoldOut.model_validate(hold)


@router.get("/accessibility-feedback", response_model=Page[FeedbackOut], responses=problems(400))
async def list_feedback(
    session: DbSession,
    principal: Caller(P.ACCESSIBILITY_FEEDBACK_READ),
    query: Annotated[FeedbackListQuery, Query()],
) -> Page[FeedbackOut]:
    """Barriers reported through the accessibility statement, newest first."""
    items, next_cursor = await feedback.list_feedback(session, principal, query)
    return Page(items=[FeedbackOut.model_validate(f) for f in items], next_cursor=next_cursor)


@public_router.post(
    "/feedback", status_code=202, response_model=FeedbackReceived, responses=problems(429)
)
async def submit_feedback(body: FeedbackCreate, session: DbSession) -> FeedbackReceived:
    """Public, no sign-in: report a barrier on this site (BITV 2.0); stored for the
    coordinators of the named municipality and the administration."""
    await feedback.submit(session, body)
    return FeedbackReceived(received_on=local_today())


@router.get("/retention-policy", response_model=RetentionPolicyOut, responses=problems())
async def get_retention_policy(
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
) -> RetentionPolicyOut:
    """The municipality's retention periods; `version` 0 while the defaults apply."""
    out = await policies.get(session, principal, settings)
    set_etag(response, out.version)
    return out


@router.put("/retention-policy", response_model=RetentionPolicyOut, responses=problems(412, 428))
async def set_retention_policy(
    body: RetentionPolicyUpdate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
    if_match: IfMatch = None,
) -> RetentionPolicyOut:
    """Set the periods (`If-Match: "0"` the first time); at least one year each."""
    out = await policies.update(session, principal, settings, body, if_match)
    set_etag(response, out.version)
    return out


@router.get("/upcoming", response_model=Upcoming, responses=problems())
async def upcoming(
    session: DbSession, settings: AppSettings, principal: Caller(P.PRIVACY_MANAGE)
) -> Upcoming:
    """What the next retention runs will anonymise or delete within 30 days, to put a hold
    on a case or renew a contact's consent in time."""
    return await policies.upcoming(session, principal, settings)


@router.get("/texts/{kind}", response_model=PrivacyTextOut, responses=problems(404))
async def get_text(
    kind: Kind,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
) -> PrivacyTextOut:
    """The municipality's record of processing activities (Art. 30), privacy notice or
    enforcement body; written from its configuration until it saves its own."""
    out = await texts.get(session, principal, settings, kind)
    set_etag(response, out.version)
    return out


@router.put("/texts/{kind}", response_model=PrivacyTextOut, responses=problems(404, 412, 428))
async def save_text(
    kind: Kind,
    body: PrivacyTextUpdate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
    if_match: IfMatch = None,
) -> PrivacyTextOut:
    """Keep the municipality's own version (`If-Match: "0"` the first time); audited."""
    out = await texts.save(session, principal, settings, kind, body, if_match)
    set_etag(response, out.version)
    return out


@router.get(
    "/texts/{kind}/pdf",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The text as PDF."},
        **problems(404),
    },
)
async def text_pdf(
    kind: Kind,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(P.PRIVACY_MANAGE),
) -> Response:
    """The current text as a PDF (the Art. 30 record for the officer's files)."""
    body = await texts.pdf(session, principal, settings, kind)
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{kind.value}.pdf"',
            "Cache-Control": "no-store",
        },
    )


@public_texts_router.get("", response_model=list[PublicTextsMunicipality], responses=problems())
async def public_municipalities(session: DbSession) -> list[PublicTextsMunicipality]:
    """Public, no sign-in: the municipalities whose privacy notice and accessibility
    contact can be read."""
    return await texts.municipalities(session)


@public_texts_router.get("/{slug}", response_model=PublicTexts, responses=problems(404))
async def public_texts(slug: Slug, session: DbSession, settings: AppSettings) -> PublicTexts:
    """Public, no sign-in: a municipality's privacy notice and the enforcement body of its
    accessibility statement (`is_default` while it has not written its own)."""
    return await texts.public(session, settings, slug)
