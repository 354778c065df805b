"""The contact point: its public page, requests for help from every channel, the inbox.

The public functions take no caller: they find the municipality by its slug, and a
page that is not published is as unknown (404) as a slug that does not exist. Every
internal write is tenant-scoped, versioned (If-Match), audited and published as a
domain event (ids and codes only, never what a requester wrote).
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import time
import uuid
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission as P
from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases import service as cases
from kokoma.cases.access import get_visible_case
from kokoma.cases.models import Case
from kokoma.cases.schemas import CaseCreate
from kokoma.cases.timeline import note_change
from kokoma.consultations import service as consultations
from kokoma.consultations.models import ConsultationFormat, ConsultationKind
from kokoma.consultations.schemas import ConsultationCreate
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.sealing import Unsealable, derive_key, seal, unseal
from kokoma.core.tenancy import load_one, scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.events.outbox import publish
from kokoma.intake.models import (
    ContactMethod,
    ContactPage,
    HelpRequest,
    OnBehalfOf,
    PublicListing,
    RequestChannel,
    RequestStatus,
)
from kokoma.intake.schemas import (
    ContactPageUpdate,
    HelpRequestListQuery,
    ListingUpdate,
    PublicRequestCreate,
    RequestAnswer,
    RequestDecline,
    RequestFields,
    RequestMerge,
    RequestToCase,
)
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify, notify_address
from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place
from kokoma.settings import Settings
from kokoma.users.models import User

PAGE = "Page"
REQUEST = "Request"
# Texts of the public form are plain text; anything that looks like a tag is refused.
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|&#?\w+;")
_TEXTS = ("description", "place_text", "since", "involved", "organisation", "name")
_REFERENCE_LETTERS = "ACDEFGHJKLMNPQRTUVWXY34679"
_FORM_TOKEN_MAX_AGE = 24 * 3600
_PUBLIC_ACTOR = "public form"

DEFAULT_PAGE: dict[str, Any] = {
    "published": False,
    "page_slug": None,
    "offer": "",
    "limits": "",
    "emergency": "",
    "point_name": "",
    "point_address": "",
    "point_hours": "",
    "point_phone": "",
    "point_email": "",
    "inbox_member_ids": [],
}


# --- the public page -----------------------------------------------------------------


def _form_key(settings: Settings) -> bytes:
    return derive_key(settings.resolved_secret_key(), "intake-form")


def form_token(settings: Settings, municipality_id: uuid.UUID) -> str:
    """A token the form sends back: which page it came from and when it was opened."""
    plain = json.dumps({"m": str(municipality_id), "t": time.time()}).encode()
    sealed = seal(_form_key(settings), plain, b"intake-form")
    return base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def _check_form_token(settings: Settings, token: str, municipality_id: uuid.UUID) -> None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        opened = json.loads(unseal(_form_key(settings), raw, b"intake-form"))
        issued = float(opened["t"])
        page = opened["m"]
    except (Unsealable, ValueError, KeyError, TypeError) as exc:
        raise invalid(
            "body.form_token",
            "The form has expired; reload the page and send it again.",
            "expired",
        ) from exc
    age = time.time() - issued
    if page != str(municipality_id) or age > _FORM_TOKEN_MAX_AGE:
        raise invalid(
            "body.form_token",
            "The form has expired; reload the page and send it again.",
            "expired",
        )
    if age < settings.public_request_min_fill_seconds:
        raise invalid(
            "body.form_token",
            "The form was sent too quickly; please check your entries and send it again.",
            "too_fast",
        )


async def _published(session: AsyncSession, slug: str) -> tuple[Municipality, ContactPage]:
    """The municipality of ``slug`` with its published page; 404 for every other slug."""
    row = (
        await session.execute(
            select(Municipality, ContactPage)
            .join(ContactPage, ContactPage.municipality_id == Municipality.id)
            .where(
                or_(Municipality.slug == slug, ContactPage.page_slug == slug),
                Municipality.is_active.is_(True),
                ContactPage.published.is_(True),
            )
            # A municipality's own slug wins over another's page address.
            .order_by(case((Municipality.slug == slug, 0), else_=1))
        )
    ).first()
    if row is None:
        raise NotFound(PAGE)
    return row[0], row[1]


async def _listed_managers(
    session: AsyncSession, municipality_id: uuid.UUID
) -> list[dict[str, str]]:
    rows = await session.execute(
        select(User.full_name, PublicListing.office, PublicListing.reach)
        .join(PublicListing, PublicListing.user_id == User.id)
        .where(
            PublicListing.municipality_id == municipality_id,
            User.municipality_id == municipality_id,
            User.is_active.is_(True),
            User.role.in_((Role.CONFLICT_MANAGER, Role.COORDINATOR)),
            PublicListing.withdrawn_at.is_(None),
        )
        .order_by(User.full_name, User.id)
    )
    return [{"name": n, "office": o, "reach": r} for n, o, r in rows]


async def _offered_places(session: AsyncSession, municipality_id: uuid.UUID) -> list[Place]:
    stmt = (
        select(Place)
        .where(Place.municipality_id == municipality_id, Place.archived.is_(False))
        .order_by(Place.name)
    )
    return list((await session.scalars(stmt)).all())


def _page_fields(page: ContactPage | dict[str, Any]) -> dict[str, Any]:
    get = page.get if isinstance(page, dict) else lambda name: getattr(page, name)
    return {
        "offer": get("offer"),
        "limits": get("limits"),
        "emergency": get("emergency"),
        "contact_point": {
            "name": get("point_name"),
            "address": get("point_address"),
            "hours": get("point_hours"),
            "phone": get("point_phone"),
            "email": get("point_email"),
        },
    }


async def public_page(session: AsyncSession, settings: Settings, slug: str) -> dict[str, Any]:
    """What ``/kontakt/<slug>`` shows: the published page, listed managers, places."""
    municipality, page = await _published(session, slug)
    return {
        "municipality_name": municipality.name,
        "slug": municipality.slug,
        **_page_fields(page),
        "conflict_managers": await _listed_managers(session, municipality.id),
        "places": await _offered_places(session, municipality.id),
        "form_token": form_token(settings, municipality.id),
        "min_fill_seconds": settings.public_request_min_fill_seconds,
    }


async def public_municipality_id(session: AsyncSession, slug: str) -> uuid.UUID:
    """The municipality behind a published page (for its rate limit); 404 otherwise."""
    municipality, _page = await _published(session, slug)
    return municipality.id


# --- receiving requests ------------------------------------------------------------


def _check_fields(data: RequestFields) -> None:
    if data.consent is not True:
        raise invalid(
            "body.consent", "A request is stored only with your consent to it.", "missing"
        )
    for name in _TEXTS:
        value = getattr(data, name)
        if value and _MARKUP.search(value):
            raise invalid(f"body.{name}", "Please write plain text without HTML.", "markup")
    if data.place_id and data.place_text:
        raise invalid(
            "body.place_text",
            "Choose a place from the list or name it in words, not both.",
            "unexpected",
        )
    if data.on_behalf_of is OnBehalfOf.ORGANISATION and not data.organisation:
        raise invalid("body.organisation", "Name the organisation you ask for.", "missing")
    if data.contact_method is ContactMethod.ANONYMOUS:
        for name in ("name", "email", "phone"):
            if getattr(data, name):
                raise invalid(
                    f"body.{name}",
                    "An anonymous request carries no contact data; leave this field empty.",
                    "unexpected",
                )
    elif data.contact_method is ContactMethod.EMAIL and not data.email:
        raise invalid("body.email", "Give the e-mail address to answer to.", "missing")
    elif data.contact_method is ContactMethod.PHONE and not data.phone:
        raise invalid("body.phone", "Give the phone number to call back.", "missing")


async def _check_place(
    session: AsyncSession, municipality_id: uuid.UUID, place_id: uuid.UUID | None
) -> None:
    if place_id is None:
        return
    place = await session.scalar(
        select(Place.id).where(
            Place.id == place_id,
            Place.municipality_id == municipality_id,
            Place.archived.is_(False),
        )
    )
    if place is None:
        raise invalid(
            "body.place_id", "Choose a place from the municipality's list.", "unknown_place"
        )


def _reference() -> str:
    letters = "".join(secrets.choice(_REFERENCE_LETTERS) for _ in range(8))
    return f"A-{letters[:4]}-{letters[4:]}"


async def _receive(
    session: AsyncSession,
    municipality_id: uuid.UUID,
    data: RequestFields,
    channel: RequestChannel,
    principal: Principal | None,
) -> HelpRequest:
    _check_fields(data)
    await _check_place(session, municipality_id, data.place_id)
    fields = data.model_dump(
        include=set(RequestFields.model_fields) - {"consent"},
    )
    for attempt in range(3):
        request = HelpRequest(
            id=uuid.uuid4(),
            municipality_id=municipality_id,
            reference=_reference(),
            channel=channel,
            status=RequestStatus.NEW,
            consented_at=utcnow(),
            entered_by_id=principal.id if principal else None,
            **fields,
        )
        session.add(request)
        entry = audit.record(
            session,
            "request.receive",
            principal=principal,
            actor_label=None if principal else _PUBLIC_ACTOR,
            municipality_id=municipality_id,
            target=audit.Target("help_request", request.id),
            details={"channel": channel.value, "urgency": request.urgency.value},
        )
        if principal is None:
            entry.ip_address = None  # an anonymous request stays anonymous in the log too
        publish(
            session,
            municipality_id=municipality_id,
            event_type="request.received",
            resource_id=request.id,
            data={
                "request_id": str(request.id),
                "channel": channel.value,
                "urgency": request.urgency.value,
                "confirmation_requested": request.email is not None,
                "language": request.language,
            },
        )
        if channel is not RequestChannel.STAFF:  # staff entered it: they know
            await _tell_inbox(session, municipality_id, request)
        if request.email:
            # The reference only: whoever reads the mailbox learns nothing of the content.
            notify_address(
                session,
                municipality_id=municipality_id,
                to_address=request.email,
                kind=MailKind.REQUEST_CONFIRMATION,
                language=request.language,
                params={"reference": request.reference},
            )
        try:
            await session.commit()
        except IntegrityError:  # the rare equal reference: draw again
            await session.rollback()
            if attempt == 2:
                raise
            continue
        return request
    raise AssertionError("unreachable")


async def _tell_inbox(
    session: AsyncSession, municipality_id: uuid.UUID, request: HelpRequest
) -> None:
    """Whoever works the inbox learns of a new request by e-mail: its reference and a
    link, never what the sender wrote."""
    page = await _page_row(session, municipality_id)
    members = {uuid.UUID(member) for member in (page.inbox_member_ids if page else [])}
    coordinators = await session.scalars(
        select(User.id).where(
            User.municipality_id == municipality_id, User.role == Role.COORDINATOR
        )
    )
    for user_id in sorted({*coordinators, *members}, key=str):
        await notify(
            session,
            user_id=user_id,
            kind=MailKind.REQUEST_RECEIVED,
            params={"reference": request.reference},
            link_path=f"/requests/{request.id}",
        )


async def submit_public(
    session: AsyncSession,
    settings: Settings,
    slug: str,
    data: PublicRequestCreate,
) -> HelpRequest:
    """A request through the public form: honeypot, minimum fill time, then as any other."""
    municipality, _page = await _published(session, slug)
    if data.website:
        raise invalid("body.website", "The request could not be accepted.", "refused")
    _check_form_token(settings, data.form_token, municipality.id)
    return await _receive(session, municipality.id, data, RequestChannel.FORM, None)


async def submit_from_partner(
    session: AsyncSession, principal: Principal, data: RequestFields
) -> HelpRequest:
    """A request a partner system passes on, for the client's own municipality."""
    return await _receive(session, principal.municipality_id, data, RequestChannel.API, principal)


