"""The one crossing between municipalities: who may reach a peer group and what is
shared with it.

Everywhere else a record of another municipality is not found (``kokoma.core.tenancy``
stays strict). Here, and only here, a peer group's members reach the group, its
members' names and municipalities, the presentations shared with it and its sessions —
after one explicit membership check. A caller who is not a member gets 404, exactly
as if the group did not exist; a member who has not accepted the group's current
confidentiality agreement sees the group and its agreement, but takes no part yet.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal
from kokoma.errors import Forbidden, NotFound
from kokoma.peer.models import (
    CasePresentation,
    PeerGroup,
    PeerMembership,
    PeerRole,
    PeerSession,
    PresentationStatus,
)


@dataclass(frozen=True)
class GroupAccess:
    """A group as the caller reaches it: as a member (``membership``) or as an
    administrator who manages the network's groups (``membership`` None)."""

    group: PeerGroup
    membership: PeerMembership | None

    @property
    def accepted(self) -> bool:
        m = self.membership
        return m is not None and m.agreement_version_accepted == self.group.agreement_version

    @property
    def moderates(self) -> bool:
        return self.membership is not None and self.membership.role is PeerRole.MODERATOR


def manages_groups(principal: Principal) -> bool:
    return principal.can(Permission.PEER_MANAGE)


async def reach_group(
    session: AsyncSession,
    principal: Principal,
    group_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> GroupAccess:
    """The group if the caller is a member of it (or manages the network's groups), else 404."""
    stmt = select(PeerGroup).where(PeerGroup.id == group_id)
    if for_update:
        stmt = stmt.with_for_update()
    group = await session.scalar(stmt.execution_options(populate_existing=True))
    membership = None
    if group is not None and principal.is_user:
        membership = await session.scalar(
            select(PeerMembership).where(
                PeerMembership.group_id == group_id, PeerMembership.user_id == principal.id
            )
        )
    if group is None or (membership is None and not manages_groups(principal)):
        raise NotFound("Peer group")
    return GroupAccess(group, membership)


async def take_part(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, *, for_update: bool = False
) -> GroupAccess:
    """The group if the caller is a member who accepted its current agreement: 404 for
    non-members (administrators included: they see no contents), 403 until accepted."""
    reached = await reach_group(session, principal, group_id, for_update=for_update)
    if reached.membership is None:
        raise NotFound("Peer group")
    if not reached.accepted:
        raise Forbidden("Accept the group's confidentiality agreement before taking part.")
    return reached


async def participant_groups(session: AsyncSession, principal: Principal) -> list[uuid.UUID]:
    """The groups in which the caller takes part (member with the current agreement accepted)."""
    rows = await session.execute(
        select(PeerMembership.group_id)
        .join(PeerGroup, PeerGroup.id == PeerMembership.group_id)
        .where(
            PeerMembership.user_id == principal.id,
            PeerMembership.agreement_version_accepted == PeerGroup.agreement_version,
        )
    )
    return [row.group_id for row in rows]


async def reach_presentation(
    session: AsyncSession,
    principal: Principal,
    presentation_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> CasePresentation:
    """A presentation the caller may read: their own, or one shared (not withdrawn) with
    a group in which they take part. Anything else is 404."""
    stmt = select(CasePresentation).where(CasePresentation.id == presentation_id)
    if for_update:
        stmt = stmt.with_for_update()
    found = await session.scalar(stmt.execution_options(populate_existing=True))
    if found is None:
        raise NotFound("Case presentation")
    if found.author_id == principal.id and found.municipality_id == principal.municipality_id:
        return found
    if found.status is PresentationStatus.SHARED and found.group_id is not None:
        if found.group_id in await participant_groups(session, principal):
            return found
    raise NotFound("Case presentation")


def is_author(principal: Principal, presentation: CasePresentation) -> bool:
    return (
        presentation.author_id == principal.id
        and presentation.municipality_id == principal.municipality_id
    )


@dataclass(frozen=True)
class SessionAccess:
    """A session as a participating member of its group reaches it."""

    peer_session: PeerSession
    group: GroupAccess


async def reach_session(
    session: AsyncSession,
    principal: Principal,
    session_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> SessionAccess:
    """A session of a group in which the caller takes part: 404 for everyone else
    (administrators included), 403 until the group's agreement is accepted."""
    stmt = select(PeerSession).where(PeerSession.id == session_id)
    if for_update:
        stmt = stmt.with_for_update()
    found = await session.scalar(stmt.execution_options(populate_existing=True))
    if found is None:
        raise NotFound("Peer session")
    try:
        reached = await take_part(session, principal, found.group_id)
    except NotFound as exc:
        raise NotFound("Peer session") from exc
    return SessionAccess(found, reached)
