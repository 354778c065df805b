"""HTTP routes of the contact point; the rules live in ``kokoma.intake.service``.

Two public routes (the page and its form) need no sign-in: they are rate-limited per
address (and the form per municipality) and answer nothing but the page and a
reference. Everything else is the inbox and the page's upkeep, behind permissions.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.intake import service
from kokoma.intake.models import HelpRequest
from kokoma.intake.schemas import (
    ContactPageOut,
    ContactPageUpdate,
    HelpRequestListQuery,
    HelpRequestOut,
    IntakeRequestCreate,
    ListingOut,
    ListingUpdate,
    PlaceRef,
    PublicPage,
    PublicRequestCreate,
    RequestAnswer,
    RequestCounts,
    RequestDecline,
    RequestMerge,
    RequestReceipt,
    RequestStatistics,
    RequestToCase,
    StaffRequestCreate,
)
from kokoma.ratelimit import PublicRateLimiter, public_page_budget
from kokoma.request_context import current_client_ip

public_router = APIRouter(prefix="/public", tags=["public"])
router = APIRouter(tags=["requests"])
partner_router = APIRouter(tags=["intake"])

Slug = Annotated[
    str,
    Path(
        min_length=1,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="The municipality's slug, as in `/kontakt/<slug>`.",
    ),
]
RequestId = Annotated[uuid.UUID, Path(description="The request (inbox only).")]
# Public: no sign-in, so neither 401 nor 403.
_PUBLIC = {s: spec for s, spec in problems(404, 413, 429).items() if s not in (401, 403)}


def _limiter(request: Request) -> PublicRateLimiter:
    limiter: PublicRateLimiter = request.app.state.public_rate_limiter
    return limiter


@public_router.get(
    "/municipalities/{slug}",
    response_model=PublicPage,
    responses=_PUBLIC,
    openapi_extra={"security": []},
    dependencies=[Depends(public_page_budget)],
)
async def get_public_page(
    slug: Slug, response: Response, session: DbSession, settings: AppSettings
) -> PublicPage:
    """**Public, no sign-in.** The contact page of a municipality: what the conflict
    management offers and what not, the contact point, the conflict managers who agreed
    to be listed, the places a request may name, and a fresh `form_token` for the form.

    A municipality without a published page is 404, like an unknown slug.
    """
    page = await service.public_page(session, settings, slug)
    response.headers["Cache-Control"] = "no-store"
    return PublicPage.model_validate(page)


@public_router.post(
    "/municipalities/{slug}/requests",
    status_code=201,
    response_model=RequestReceipt,
    responses=_PUBLIC,
    openapi_extra={"security": []},
)
async def submit_public_request(
    slug: Slug,
    body: PublicRequestCreate,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
) -> RequestReceipt:
    """**Public, no sign-in.** Ask for help. The answer is a short reference to quote
    on the phone, nothing else; the request cannot be read back.

    Refused: a body over the limits, HTML, the hidden `website` field filled, a form
    sent sooner than `min_fill_seconds` after the page was fetched (or with an
    expired `form_token`), a place of another municipality, and more than a few
    requests per address and hour (429).
    """
    limiter = _limiter(request)
    await limiter.check_request(current_client_ip())
    await limiter.check_municipality(await service.public_municipality_id(session, slug))
    received = await service.submit_public(session, settings, slug, body)
    response.headers["Cache-Control"] = "no-store"
    return RequestReceipt(reference=received.reference, received_at=received.created_at)


@partner_router.post(
    "/intake/requests",
    status_code=201,
    response_model=RequestReceipt,
    responses=problems(429),
)
async def submit_partner_request(
    body: IntakeRequestCreate, session: DbSession, principal: Caller(P.INTAKE_WRITE)
) -> RequestReceipt:
    """A partner system (a citizen portal) passes on a request for help of its
    municipality; scope `intake:write`. Answers the reference only."""
    received = await service.submit_from_partner(session, principal, body)
    return RequestReceipt(reference=received.reference, received_at=received.created_at)


async def _out(
    session: DbSession, request: HelpRequest, response: Response | None = None
) -> HelpRequestOut:
    names = await service.place_names(session, [request])
    return _render(request, names, response)


def _render(
    request: HelpRequest, names: dict[uuid.UUID, str], response: Response | None = None
) -> HelpRequestOut:
    if response is not None:
        set_etag(response, request.version)
    out = HelpRequestOut.model_validate(request)
    if request.place_id is not None:
        out.place = PlaceRef(id=request.place_id, name=names.get(request.place_id, ""))
    return out


@router.get("/requests", response_model=Page[HelpRequestOut], responses=problems(400))
async def list_requests(
    session: DbSession,
    principal: Caller(P.REQUESTS_READ),
    query: Annotated[HelpRequestListQuery, Query()],
) -> Page[HelpRequestOut]:
    """The inbox: requests for help, newest first (coordination and named conflict
    managers)."""
    items, next_cursor = await service.list_requests(session, principal, query)
    names = await service.place_names(session, items)
    return Page(items=[_render(r, names) for r in items], next_cursor=next_cursor)


@router.post("/requests", status_code=201, response_model=HelpRequestOut, responses=problems(404))
async def enter_request(
    body: StaffRequestCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_HANDLE),
) -> HelpRequestOut:
    """Enter a request that came by phone, letter or e-mail (channel `staff`)."""
    received = await service.submit_from_staff(session, principal, body)
    return await _out(session, received, response)


@router.get("/requests/counts", response_model=RequestCounts, responses=problems())
async def request_counts(session: DbSession, principal: Caller(P.REQUESTS_READ)) -> RequestCounts:
    """How many requests stand where (the dashboard's figure)."""
    return RequestCounts.model_validate(await service.counts(session, principal))


@router.get("/statistics/requests", response_model=RequestStatistics, responses=problems())
async def request_statistics(
    session: DbSession, settings: AppSettings, principal: Caller(P.STATISTICS_READ)
) -> RequestStatistics:
    """Requests by channel (form, API, staff) and outcome; counts below the suppression
    threshold are withheld from roles that see aggregates only."""
    figures = await service.statistics(session, principal, settings.suppression_threshold)
    return RequestStatistics.model_validate(figures)


@router.get("/requests/{request_id}", response_model=HelpRequestOut, responses=problems(404))
async def get_request(
    request_id: RequestId,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_READ),
) -> HelpRequestOut:
    return await _out(session, await service.get_request(session, principal, request_id), response)


