"""Request and response bodies of the contact point and the requests for help.

The public bodies are the attack surface: unknown fields are refused, every string
is bounded, and markup is refused (the service checks texts for HTML).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, EmailStr, Field, StrictBool

from kokoma.core.schemas import (
    InputModel,
    Name,
    OutputModel,
    PageQuery,
    Text,
    example_of,
    with_examples,
)
from kokoma.intake.models import (
    ContactMethod,
    OnBehalfOf,
    RequestChannel,
    RequestStatus,
    Urgency,
)

MAX_INBOX_MEMBERS = 50
Phone = Annotated[str, Field(min_length=3, max_length=50, pattern=r"^[0-9+()/ .\-]+$")]

_DOC = {
    "description": "What happened, in the requester's words (plain text, no HTML).",
    "place_id": "A place of the municipality (from the public page's `places`).",
    "place_text": "Where, in words, when the place is not in the list.",
    "since": "Since when, in words (e.g. 'seit dem Frühjahr').",
    "involved": "Who is involved; private persons only where needed.",
    "urgency": "`low`: in the coming weeks, `medium`: in the coming days, `high`: as soon "
    "as possible. Emergencies belong to 110 / 112, not here.",
    "on_behalf_of": "Asking for oneself (`self`) or for an organisation.",
    "organisation": "The organisation asked for, with `on_behalf_of: organisation`.",
    "contact_method": "`email` or `phone` (then that field is required), or `anonymous`: "
    "no contact data at all.",
    "name": "How to address the requester (optional).",
    "email": "E-mail address, with `contact_method: email`.",
    "phone": "Phone number, with `contact_method: phone`.",
    "consent": "Explicit consent to storing the request (must be `true`).",
    "language": "The language the requester wrote in and wants the answer in.",
}


def doc(name: str, **kwargs: Any) -> Any:
    return Field(description=_DOC[name], **kwargs)


_REQUEST = {
    "description": "Bei uns im Ortsteil gibt es seit Wochen Streit um den Jugendclub.",
    "place_text": "Jugendclub am Marktplatz",
    "since": "seit dem Frühjahr",
    "involved": "Jugendclub-Verein, Anwohnende, Ortsteilrat",
    "urgency": "medium",
    "on_behalf_of": "organisation",
    "organisation": "Jugendclub e. V.",
    "contact_method": "email",
    "name": "K. Beispiel",
    "email": "jugendclub@example.org",
    "consent": True,
    "language": "de",
}


class RequestFields(InputModel):
    """What every channel sends about a request for help."""

    description: Text(5000, 1) = doc("description")
    place_id: uuid.UUID | None = doc("place_id", default=None)
    place_text: Text(200) | None = doc("place_text", default=None)
    since: Text(200) | None = doc("since", default=None)
    involved: Text(2000) | None = doc("involved", default=None)
    urgency: Urgency = doc("urgency", default=Urgency.MEDIUM)
    on_behalf_of: OnBehalfOf = doc("on_behalf_of", default=OnBehalfOf.SELF)
    organisation: Text(200) | None = doc("organisation", default=None)
    contact_method: ContactMethod = doc("contact_method")
    name: Text(200) | None = doc("name", default=None)
    email: EmailStr | None = doc("email", default=None, max_length=254)
    phone: Phone | None = doc("phone", default=None)
    consent: StrictBool = doc("consent")
    language: Literal["de", "en"] = doc("language", default="de")


class PublicRequestCreate(RequestFields):
    """A request sent through the public form of `/kontakt/<slug>`."""

    form_token: str = Field(
        min_length=1,
        max_length=500,
        description="`form_token` of the public page, as fetched when the form was opened.",
    )
    website: str = Field(
        default="",
        max_length=200,
        description="Leave empty. (A field people do not see; programs that fill every "
        "field fill it.)",
    )

    model_config = with_examples({**_REQUEST, "form_token": "…", "website": ""})


class IntakeRequestCreate(RequestFields):
    """A request a partner system (citizen portal) passes on; the municipality is the
    client's own."""

    model_config = with_examples(_REQUEST)


class StaffRequestCreate(RequestFields):
    """A request taken on the phone or by e-mail and entered by staff."""

    model_config = with_examples(_REQUEST)


class RequestReceipt(OutputModel):
    """All a sender learns: the reference to quote on the phone. The request cannot be
    read back."""

    reference: str = Field(description="Short reference number, e.g. `A-7KQ3-M9`.")
    received_at: datetime = Field(description="When the request was received.")

    model_config = with_examples({"reference": "A-7KQ3-M9", "received_at": "2026-03-12T09:15:00Z"})