async def submit_from_staff(
    session: AsyncSession, principal: Principal, data: RequestFields
) -> HelpRequest:
    """A request taken on the phone or by e-mail and entered by staff."""
    await check_inbox(session, principal)
    return await _receive(
        session, principal.municipality_id, data, RequestChannel.STAFF, principal
    )


# --- the inbox -------------------------------------------------------------------


async def _page_row(session: AsyncSession, municipality_id: uuid.UUID) -> ContactPage | None:
    page: ContactPage | None = await session.scalar(
        select(ContactPage)
        .where(ContactPage.municipality_id == municipality_id)
        .execution_options(populate_existing=True)
    )
    return page


async def check_inbox(session: AsyncSession, principal: Principal) -> None:
    """Coordinators work the inbox, and the conflict managers they named; nobody else."""
    if principal.can(P.CONTACT_PAGE_MANAGE):
        return
    page = await _page_row(session, principal.municipality_id)
    if page is None or str(principal.id) not in (page.inbox_member_ids or []):
        raise Forbidden(
            "Only the coordination and the conflict managers it named see the requests."
        )


async def list_requests(
    session: AsyncSession, principal: Principal, query: HelpRequestListQuery
) -> tuple[list[HelpRequest], str | None]:
    await check_inbox(session, principal)
    stmt = scoped(HelpRequest, principal)
    if query.status:
        stmt = stmt.where(HelpRequest.status.in_(query.status))
    if query.channel:
        stmt = stmt.where(HelpRequest.channel.in_(query.channel))
    return await paginate(
        session,
        stmt,
        keys=[SortKey(HelpRequest.created_at, descending=True)],
        id_column=HelpRequest.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def place_names(session: AsyncSession, requests: list[HelpRequest]) -> dict[uuid.UUID, str]:
    ids = {r.place_id for r in requests if r.place_id}
    if not ids:
        return {}
    rows = await session.execute(select(Place.id, Place.name).where(Place.id.in_(ids)))
    return {place_id: name for place_id, name in rows}


async def get_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID
) -> HelpRequest:
    await check_inbox(session, principal)
    stmt = scoped(HelpRequest, principal).where(HelpRequest.id == request_id)
    request: HelpRequest = await load_one(session, stmt, what=REQUEST)
    return request


