from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import TypeAdapter

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.contacts import relations, service
from kokoma.contacts.schemas import (
    ContactCreate,
    ContactListQuery,
    ContactOut,
    ContactUpdate,
    NetworkGraph,
    NetworkGraphQuery,
    RelationCreate,
    RelationListQuery,
    RelationOut,
    RelationUpdate,
)
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

router = APIRouter(tags=["contacts"])

ContactId = Annotated[uuid.UUID, Path(description="The contact.")]
RelationId = Annotated[
    uuid.UUID, Path(description="The relation; one of its contacts is in the path.")
]
_CONTACT_PAGE = TypeAdapter(Page[ContactOut])


@router.get("/contacts", response_model=Page[ContactOut], responses=problems(400))
async def list_contacts(
    session: DbSession,
    principal: Caller(P.CONTACTS_READ),
    query: Annotated[ContactListQuery, Query()],
) -> Page[ContactOut]:
    """The municipality's network contacts."""
    items, next_cursor = await service.list_contacts(session, principal, query)
    return _CONTACT_PAGE.validate_python({"items": items, "next_cursor": next_cursor})


@router.post("/contacts", status_code=201, response_model=ContactOut, responses=problems(404, 409))
async def create_contact(
    body: ContactCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
) -> ContactOut:
    """Record a person or organisation; 404 when `organisation_id` is not a known contact,
    409 when that organisation was deleted at the same moment."""
    contact = await service.create_contact(session, principal, body)
    set_etag(response, contact.version)
    return ContactOut.model_validate(contact)


@router.get("/contacts/{contact_id}", response_model=ContactOut, responses=problems(404))
async def get_contact(
    contact_id: ContactId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_READ),
) -> ContactOut:
    contact = await service.get_contact(session, principal, contact_id)
    set_etag(response, contact.version)
    return ContactOut.model_validate(contact)


@router.patch(
    "/contacts/{contact_id}", response_model=ContactOut, responses=problems(404, 409, 412, 428)
)
async def update_contact(
    contact_id: ContactId,
    body: ContactUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
    if_match: IfMatch = None,
) -> ContactOut:
    contact = await service.update_contact(session, principal, contact_id, body, if_match)
    set_etag(response, contact.version)
    return ContactOut.model_validate(contact)


@router.delete("/contacts/{contact_id}", status_code=204, responses=problems(404, 409, 412, 428))
async def delete_contact(
    contact_id: ContactId,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
    if_match: IfMatch = None,
) -> Response:
    """Delete a contact with its relations. 409 names the cases and consultations still linked."""
    await service.delete_contact(session, principal, contact_id, if_match)
    return Response(status_code=204)


@router.get(
    "/contacts/{contact_id}/relations",
    response_model=Page[RelationOut],
    responses=problems(400, 404),
)
async def list_relations(
    contact_id: ContactId,
    session: DbSession,
    principal: Caller(P.CONTACTS_READ),
    query: Annotated[RelationListQuery, Query()],
) -> Page[RelationOut]:
    """Relations from and to the contact."""
    items, next_cursor = await relations.list_relations(session, principal, contact_id, query)
    return Page(items=[RelationOut.model_validate(r) for r in items], next_cursor=next_cursor)


@router.post(
    "/contacts/{contact_id}/relations",
    status_code=201,
    response_model=RelationOut,
    responses=problems(404, 409),
)
async def create_relation(
    contact_id: ContactId,
    body: RelationCreate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
) -> RelationOut:
    """Relate the contact to another of the same municipality; 409 if that relation exists."""
    relation = await relations.create_relation(session, principal, contact_id, body)
    set_etag(response, relation.version)
    return RelationOut.model_validate(relation)


@router.get(
    "/contacts/{contact_id}/relations/{relation_id}",
    response_model=RelationOut,
    responses=problems(404),
)
async def get_relation(
    contact_id: ContactId,
    relation_id: RelationId,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_READ),
) -> RelationOut:
    relation = await relations.get_relation(session, principal, contact_id, relation_id)
    set_etag(response, relation.version)
    return RelationOut.model_validate(relation)


@router.patch(
    "/contacts/{contact_id}/relations/{relation_id}",
    response_model=RelationOut,
    responses=problems(404, 409, 412, 428),
)
async def update_relation(
    contact_id: ContactId,
    relation_id: RelationId,
    body: RelationUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
    if_match: IfMatch = None,
) -> RelationOut:
    relation = await relations.update_relation(
        session, principal, contact_id, relation_id, body, if_match
    )
    set_etag(response, relation.version)
    return RelationOut.model_validate(relation)


@router.delete(
    "/contacts/{contact_id}/relations/{relation_id}",
    status_code=204,
    responses=problems(404, 412, 428),
)
async def delete_relation(
    contact_id: ContactId,
    relation_id: RelationId,
    session: DbSession,
    principal: Caller(P.CONTACTS_WRITE),
    if_match: IfMatch = None,
) -> Response:
    await relations.delete_relation(session, principal, contact_id, relation_id, if_match)
    return Response(status_code=204)


@router.get("/network/graph", response_model=NetworkGraph, responses=problems(), tags=["network"])
async def network_graph(
    session: DbSession,
    principal: Caller(P.CONTACTS_READ),
    query: Annotated[NetworkGraphQuery, Query()],
) -> NetworkGraph:
    """The network map: contacts as nodes, relations among them as edges.

    `truncated` is true when `max_nodes` or the edge limit cut the graph short.
    """
    return await relations.network_graph(session, principal, query)
