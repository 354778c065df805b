"""Relations between contacts and the network graph they form."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.contacts.models import Contact, ContactRelation
from kokoma.contacts.schemas import (
    GraphEdge,
    GraphNode,
    NetworkGraph,
    NetworkGraphQuery,
    RelationCreate,
    RelationListQuery,
    RelationUpdate,
)
from kokoma.contacts.service import selected_contacts
from kokoma.core.concurrency import (
    apply_changes,
    check_if_match,
    commit_or_conflict,
    commit_versioned,
)
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import get_scoped, load_one, scoped
from kokoma.errors import Conflict, invalid
from kokoma.events.outbox import EventType

MAX_GRAPH_EDGES = 5000

_LOAD = (selectinload(ContactRelation.source), selectinload(ContactRelation.target))


def _touching(contact_id: uuid.UUID) -> ColumnElement[bool]:
    return or_(ContactRelation.source_id == contact_id, ContactRelation.target_id == contact_id)


async def list_relations(
    session: AsyncSession,
    principal: Principal,
    contact_id: uuid.UUID,
    query: RelationListQuery,
) -> tuple[list[ContactRelation], str | None]:
    """Relations from or to the contact, oldest first."""
    await get_scoped(session, Contact, contact_id, principal, what="Contact")
    stmt = scoped(ContactRelation, principal).where(_touching(contact_id)).options(*_LOAD)
    if query.relation_type:
        stmt = stmt.where(ContactRelation.relation_type == query.relation_type)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(ContactRelation.created_at)],
        id_column=ContactRelation.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_relation(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID, relation_id: uuid.UUID
) -> ContactRelation:
    """The relation, reached through one of its two contacts; 404 otherwise."""
    stmt = (
        scoped(ContactRelation, principal)
        .where(ContactRelation.id == relation_id, _touching(contact_id))
        .options(*_LOAD)
    )
    relation: ContactRelation = await load_one(session, stmt, what="Relation")
    return relation


async def _refuse_duplicate(session: AsyncSession, relation: ContactRelation) -> None:
    # An undirected relation of the same type already links the pair in either order.
    same_way = and_(
        ContactRelation.source_id == relation.source_id,
        ContactRelation.target_id == relation.target_id,
    )
    other_way = and_(
        ContactRelation.source_id == relation.target_id,
        ContactRelation.target_id == relation.source_id,
    )
    if not relation.directed:
        same_way = or_(same_way, other_way)
    else:
        same_way = or_(same_way, and_(other_way, ContactRelation.directed.is_(False)))
    existing = await session.scalar(
        select(ContactRelation.id).where(
            same_way,
            ContactRelation.relation_type == relation.relation_type,
            ContactRelation.id != relation.id,
        )
    )
    if existing is not None:
        raise Conflict(
            "These two contacts already have a relation of this type.", relation_id=str(existing)
        )


async def create_relation(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID, data: RelationCreate
) -> ContactRelation:
    """Relate the contact to another one of the same municipality."""
    await get_scoped(session, Contact, contact_id, principal, what="Contact")
    await get_scoped(session, Contact, data.target_id, principal, what="Contact")
    if data.target_id == contact_id:
        raise invalid("body.target_id", "A contact cannot be related to itself.")
    relation = ContactRelation(
        id=uuid.uuid4(),
        municipality_id=principal.municipality_id,
        source_id=contact_id,
        **data.model_dump(),
    )
    await _refuse_duplicate(session, relation)
    session.add(relation)
    audit.record_change(
        session,
        "contact_relation.create",
        principal=principal,
        target=audit.Target("contact_relation", relation.id),
        event_type=EventType.CONTACT_RELATION_CREATED,
        subject=audit.Target("contact", contact_id),
        details={"source_id": str(contact_id), "target_id": str(data.target_id)},
    )
    # A parallel request may have created the same relation, or deleted a contact.
    await commit_or_conflict(session, "The relation could not be saved; reload the contacts.")
    return await get_relation(session, principal, contact_id, relation.id)


async def update_relation(
    session: AsyncSession,
    principal: Principal,
    contact_id: uuid.UUID,
    relation_id: uuid.UUID,
    data: RelationUpdate,
    if_match: str | None,
) -> ContactRelation:
    """Change type, direction or note, guarded by the relation's ETag."""
    relation = await get_relation(session, principal, contact_id, relation_id)
    check_if_match(if_match, relation.version)
    changed = apply_changes(relation, data)
    for name in ("relation_type", "directed"):
        if changed.get(name, "") is None:
            raise invalid(f"body.{name}", "This field cannot be empty.")
    await _refuse_duplicate(session, relation)
    audit.record_change(
        session,
        "contact_relation.update",
        principal=principal,
        target=audit.Target("contact_relation", relation.id),
        event_type=EventType.CONTACT_RELATION_UPDATED,
        subject=audit.Target("contact", relation.source_id),
        details={"fields": sorted(changed)},
    )
    await commit_or_conflict(session, "These two contacts already have a relation of this type.")
    return await get_relation(session, principal, contact_id, relation.id)