_HANDLING = problems(404, 409, 412, 428)


@router.post("/requests/{request_id}/case", response_model=HelpRequestOut, responses=_HANDLING)
async def open_case_from_request(
    request_id: RequestId,
    body: RequestToCase,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_HANDLE),
    if_match: IfMatch = None,
) -> HelpRequestOut:
    """Turn the request into a new case: description, place and requester carry over,
    the case's timeline shows the request."""
    handled = await service.to_case(session, principal, request_id, body, if_match)
    return await _out(session, handled, response)


@router.post("/requests/{request_id}/merge", response_model=HelpRequestOut, responses=_HANDLING)
async def merge_request(
    request_id: RequestId,
    body: RequestMerge,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_HANDLE),
    if_match: IfMatch = None,
) -> HelpRequestOut:
    """Add the request to an existing case; the case's timeline shows it."""
    handled = await service.merge(session, principal, request_id, body, if_match)
    return await _out(session, handled, response)


@router.post("/requests/{request_id}/answer", response_model=HelpRequestOut, responses=_HANDLING)
async def answer_request(
    request_id: RequestId,
    body: RequestAnswer,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_HANDLE),
    if_match: IfMatch = None,
) -> HelpRequestOut:
    """Answered without a case: recorded as a consultation of kind initial talk."""
    handled = await service.answer(session, principal, request_id, body, if_match)
    return await _out(session, handled, response)


@router.post("/requests/{request_id}/decline", response_model=HelpRequestOut, responses=_HANDLING)
async def decline_request(
    request_id: RequestId,
    body: RequestDecline,
    response: Response,
    session: DbSession,
    principal: Caller(P.REQUESTS_HANDLE),
    if_match: IfMatch = None,
) -> HelpRequestOut:
    """Decline with a reason; kept for the retention period (30 days by default)."""
    handled = await service.decline(session, principal, request_id, body, if_match)
    return await _out(session, handled, response)


@router.get("/contact-page", response_model=ContactPageOut, responses=problems())
async def get_contact_page(
    response: Response, session: DbSession, principal: Caller(P.CONTACT_PAGE_MANAGE)
) -> ContactPageOut:
    """The municipality's public page as the coordination edits it (version 0: not
    saved yet, not public)."""
    page = ContactPageOut.model_validate(await service.get_contact_page(session, principal))
    set_etag(response, page.version)
    return page


@router.put("/contact-page", response_model=ContactPageOut, responses=problems(409, 412, 428))
async def save_contact_page(
    body: ContactPageUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACT_PAGE_MANAGE),
    if_match: IfMatch = None,
) -> ContactPageOut:
    """Save the whole page (`If-Match: "0"` for the first save)."""
    page = await service.save_contact_page(session, principal, body, if_match)
    out = ContactPageOut.model_validate(page)
    set_etag(response, out.version)
    return out


@router.get("/profile/public-listing", response_model=ListingOut, responses=problems())
async def get_listing(
    response: Response, session: DbSession, principal: Caller(P.PUBLIC_LISTING)
) -> ListingOut:
    """Whether you are named on your municipality's public page, and with what."""
    out = ListingOut.model_validate(await service.get_listing(session, principal))
    set_etag(response, out.version)
    return out


@router.put(
    "/profile/public-listing", response_model=ListingOut, responses=problems(409, 412, 428)
)
async def consent_listing(
    body: ListingUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.PUBLIC_LISTING),
    if_match: IfMatch = None,
) -> ListingOut:
    """Consent to be named on the public page (or change what it shows); the consent
    is recorded with its time. `If-Match: "0"` the first time."""
    out = ListingOut.model_validate(
        await service.consent_listing(session, principal, body, if_match)
    )
    set_etag(response, out.version)
    return out


@router.delete(
    "/profile/public-listing", response_model=ListingOut, responses=problems(404, 412, 428)
)
async def withdraw_listing(
    response: Response,
    session: DbSession,
    principal: Caller(P.PUBLIC_LISTING),
    if_match: IfMatch = None,
) -> ListingOut:
    """Withdraw consent: you disappear from the public page at once."""
    out = ListingOut.model_validate(await service.withdraw_listing(session, principal, if_match))
    set_etag(response, out.version)
    return out
