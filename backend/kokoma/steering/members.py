"""The people of the steering group: its members (users with its role and contacts
marked as members) and the participants of a meeting, each shaped as a person."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import lazyload

from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.contacts.models import Contact
from kokoma.core.tenancy import scoped
from kokoma.errors import invalid
from kokoma.steering.models import SteeringParticipant
from kokoma.steering.schemas import MeetingParticipantIn, SteeringPersonKind
from kokoma.users.models import User


async def _organisations(session: AsyncSession, contacts: list[Contact]) -> dict[uuid.UUID, str]:
    ids = {c.organisation_id for c in contacts if c.organisation_id}
    if not ids:
        return {}
    rows = await session.execute(select(Contact.id, Contact.name).where(Contact.id.in_(ids)))
    return {row.id: row.name for row in rows}


def _person_of_user(user: User) -> dict[str, Any]:
    return {
        "kind": SteeringPersonKind.USER,
        "name": user.full_name,
        "role": user.role.value,
        "position": None,
        "organisation": None,
        "has_email": bool(user.email),
    }


def _person_of_contact(contact: Contact, organisations: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {
        "kind": SteeringPersonKind.CONTACT,
        "name": contact.name,
        "role": None,
        "position": contact.position,
        "organisation": organisations.get(contact.organisation_id)
        if contact.organisation_id
        else None,
        "has_email": bool(contact.email),
    }


def _member_contacts(principal: Principal) -> Select[Any]:
    return scoped(Contact, principal).where(
        Contact.steering_group_member.is_(True), Contact.anonymised_at.is_(None)
    )


def _member_users(principal: Principal) -> Select[Any]:
    return scoped(User, principal).where(
        User.role == Role.STEERING_GROUP, User.is_active.is_(True)
    )


async def members(session: AsyncSession, principal: Principal) -> list[dict[str, Any]]:
    """The steering group: users with its role, then the contacts marked as members."""
    users = list(await session.scalars(_member_users(principal).order_by(User.full_name)))
    contacts = list(await session.scalars(_member_contacts(principal).order_by(Contact.sort_name)))
    organisations = await _organisations(session, contacts)
    return [{"id": u.id, **_person_of_user(u)} for u in users] + [
        {"id": c.id, **_person_of_contact(c, organisations)} for c in contacts
    ]


async def check_participants(
    session: AsyncSession, principal: Principal, wanted: list[MeetingParticipantIn]
) -> None:
    """422 unless each participant is named once and is an active user or a contact of
    the caller's municipality."""
    users = [p.user_id for p in wanted if p.user_id]
    contacts = [p.contact_id for p in wanted if p.contact_id]
    if len(set(users)) != len(users) or len(set(contacts)) != len(contacts):
        raise invalid("body.participants", "Name each person once.", "duplicate")
    found_users = set(
        await session.scalars(
            scoped(User, principal, User.id).where(User.id.in_(users), User.is_active.is_(True))
        )
    )
    if found_users != set(users):
        raise invalid(
            "body.participants",
            "Participants must be active users of your municipality.",
            "unknown_user",
        )
    found_contacts = set(
        await session.scalars(
            scoped(Contact, principal, Contact.id).where(
                Contact.id.in_(contacts), Contact.anonymised_at.is_(None)
            )
        )
    )
    if found_contacts != set(contacts):
        raise invalid(
            "body.participants",
            "External participants must be contacts of your municipality.",
            "unknown_contact",
        )


async def default_participants(
    session: AsyncSession, principal: Principal
) -> list[MeetingParticipantIn]:
    """Everyone of the steering group, invited."""
    users = await session.scalars(_member_users(principal).with_only_columns(User.id))
    contacts = await session.scalars(_member_contacts(principal).with_only_columns(Contact.id))
    return [MeetingParticipantIn(user_id=u) for u in users] + [
        MeetingParticipantIn(contact_id=c) for c in contacts
    ]


async def participant_rows(
    session: AsyncSession, meeting_id: uuid.UUID
) -> list[tuple[SteeringParticipant, User | None, Contact | None]]:
    """The meeting's participants, each with its user or its contact."""
    rows = await session.execute(
        select(SteeringParticipant, User, Contact)
        .outerjoin(User, User.id == SteeringParticipant.user_id)
        .outerjoin(Contact, Contact.id == SteeringParticipant.contact_id)
        .where(SteeringParticipant.meeting_id == meeting_id)
        # The user's municipality is joined eagerly with an inner join, which would drop
        # the rows of external members here.
        .options(lazyload(User.municipality))
    )
    return [(p, u, c) for p, u, c in rows.all()]


async def participants(session: AsyncSession, meeting_id: uuid.UUID) -> list[dict[str, Any]]:
    """The meeting's participants as people with their attendance: users first, then
    external members, each by name."""
    rows = await participant_rows(session, meeting_id)
    organisations = await _organisations(session, [c for _, _, c in rows if c is not None])
    people = []
    for participant, user, contact in rows:
        person = (
            _person_of_user(user) if user else _person_of_contact(contact, organisations)  # type: ignore[arg-type]
        )
        people.append(
            {
                **person,
                "user_id": participant.user_id,
                "contact_id": participant.contact_id,
                "status": participant.status,
            }
        )
    return sorted(
        people, key=lambda p: (p["kind"] != SteeringPersonKind.USER, p["name"].casefold())
    )
