"""Network contacts: who is who in the municipality, and on what legal basis it is kept."""

from __future__ import annotations

import uuid
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Row, Select, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.analysis.links import forget_contacts
from kokoma.contacts import links
from kokoma.contacts.models import (
    Contact,
    ContactKind,
    ContactTopic,
    LegalBasis,
)
from kokoma.contacts.schemas import (
    ContactCreate,
    ContactListQuery,
    ContactSelection,
    ContactSort,
    ContactUpdate,
)
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_or_conflict, execute_counted
from kokoma.core.folding import fold, search_terms
from kokoma.core.pagination import SortKey, continues, page_statement, read_page
from kokoma.core.reads import json_list
from kokoma.core.tenancy import get_scoped, load_one, scoped, scoped_template, tenant_params
from kokoma.db import utcnow
from kokoma.errors import Conflict, invalid
from kokoma.events.outbox import EventType

# How far up a chain of memberships (Verein → Kreisverband → Landesverband) is checked.
MAX_MEMBERSHIP_DEPTH = 10
_ORGANISATION_GONE = "The organisation was deleted meanwhile; reload and try again."

_LOAD = (selectinload(Contact.organisation), selectinload(Contact.topic_rows))

_SORTS = {
    ContactSort.NAME: SortKey(Contact.sort_name),
    ContactSort.NAME_DESC: SortKey(Contact.sort_name, descending=True),
    ContactSort.CREATED: SortKey(Contact.created_at),
    ContactSort.CREATED_DESC: SortKey(Contact.created_at, descending=True),
    ContactSort.UPDATED: SortKey(Contact.updated_at),
    ContactSort.UPDATED_DESC: SortKey(Contact.updated_at, descending=True),
}


def selected_contacts(
    principal: Principal, selection: ContactSelection, *columns: Any
) -> Select[Any]:
    """The municipality's contacts (or ``columns`` of them) in ``selection``."""
    return _selected(scoped(Contact, principal, *columns), selection)


def _selected(stmt: Select[Any], selection: ContactSelection) -> Select[Any]:
    if selection.actor_group:
        stmt = stmt.where(Contact.actor_group.in_(selection.actor_group))
    if selection.kind:
        stmt = stmt.where(Contact.kind == selection.kind)
    if selection.steering_group is not None:
        stmt = stmt.where(Contact.steering_group_member.is_(selection.steering_group))
    return stmt


def _matching(stmt: Select[Any], query: ContactListQuery) -> Select[Any]:
    if query.organisation_id:
        stmt = stmt.where(Contact.organisation_id == query.organisation_id)
    if query.topic:
        stmt = stmt.where(
            exists().where(
                ContactTopic.contact_id == Contact.id, ContactTopic.topic == query.topic
            )
        )
    terms = search_terms(query.q)
    if terms:
        # A term may match the contact itself or the organisation it belongs to.
        organisation = aliased(Contact)
        stmt = stmt.outerjoin(organisation, organisation.id == Contact.organisation_id)
        for term in terms:
            stmt = stmt.where(
                or_(
                    Contact.sort_name.contains(term, autoescape=True),
                    organisation.sort_name.contains(term, autoescape=True),
                )
            )
    return stmt


_SHOWN = (
    "id", "kind", "name", "given_name", "family_name", "actor_group", "position", "email",
    "phone", "address", "legal_basis", "consent_date", "consent_expires_on",
    "steering_group_member", "notes", "version", "created_at", "updated_at", "sort_name",
)  # fmt: skip
_ORGANISATION = aliased(Contact)
_REF = ("id", "name", "kind", "actor_group")
# A contact's topics with their places (JSON lists come unordered on SQLite).
_TOPICS = (
    select(json_list({"topic": ContactTopic.topic, "position": ContactTopic.position}))
    .where(ContactTopic.contact_id == Contact.id)
    .correlate(Contact)
    .scalar_subquery()
)
# The list's rows with their organisation and topics, the municipality bound as
# ``tenant_id``: one statement per page.
_LISTED = scoped_template(
    Contact,
    *(getattr(Contact, name) for name in _SHOWN),
    *(getattr(_ORGANISATION, name).label(f"organisation_{name}") for name in _REF),
    _TOPICS.label("topics"),
).outerjoin(_ORGANISATION, _ORGANISATION.id == Contact.organisation_id)


