"""What a reader of the audit log needs to read an entry as a sentence: who acted (by
name), which record (by a name the reader may know), and whether the reader may open it.

Names come from the records as they are now, looked up for one page of entries at a
time (one query per kind of record). A record the reader may not see keeps its content
to itself: a case is then named by its reference only, a contact or person not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.api_clients.models import ApiClient
from kokoma.audit.models import AuditEvent
from kokoma.cases.access import visibility_filter
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality
from kokoma.trainings.models import TrainingParticipant, TrainingSeries
from kokoma.users.models import User

if TYPE_CHECKING:
    from kokoma.access.principal import Principal


@dataclass(frozen=True)
class Reading:
    actor_name: str | None = None
    resource_label: str | None = None
    resource_visible: bool = False
    # Names of people whose attendance changed, where the reader may see the series.
    participant_names: dict[str, str] | None = None


def _ids(values: Iterable[object]) -> set[uuid.UUID]:
    found = set()
    for value in values:
        try:
            found.add(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


async def _names(session: AsyncSession, column: Any, label: Any, ids: set[uuid.UUID]) -> dict:
    if not ids:
        return {}
    rows = await session.execute(select(column, label).where(column.in_(ids)))
    return {str(key): value for key, value in rows.all()}


def _may_see_user(principal: Principal, municipality_id: uuid.UUID | None) -> bool:
    return principal.can(Permission.USERS_MANAGE) and (
        principal.can(Permission.USERS_ANY_MUNICIPALITY)
        or municipality_id == principal.municipality_id
    )


async def _labels(
    session: AsyncSession, principal: Principal, kind: str, ids: set[uuid.UUID]
) -> dict[str, tuple[str | None, bool]]:
    """``id → (label, visible)`` for the records of one kind."""
    if not ids:
        return {}
    if kind == "user":
        rows = await session.execute(
            select(User.id, User.full_name, User.municipality_id).where(User.id.in_(ids))
        )
        return {
            str(i): (name, _may_see_user(principal, municipality))
            for i, name, municipality in rows
        }
    if kind == "municipality":
        names = await _names(session, Municipality.id, Municipality.name, ids)
        visible = principal.can(Permission.MUNICIPALITIES_MANAGE)
        return {key: (name, visible) for key, name in names.items()}
    if kind == "api_client":
        names = await _names(session, ApiClient.id, ApiClient.name, ids)
        visible = principal.can(Permission.API_CLIENTS_MANAGE)
        return {key: (name, visible) for key, name in names.items()}
    if kind == "training":
        visible = principal.can(Permission.TRAININGS_READ)
        rows = await session.execute(
            select(TrainingSeries.id, TrainingSeries.title, TrainingSeries.municipality_id).where(
                TrainingSeries.id.in_(ids)
            )
        )
        return {
            str(i): (title, visible and municipality == principal.municipality_id)
            for i, title, municipality in rows
        }
    if kind == "case":
        references = await _names(session, Case.id, Case.reference, ids)
        seen: dict[str, str] = {}
        if principal.can(Permission.CASES_READ):
            rows = await session.execute(
                select(Case.id, Case.title).where(
                    Case.id.in_(ids),
                    Case.municipality_id == principal.municipality_id,
                    visibility_filter(principal),
                )
            )
            seen = {str(i): title for i, title in rows}
        return {
            key: (f"{reference} „{seen[key]}“" if key in seen else reference, key in seen)
            for key, reference in references.items()
        }
    return {}


async def read(
    session: AsyncSession, principal: Principal, events: list[AuditEvent]
) -> list[Reading]:
    """One ``Reading`` per event, in the same order."""
    users = await _names(
        session,
        User.id,
        User.full_name,
        _ids(e.actor_id for e in events if e.actor_kind == "user"),
    )
    clients = await _names(
        session,
        ApiClient.id,
        ApiClient.name,
        _ids(e.actor_id for e in events if e.actor_kind == "client"),
    )
    by_kind: dict[str, set[uuid.UUID]] = {}
    for event in events:
        if event.resource_type:
            by_kind.setdefault(event.resource_type, set()).update(_ids([event.resource_id]))
    labels = {kind: await _labels(session, principal, kind, ids) for kind, ids in by_kind.items()}
    participants = await _participant_names(session, principal, events)

    def reading(event: AuditEvent) -> Reading:
        actors = users if event.actor_kind == "user" else clients
        actor = actors.get(str(event.actor_id)) if event.actor_id else None
        label, visible = labels.get(event.resource_type or "", {}).get(
            event.resource_id or "", (None, False)
        )
        changes = (event.details or {}).get("changes")
        names = (
            {
                c["participant_id"]: participants[c["participant_id"]]
                for c in changes
                if c.get("participant_id") in participants
            }
            if isinstance(changes, list)
            else None
        )
        return Reading(actor, label, visible, names or None)

    return [reading(event) for event in events]


async def _participant_names(
    session: AsyncSession, principal: Principal, events: list[AuditEvent]
) -> dict[str, str]:
    """Names of the participants whose attendance the events changed, for readers of
    the series (trainers and coordinators of the municipality)."""
    if not principal.can(Permission.TRAININGS_READ):
        return {}
    wanted: set[uuid.UUID] = set()
    for event in events:
        changes = (event.details or {}).get("changes")
        if isinstance(changes, list):
            wanted |= _ids(c.get("participant_id") for c in changes if isinstance(c, dict))
    if not wanted:
        return {}
    rows = await session.execute(
        select(TrainingParticipant.id, TrainingParticipant.full_name).where(
            TrainingParticipant.id.in_(wanted),
            TrainingParticipant.municipality_id == principal.municipality_id,
        )
    )
    return {str(i): name for i, name in rows}
