"""HTTP routes of referrals; the rules live in ``kokoma.referrals.service``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page, PageQuery
from kokoma.referrals import service
from kokoma.referrals.models import Referral
from kokoma.referrals.schemas import (
    ReferralCreate,
    ReferralListQuery,
    ReferralOut,
    ReferralUpdate,
)

router = APIRouter(tags=["referrals"])

CaseId = Annotated[uuid.UUID, Path(description="The case; 404 unless the caller may see it.")]
ReferralId = Annotated[uuid.UUID, Path(description="The referral.")]


def _out(referral: Referral, response: Response | None = None) -> ReferralOut:
    if response is not None:
        set_etag(response, referral.version)
    out = ReferralOut.model_validate(referral)
    out.allowed_statuses = service.allowed_statuses(referral)
    return out


def _page(items: list[Referral], next_cursor: str | None) -> Page[ReferralOut]:
    return Page(items=[_out(r) for r in items], next_cursor=next_cursor)


@router.get("/referrals", response_model=Page[ReferralOut], responses=problems(400))
async def list_referrals(
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[ReferralListQuery, Query()],
) -> Page[ReferralOut]:
    """Referrals of the cases the caller may see, newest first."""
    return _page(*await service.list_referrals(session, principal, query))


@router.get(
    "/cases/{case_id}/referrals", response_model=Page[ReferralOut], responses=problems(400, 404)
)
async def list_case_referrals(
    case_id: CaseId,
    session: DbSession,
    principal: Caller(P.CASES_READ),
    query: Annotated[PageQuery, Query()],
) -> Page[ReferralOut]:
    """The referrals of one case, newest first."""
    await service.check_case_visible(session, principal, case_id)
    return _page(*await service.list_referrals(session, principal, query, case_id=case_id))


@router.post(
    "/cases/{case_id}/referrals",
    status_code=201,
    response_model=ReferralOut,
    responses=problems(404, 409),
)
async def create_referral(
    case_id: CaseId,
    body: ReferralCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
) -> ReferralOut:
    """Record a referral of the case to a network contact (or a body named in words)."""
    return _out(await service.create_referral(session, principal, case_id, body), response)


@router.get("/referrals/{referral_id}", response_model=ReferralOut, responses=problems(404))
async def get_referral(
    referral_id: ReferralId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_READ),
) -> ReferralOut:
    return _out(await service.get_referral(session, principal, referral_id), response)


@router.patch(
    "/referrals/{referral_id}",
    response_model=ReferralOut,
    responses=problems(404, 409, 412, 428),
)
async def update_referral(
    referral_id: ReferralId,
    body: ReferralUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CASES_WRITE),
    if_match: IfMatch = None,
) -> ReferralOut:
    """Change a referral: its status (proposed → agreed → completed, or declined), the
    receiving body's answer, the follow-up date, …; a status change lands in the timeline."""
    referral = await service.update_referral(session, principal, referral_id, body, if_match)
    return _out(referral, response)