def _build_page(query: ContactListQuery, continued: bool) -> Select[Any]:
    stmt = _matching(_selected(_LISTED, query), query)
    return page_statement(stmt, [_SORTS[query.sort]], Contact.id, continued=continued)


@cache
def _unfiltered_page(sort: ContactSort, continued: bool) -> Select[Any]:
    """A page of the unfiltered list (the list as it opens, and paged on), built once per
    order and first or later page."""
    return _build_page(ContactListQuery(sort=sort), continued)


def _page(query: ContactListQuery) -> Select[Any]:
    continued = continues(query.cursor)
    if not query.filters():
        return _unfiltered_page(query.sort, continued)
    # Filtered lists are built per request: each combination of filters and number of
    # search words would be a statement of its own, and they are rarer than the list
    # as it opens.
    return _build_page(query, continued)


async def list_contacts(
    session: AsyncSession,
    principal: Principal,
    query: ContactListQuery,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of the municipality's contacts matching ``query``, as plain rows with
    their organisation and topics.

    One column statement instead of ORM entities with relationship loading, which cost
    more than the rest of the request (bench/RESULTS.md), read through Core.
    """
    rows, next_cursor = await read_page(
        session,
        _page(query),
        tenant_params(principal),
        keys=[_SORTS[query.sort]],
        id_column=Contact.id,
        limit=query.limit,
        cursor=query.cursor,
    )
    return [_listed(row) for row in rows], next_cursor


def _listed(row: Row[Any]) -> dict[str, Any]:
    values = row._mapping
    organisation = (
        {name: values[f"organisation_{name}"] for name in _REF}
        if values["organisation_id"] is not None
        else None
    )
    return {
        **{name: values[name] for name in _SHOWN},
        "organisation": organisation,
        "topics": [t["topic"] for t in sorted(row.topics, key=itemgetter("position"))],
    }


async def get_contact(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID
) -> Contact:
    """The contact with its organisation and topics; 404 unless of the caller's municipality."""
    stmt = scoped(Contact, principal).where(Contact.id == contact_id).options(*_LOAD)
    return await load_one(session, stmt, what="Contact")


def _full_name(given: str | None, family: str | None) -> str | None:
    return " ".join(part for part in (given, family) if part) or None


def sort_key(contact: Contact) -> str:
    """The folded key a contact is sorted and found by."""
    if contact.kind is ContactKind.PERSON and contact.family_name:
        parts = [contact.family_name, contact.given_name]
        if contact.name != _full_name(contact.given_name, contact.family_name):
            parts.append(contact.name)
        return fold(" ".join(p for p in parts if p))
    return fold(contact.name)


def _settle_names(contact: Contact, previous_full_name: str | None, name_sent: bool) -> None:
    # A person's shown name follows given and family name until someone sets it apart.
    if contact.kind is ContactKind.ORGANISATION:
        if contact.given_name or contact.family_name:
            raise invalid(
                "body.given_name", "Organisations have a name only, no given or family name."
            )
    elif not contact.name or (not name_sent and contact.name == previous_full_name):
        contact.name = _full_name(contact.given_name, contact.family_name) or contact.name
    if not contact.name:
        raise invalid(
            "body.name", "A contact needs a name (or, for a person, a given or family name)."
        )
    contact.sort_name = sort_key(contact)


def _check_consent(contact: Contact) -> None:
    if contact.legal_basis is LegalBasis.CONSENT:
        if contact.consent_date is None:
            raise invalid("body.consent_date", "Consent needs the date it was given.")
        if contact.consent_date > local_today():
            raise invalid("body.consent_date", "Consent cannot have been given in the future.")
        if contact.consent_expires_on is not None and (
            contact.consent_expires_on <= contact.consent_date
        ):
            raise invalid(
                "body.consent_expires_on", "Consent must expire after the day it was given."
            )
    elif contact.consent_date is not None:
        raise invalid(
            "body.consent_date", "A consent date belongs to the legal basis 'consent' only."
        )
    elif contact.consent_expires_on is not None:
        raise invalid(
            "body.consent_expires_on",
            "An expiry date belongs to the legal basis 'consent' only.",
        )


async def _check_organisation(
    session: AsyncSession, principal: Principal, contact: Contact
) -> None:
    if contact.organisation_id is None:
        return
    parent = await get_scoped(
        session, Contact, contact.organisation_id, principal, what="Organisation"
    )
    if parent.kind is not ContactKind.ORGANISATION:
        raise invalid("body.organisation_id", "A contact can only belong to an organisation.")
    for _ in range(MAX_MEMBERSHIP_DEPTH):
        if parent.id == contact.id:
            raise invalid("body.organisation_id", "This membership would go round in a circle.")
        if parent.organisation_id is None:
            return
        parent = await session.get_one(Contact, parent.organisation_id)


def _set_topics(contact: Contact, topics: list[str]) -> None:
    unique = list(dict.fromkeys(topics))
    contact.topic_rows = [ContactTopic(topic=t, position=i) for i, t in enumerate(unique)]


async def _validate(
    session: AsyncSession,
    principal: Principal,
    contact: Contact,
    previous_full_name: str | None,
    name_sent: bool,
) -> None:
    _settle_names(contact, previous_full_name, name_sent)
    _check_consent(contact)
    await _check_organisation(session, principal, contact)


async def create_contact(
    session: AsyncSession, principal: Principal, data: ContactCreate
) -> Contact:
    """Record a contact in the caller's municipality."""
    fields = data.model_dump(exclude={"topics"})
    contact = Contact(id=uuid.uuid4(), municipality_id=principal.municipality_id, **fields)
    await _validate(session, principal, contact, None, data.name is not None)
    _set_topics(contact, data.topics)
    session.add(contact)
    audit.record_change(
        session,
        "contact.create",
        principal=principal,
        target=audit.Target("contact", contact.id),
        event_type=EventType.CONTACT_CREATED,
        details={"kind": contact.kind.value},
    )
    await commit_or_conflict(session, _ORGANISATION_GONE)
    return await get_contact(session, principal, contact.id)


async def update_contact(
    session: AsyncSession,
    principal: Principal,
    contact_id: uuid.UUID,
    data: ContactUpdate,
    if_match: str | None,
) -> Contact:
    """Change a contact, guarded by its ETag."""
    contact = await get_contact(session, principal, contact_id)
    check_if_match(if_match, contact.version)
    previous_full_name = _full_name(contact.given_name, contact.family_name)
    sent = data.model_dump(exclude_unset=True)
    topics = sent.pop("topics", None)
    if sent.get("legal_basis", LegalBasis.CONSENT) is not LegalBasis.CONSENT:
        # Leaving consent for another basis drops the consent date with it.
        sent.setdefault("consent_date", None)
        sent.setdefault("consent_expires_on", None)
    for name, value in sent.items():
        setattr(contact, name, value)
    await _validate(session, principal, contact, previous_full_name, sent.get("name") is not None)
    if topics is not None:
        _set_topics(contact, topics)
    # Touching the row bumps the version even when only the topics changed.
    contact.updated_at = utcnow()
    changed = sorted([*sent, *(["topics"] if topics is not None else [])])
    audit.record_change(
        session,
        "contact.update",
        principal=principal,
        target=audit.Target("contact", contact.id),
        event_type=EventType.CONTACT_UPDATED,
        details={"fields": changed},
    )
    await commit_or_conflict(session, _ORGANISATION_GONE)
    return await get_contact(session, principal, contact.id)


async def delete_contact(
    session: AsyncSession, principal: Principal, contact_id: uuid.UUID, if_match: str | None
) -> None:
    """Delete a contact that no case or consultation refers to (409 naming the links otherwise).

    Its relations go with it; members of a deleted organisation stay, without the membership.
    """
    contact = await get_contact(session, principal, contact_id)
    check_if_match(if_match, contact.version)
    found = await links.links_to(session, principal, contact.id)
    if found:
        raise Conflict(
            "The contact is still linked to other records; remove those links first.",
            links=found,
        )
    detached = await execute_counted(
        session,
        update(Contact)
        .where(Contact.organisation_id == contact.id)
        .values(organisation_id=None, version=Contact.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False),
    )
    await session.delete(contact)
    await forget_contacts(session, contact.municipality_id, [contact.id])
    audit.record_change(
        session,
        "contact.delete",
        principal=principal,
        target=audit.Target("contact", contact.id),
        event_type=EventType.CONTACT_DELETED,
        details={"kind": contact.kind.value, "members_detached": detached},
    )
    await commit_or_conflict(session, "The contact was linked to another record meanwhile.")