async def delete_relation(
    session: AsyncSession,
    principal: Principal,
    contact_id: uuid.UUID,
    relation_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Remove a relation, guarded by its ETag."""
    relation = await get_relation(session, principal, contact_id, relation_id)
    check_if_match(if_match, relation.version)
    await session.delete(relation)
    audit.record_change(
        session,
        "contact_relation.delete",
        principal=principal,
        target=audit.Target("contact_relation", relation.id),
        event_type=EventType.CONTACT_RELATION_DELETED,
        subject=audit.Target("contact", relation.source_id),
        details={"source_id": str(relation.source_id), "target_id": str(relation.target_id)},
    )
    await commit_versioned(session)


def _graph_nodes(principal: Principal, query: NetworkGraphQuery, max_nodes: int) -> Select[Any]:
    stmt = selected_contacts(
        principal, query, Contact.id, Contact.name, Contact.actor_group, Contact.kind
    )
    return stmt.order_by(Contact.sort_name, Contact.id).limit(max_nodes)


async def network_graph(
    session: AsyncSession, principal: Principal, query: NetworkGraphQuery
) -> NetworkGraph:
    """Contacts matching ``query`` and the relations among them, both bounded in number."""
    max_nodes = query.max_nodes
    nodes_stmt = _graph_nodes(principal, query, max_nodes + 1)
    node_rows = (await session.execute(nodes_stmt)).all()
    truncated = len(node_rows) > max_nodes
    nodes = [
        GraphNode(id=row.id, label=row.name, actor_group=row.actor_group, kind=row.kind)
        for row in node_rows[:max_nodes]
    ]
    node_ids = _graph_nodes(principal, query, max_nodes).with_only_columns(Contact.id)
    edges_stmt = scoped(
        ContactRelation,
        principal,
        ContactRelation.id,
        ContactRelation.source_id,
        ContactRelation.target_id,
        ContactRelation.relation_type,
        ContactRelation.directed,
    ).where(ContactRelation.source_id.in_(node_ids), ContactRelation.target_id.in_(node_ids))
    if query.relation_type:
        edges_stmt = edges_stmt.where(ContactRelation.relation_type.in_(query.relation_type))
    edge_rows = (
        await session.execute(edges_stmt.order_by(ContactRelation.id).limit(MAX_GRAPH_EDGES + 1))
    ).all()
    truncated = truncated or len(edge_rows) > MAX_GRAPH_EDGES
    edges = [
        GraphEdge(
            id=row.id,
            source=row.source_id,
            target=row.target_id,
            relation_type=row.relation_type,
            directed=row.directed,
        )
        for row in edge_rows[:MAX_GRAPH_EDGES]
    ]
    return NetworkGraph(nodes=nodes, edges=edges, truncated=truncated)