class HelpRequestListQuery(PageQuery):
    """Filters combine with AND; newest first."""

    status: list[RequestStatus] = Field(
        default_factory=list,
        max_length=len(RequestStatus),
        description="Only these statuses (repeatable).",
    )
    channel: list[RequestChannel] = Field(
        default_factory=list,
        max_length=len(RequestChannel),
        description="Only these channels (repeatable).",
    )


class PlaceRef(OutputModel):
    id: uuid.UUID = Field(description="The place's id.")
    name: str = Field(description="The place's name.")


class HelpRequestOut(OutputModel):
    """A request for help as the inbox shows it."""

    id: uuid.UUID = Field(description="The request's id (for the inbox only).")
    reference: str = Field(description="The reference the requester was given.")
    channel: RequestChannel = Field(description="How it arrived.")
    status: RequestStatus = Field(description="Where it stands.")
    description: str = doc("description")
    place: PlaceRef | None = Field(default=None, description="The place from the list.")
    place_text: str | None = doc("place_text")
    since: str | None = doc("since")
    involved: str | None = doc("involved")
    urgency: Urgency = doc("urgency")
    on_behalf_of: OnBehalfOf = doc("on_behalf_of")
    organisation: str | None = doc("organisation")
    contact_method: ContactMethod = doc("contact_method")
    anonymous: bool = Field(description="No contact data given.")
    name: str | None = doc("name")
    email: str | None = doc("email")
    phone: str | None = doc("phone")
    language: str = doc("language")
    consented_at: datetime = Field(description="When the requester consented to storing it.")
    case_id: uuid.UUID | None = Field(description="The case it became or was added to.")
    consultation_id: uuid.UUID | None = Field(description="The initial talk that answered it.")
    decline_reason: str | None = Field(description="Why it was declined.")
    handled_at: datetime | None = Field(description="When it was handled.")
    version: int = Field(description="The record version; the ETag is this number quoted.")
    created_at: datetime = Field(description="When it was received.")

    model_config = with_examples(
        {
            "id": "0b8d7c6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e",
            "reference": "A-7KQ3-M9",
            "channel": "form",
            "status": "new",
            **{k: v for k, v in _REQUEST.items() if k not in ("consent", "place_text")},
            "place": None,
            "place_text": "Jugendclub am Marktplatz",
            "phone": None,
            "anonymous": False,
            "consented_at": "2026-03-12T09:15:00Z",
            "case_id": None,
            "consultation_id": None,
            "decline_reason": None,
            "handled_at": None,
            "version": 1,
            "created_at": "2026-03-12T09:15:00Z",
        }
    )


class RequestToCase(InputModel):
    """Open a case from the request: description, place and requester carry over."""

    title: Name | None = Field(
        default=None, description="The case's title; the start of the description if left out."
    )


class RequestMerge(InputModel):
    """Add the request to an existing case of the municipality."""

    case_id: uuid.UUID = Field(description="The case the request belongs to.")


class RequestAnswer(InputModel):
    """Answer the request without a case: recorded as a consultation of kind initial talk."""

    started_at: AwareDatetime = Field(description="When the talk took place.")
    duration_minutes: int = Field(ge=1, le=24 * 60, description="How long it took.")
    format: Literal["in_person", "online", "phone"] = Field(description="How it took place.")
    summary: Text(5000) = Field(default="", description="What was discussed.")


class RequestDecline(InputModel):
    reason: Text(2000, 1) = Field(description="Why the request is declined (for the records).")


class RequestCounts(OutputModel):
    """How many requests stand where, for the dashboard."""

    new: int = Field(description="Requests waiting for an answer.")
    by_status: dict[str, int] = Field(description="Count per status.")


class RequestFigure(OutputModel):
    channel: RequestChannel
    outcome: RequestStatus
    count: int | None = Field(description="null when suppressed.")
    suppressed: bool = Field(description="Withheld: below the suppression threshold.")


class RequestStatistics(OutputModel):
    """Requests by channel and outcome; small counts are withheld from aggregate-only roles."""

    items: list[RequestFigure]
    suppression_threshold: int | None = Field(
        description="Counts below this are withheld; null when the caller sees exact counts."
    )


# --- the contact page -------------------------------------------------------------