async def counts(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    await check_inbox(session, principal)
    rows = await session.execute(
        scoped(HelpRequest, principal, HelpRequest.status, func.count()).group_by(
            HelpRequest.status
        )
    )
    by_status = {status.value: 0 for status in RequestStatus}
    for status, count in rows:
        by_status[RequestStatus(status).value] = count
    return {"new": by_status[RequestStatus.NEW.value], "by_status": by_status}


async def _open_request(
    session: AsyncSession, principal: Principal, request_id: uuid.UUID, if_match: str | None
) -> HelpRequest:
    request = await get_request(session, principal, request_id)
    check_if_match(if_match, request.version)
    if request.status is not RequestStatus.NEW:
        raise Conflict("The request has been handled already.")
    return request


async def _still_open(
    session: AsyncSession, principal: Principal, request: HelpRequest
) -> HelpRequest:
    """The request again after the case or talk was committed; handled meanwhile by
    someone else, it is a 409 (the new case or talk stays, and says so in the log)."""
    version = request.version
    again = await get_request(session, principal, request.id)
    if again.version != version or again.status is not RequestStatus.NEW:
        raise Conflict("The request was handled by someone else meanwhile.")
    return again


def _announce(
    session: AsyncSession, principal: Principal, request: HelpRequest, action: str, **details: Any
) -> None:
    data = {"status": request.status.value, **details}
    audit.record(
        session,
        f"request.{action}",
        principal=principal,
        target=audit.Target("help_request", request.id),
        details=data,
    )
    publish(
        session,
        municipality_id=request.municipality_id,
        event_type=f"request.{action}",
        resource_id=request.id,
        data={"request_id": str(request.id), **data},
    )


def _settle(request: HelpRequest, principal: Principal, status: RequestStatus) -> None:
    request.status = status
    request.handled_at = utcnow()
    request.handled_by_id = principal.id


def _case_title(request: HelpRequest) -> str:
    first = request.description.strip().splitlines()[0]
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def _case_summary(request: HelpRequest) -> str:
    lines = [request.description]
    if request.since:
        lines.append(f"Seit: {request.since}")
    if request.involved:
        lines.append(f"Beteiligt: {request.involved}")
    return "\n\n".join(lines)[:20_000]


async def _note_on_case(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, request: HelpRequest
) -> None:
    case = await get_visible_case(session, principal, case_id, for_update=True)
    await note_change(session, principal, case, "request", None, request.reference, None)
    case.updated_at = utcnow()


async def to_case(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: RequestToCase,
    if_match: str | None,
) -> HelpRequest:
    """Open a case from the request (description, place, requester carried over)."""
    request = await _open_request(session, principal, request_id, if_match)
    requester = request.organisation if request.on_behalf_of is OnBehalfOf.ORGANISATION else None
    place_id, place_text = request.place_id, request.place_text
    if place_id is not None:
        listed = await session.scalar(
            select(Place.id).where(Place.id == place_id, Place.archived.is_(False))
        )
        place_id, place_text = listed, place_text if listed else None
    case = await cases.create_case(
        session,
        principal,
        CaseCreate(
            title=data.title or _case_title(request),
            summary=_case_summary(request),
            place_id=place_id,
            place=place_text,
            requesting_body=requester or ("Anfrage " + request.reference),
        ),
    )
    request = await _still_open(session, principal, request)
    _settle(request, principal, RequestStatus.CASE_OPENED)
    request.case_id = case.id
    await _note_on_case(session, principal, case.id, request)
    _announce(session, principal, request, "case_opened", case_id=str(case.id))
    await commit_versioned(session)
    return request


async def merge(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: RequestMerge,
    if_match: str | None,
) -> HelpRequest:
    """Add the request to an existing, visible and not archived case."""
    request = await _open_request(session, principal, request_id, if_match)
    case = await session.scalar(
        select(Case.archived).where(
            Case.id == data.case_id, Case.municipality_id == principal.municipality_id
        )
    )
    if case is None:
        raise invalid("body.case_id", "Choose a case of your municipality.", "unknown_case")
    if case:
        raise Conflict("The case is archived; nothing can be added to it.")
    await _note_on_case(session, principal, data.case_id, request)
    _settle(request, principal, RequestStatus.MERGED)
    request.case_id = data.case_id
    _announce(session, principal, request, "merged", case_id=str(data.case_id))
    await commit_versioned(session)
    return request


async def answer(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: RequestAnswer,
    if_match: str | None,
) -> HelpRequest:
    """Answered without a case: recorded as a consultation of kind initial talk."""
    request = await _open_request(session, principal, request_id, if_match)
    if not principal.can(P.CONSULTATIONS_WRITE):
        raise Forbidden()
    consultation = await consultations.create_consultation(
        session,
        principal,
        ConsultationCreate(
            started_at=data.started_at,
            duration_minutes=data.duration_minutes,
            format=ConsultationFormat(data.format),
            kind=ConsultationKind.INITIAL_TALK,
            summary=data.summary or f"Anfrage {request.reference}",
        ),
        None,
    )
    request = await _still_open(session, principal, request)
    _settle(request, principal, RequestStatus.ANSWERED)
    request.consultation_id = consultation.id
    _announce(session, principal, request, "answered", consultation_id=str(consultation.id))
    await commit_versioned(session)
    return request


async def decline(
    session: AsyncSession,
    principal: Principal,
    request_id: uuid.UUID,
    data: RequestDecline,
    if_match: str | None,
) -> HelpRequest:
    """Decline with a reason; the request is kept for the retention period, then erased."""
    request = await _open_request(session, principal, request_id, if_match)
    _settle(request, principal, RequestStatus.DECLINED)
    request.decline_reason = data.reason
    _announce(session, principal, request, "declined")
    await commit_versioned(session)
    return request


async def statistics(
    session: AsyncSession, principal: Principal, threshold: int
) -> dict[str, Any]:
    """Requests by channel and outcome; small counts withheld without exact access."""
    exact = principal.can(P.STATISTICS_EXACT)
    rows = await session.execute(
        scoped(
            HelpRequest, principal, HelpRequest.channel, HelpRequest.status, func.count()
        ).group_by(HelpRequest.channel, HelpRequest.status)
    )
    found = {(RequestChannel(c), RequestStatus(s)): n for c, s, n in rows}
    items = []
    for channel in RequestChannel:
        for outcome in RequestStatus:
            count = found.get((channel, outcome), 0)
            hidden = not exact and 0 < count < threshold
            items.append(
                {
                    "channel": channel,
                    "outcome": outcome,
                    "count": None if hidden else count,
                    "suppressed": hidden,
                }
            )
    return {"items": items, "suppression_threshold": None if exact else threshold}


# --- the page as the coordinator edits it ----------------------------------------


async def get_contact_page(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    page = await _page_row(session, principal.municipality_id)
    municipality = await session.get(Municipality, principal.municipality_id)
    assert municipality is not None
    listed = await _listed_managers(session, principal.municipality_id)
    extra = {
        "slug": municipality.slug,
        "municipality_name": municipality.name,
        "conflict_managers": listed,
    }
    if page is None:
        return {**DEFAULT_PAGE, **extra, "version": 0}
    fields = {name: getattr(page, name) for name in DEFAULT_PAGE}
    return {**fields, **extra, "version": page.version}


async def _check_members(
    session: AsyncSession, principal: Principal, member_ids: list[uuid.UUID]
) -> None:
    if not member_ids:
        return
    found = set(
        (
            await session.scalars(
                scoped(User, principal, User.id).where(
                    User.id.in_(member_ids),
                    User.role == Role.CONFLICT_MANAGER,
                    User.is_active.is_(True),
                )
            )
        ).all()
    )
    if len(found) != len(set(member_ids)):
        raise invalid(
            "body.inbox_member_ids",
            "Name active conflict managers of your municipality.",
            "unknown_user",
        )


async def save_contact_page(
    session: AsyncSession, principal: Principal, data: ContactPageUpdate, if_match: str | None
) -> dict[str, Any]:
    for name in ("offer", "limits", "emergency", "point_name", "point_address", "point_hours"):
        if _MARKUP.search(getattr(data, name)):
            raise invalid(f"body.{name}", "Please write plain text without HTML.", "markup")
    await _check_members(session, principal, data.inbox_member_ids)
    if data.page_slug and await session.scalar(
        select(Municipality.id).where(
            Municipality.slug == data.page_slug, Municipality.id != principal.municipality_id
        )
    ):
        raise invalid("body.page_slug", "This address is taken by another municipality.", "taken")
    page = await _page_row(session, principal.municipality_id)
    check_if_match(if_match, page.version if page else 0)
    fields = data.model_dump()
    fields["inbox_member_ids"] = [str(i) for i in dict.fromkeys(data.inbox_member_ids)]
    if page is None:
        page = ContactPage(id=uuid.uuid4(), municipality_id=principal.municipality_id, **fields)
        session.add(page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        page.updated_at = utcnow()
    audit.record_change(
        session,
        "contact_page.update",
        principal=principal,
        target=audit.Target("contact_page", page.id),
        event_type="contact_page.updated",
        details={"published": data.published},
    )
    try:
        await commit_versioned(session)
    except IntegrityError as exc:  # two first saves at once, or an address taken
        await session.rollback()
        raise Conflict(
            "The page was saved meanwhile, or its address is taken by another municipality."
        ) from exc
    return await get_contact_page(session, principal)


# --- a conflict manager's consent to be listed --------------------------------------


async def _listing(session: AsyncSession, principal: Principal) -> PublicListing | None:
    listing: PublicListing | None = await session.scalar(
        scoped(PublicListing, principal)
        .where(PublicListing.user_id == principal.id)
        .execution_options(populate_existing=True)
    )
    return listing


def _listing_out(listing: PublicListing | None) -> dict[str, Any]:
    if listing is None:
        return {
            "listed": False,
            "office": "",
            "reach": "",
            "consented_at": None,
            "withdrawn_at": None,
            "version": 0,
        }
    return {
        "listed": listing.withdrawn_at is None,
        "office": listing.office,
        "reach": listing.reach,
        "consented_at": listing.consented_at,
        "withdrawn_at": listing.withdrawn_at,
        "version": listing.version,
    }


async def get_listing(session: AsyncSession, principal: Principal) -> dict[str, Any]:
    return _listing_out(await _listing(session, principal))


def _announce_listing(
    session: AsyncSession, principal: Principal, listing: PublicListing, action: str
) -> None:
    audit.record(
        session,
        f"public_listing.{action}",
        principal=principal,
        target=audit.Target("public_listing", listing.id),
    )
    publish(
        session,
        municipality_id=principal.municipality_id,
        event_type=f"public_listing.{action}",
        resource_id=listing.id,
        data={"public_listing_id": str(listing.id), "user_id": str(principal.id)},
    )


async def consent_listing(
    session: AsyncSession, principal: Principal, data: ListingUpdate, if_match: str | None
) -> dict[str, Any]:
    """Give (or renew) consent to be listed, with what the page shows."""
    for name in ("office", "reach"):
        if _MARKUP.search(getattr(data, name)):
            raise invalid(f"body.{name}", "Please write plain text without HTML.", "markup")
    listing = await _listing(session, principal)
    check_if_match(if_match, listing.version if listing else 0)
    now = utcnow()
    if listing is None:
        listing = PublicListing(
            id=uuid.uuid4(),
            municipality_id=principal.municipality_id,
            user_id=principal.id,
            consented_at=now,
            **data.model_dump(),
        )
        session.add(listing)
    else:
        if listing.withdrawn_at is not None:
            listing.consented_at = now
        listing.withdrawn_at = None
        listing.office, listing.reach = data.office, data.reach
        listing.updated_at = now
    _announce_listing(session, principal, listing, "consented")
    try:
        await commit_versioned(session)
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("Your listing was changed meanwhile; reload the page.") from exc
    return _listing_out(await _listing(session, principal))


async def withdraw_listing(
    session: AsyncSession, principal: Principal, if_match: str | None
) -> dict[str, Any]:
    """Withdraw consent: gone from the public page at once; the record of it is kept."""
    listing = await _listing(session, principal)
    if listing is None:
        raise NotFound("Listing")
    check_if_match(if_match, listing.version)
    if listing.withdrawn_at is None:
        listing.withdrawn_at = utcnow()
        _announce_listing(session, principal, listing, "withdrawn")
        await commit_versioned(session)
    return _listing_out(await _listing(session, principal))