class ContactPageUpdate(InputModel):
    """The whole page, as the coordinator edits it (plain text, no HTML)."""

    published: StrictBool = Field(
        description="Shown at `/kontakt/<slug>`; hidden (404) until then."
    )
    page_slug: (
        Annotated[str, Field(min_length=2, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$")] | None
    ) = Field(
        default=None,
        description="A readable address of the page besides the municipality's slug "
        "(`/kontakt/<page_slug>`), unique across municipalities.",
    )
    offer: Text(5000) = Field(default="", description="What the conflict management offers.")
    limits: Text(5000) = Field(default="", description="What it does not do.")
    emergency: Text(2000) = Field(default="", description="Emergency numbers and services.")
    point_name: Text(200) = Field(default="", description="The contact point's name.")
    point_address: Text(500) = Field(default="", description="Its address.")
    point_hours: Text(500) = Field(default="", description="Its opening hours.")
    point_phone: Text(50) = Field(default="", description="Its phone number.")
    point_email: Text(254) = Field(default="", description="Its e-mail address.")
    inbox_member_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_INBOX_MEMBERS,
        description="Conflict managers who work the inbox too.",
    )

    model_config = with_examples(
        {
            "published": True,
            "page_slug": "wartburgkreis",
            "offer": "Wir beraten bei Konflikten vor Ort, vertraulich und kostenlos.",
            "limits": "Keine Rechtsberatung, kein Notdienst.",
            "emergency": "Polizei 110, Feuerwehr und Rettungsdienst 112",
            "point_name": "Demokratiewerkstatt Bad Salzungen",
            "point_address": "Musterstraße 1, 36433 Bad Salzungen",
            "point_hours": "Di und Do 10–16 Uhr",
            "point_phone": "03695 000000",
            "point_email": "kontakt@demokratiewerkstatt.example",
            "inbox_member_ids": [],
        }
    )


class ListedManager(OutputModel):
    name: str = Field(description="The conflict manager's name.")
    office: str = Field(description="Office or organisation.")
    reach: str = Field(description="How to reach them.")


class ContactPageOut(OutputModel):
    """The public page as the coordination edits it."""

    published: bool = Field(description="Shown at `/kontakt/<slug>`; hidden (404) until then.")
    offer: str = Field(description="What the conflict management offers.")
    limits: str = Field(description="What it does not do.")
    emergency: str = Field(description="Emergency numbers and services.")
    point_name: str = Field(description="The contact point's name.")
    point_address: str = Field(description="Its address.")
    point_hours: str = Field(description="Its opening hours.")
    point_phone: str = Field(description="Its phone number.")
    point_email: str = Field(description="Its e-mail address.")
    page_slug: str | None = Field(description="The page's readable address, if any.")
    inbox_member_ids: list[uuid.UUID] = Field(
        description="Conflict managers who work the inbox too."
    )
    slug: str = Field(description="The municipality's slug: the page is `/kontakt/<slug>`.")
    municipality_name: str = Field(description="The municipality's name, as the page shows it.")
    conflict_managers: list[ListedManager] = Field(
        description="Who the page lists now (those who consented), for the preview."
    )
    version: int = Field(description="The record version (0: not saved yet).")

    model_config = with_examples(
        {
            **example_of(ContactPageUpdate),
            "slug": "wak",
            "municipality_name": "Wartburgkreis",
            "conflict_managers": [
                {"name": "Anna Schulze", "office": "Jugendamt", "reach": "03695 000001"}
            ],
            "version": 3,
        }
    )


class ContactPoint(OutputModel):
    name: str
    address: str
    hours: str
    phone: str
    email: str


class PublicPage(OutputModel):
    """Everything the public page shows, and nothing else."""

    municipality_name: str
    slug: str
    offer: str
    limits: str
    emergency: str
    contact_point: ContactPoint
    conflict_managers: list[ListedManager] = Field(
        description="Only those who consented to be listed, and have not withdrawn it."
    )
    places: list[PlaceRef] = Field(description="Places a request may name.")
    form_token: str = Field(description="Send back with the request (minimum fill time).")
    min_fill_seconds: int = Field(description="A request sent sooner is refused.")


class ListingUpdate(InputModel):
    """Consent to be named on the public page, with what it shows."""

    office: Text(200, 1) = Field(description="Office or organisation, as shown.")
    reach: Text(500, 1) = Field(description="How people reach you (phone, e-mail, hours).")

    model_config = with_examples(
        {"office": "Jugendamt Wartburgkreis", "reach": "03695 000001, dienstags"}
    )


class ListingOut(OutputModel):
    """Your consent to be named on the public page."""

    listed: bool = Field(description="Consent given and not withdrawn.")
    office: str = Field(description="Office or organisation, as shown.")
    reach: str = Field(description="How people reach you, as shown.")
    consented_at: datetime | None = Field(description="When consent was (last) given.")
    withdrawn_at: datetime | None = Field(description="When it was withdrawn, if it was.")
    version: int = Field(description="The record version (0: never consented).")

    model_config = with_examples(
        {
            "listed": True,
            "office": "Jugendamt Wartburgkreis",
            "reach": "03695 000001, dienstags",
            "consented_at": "2026-03-01T10:00:00Z",
            "withdrawn_at": None,
            "version": 1,
        }
    )
