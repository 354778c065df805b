"""Peer groups: administrators set them up, moderators invite, members accept the
group's confidentiality agreement before taking part, and the moderator role rotates.

Members see the group and its members' names, roles and municipalities; nothing else
of the other municipalities. Every write is versioned on the group (If-Match),
audited and published as a domain event.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Role
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.db import utcnow
from kokoma.errors import Forbidden, invalid
from kokoma.municipalities.models import Municipality
from kokoma.peer.access import GroupAccess, manages_groups, reach_group
from kokoma.peer.models import MAX_MEMBERS, MIN_MEMBERS, PeerGroup, PeerMembership, PeerRole
from kokoma.peer.schemas import (
    AcceptanceIn,
    PeerGroupCreate,
    PeerGroupListItem,
    PeerGroupOut,
    PeerGroupUpdate,
    PeerMemberOut,
)
from kokoma.users.models import User

# The domain event of each audited action.
_EVENTS = {
    "create": "created",
    "update": "updated",
    "invite": "invitation_sent",
    "withdraw_invitation": "invitation_withdrawn",
    "accept_invitation": "member_added",
    "decline_invitation": "invitation_declined",
    "remove_member": "member_removed",
    "rotate": "moderator_rotated",
    "accept_agreement": "agreement_accepted",
}
# Only those who do casework consult on cases.
MEMBER_ROLES = (Role.CONFLICT_MANAGER, Role.COORDINATOR)


def announce(
    session: AsyncSession,
    principal: Principal,
    group: PeerGroup,
    action: str,
    **details: Any,
) -> None:
    audit.record_change(
        session,
        f"peer_group.{action}",
        principal=principal,
        target=audit.Target("peer_group", group.id),
        event_type=f"peer_group.{_EVENTS[action]}",
        details=details or None,
    )


def touch(group: PeerGroup) -> None:
    # A change of the members is a change of the group: its version rises.
    group.updated_at = utcnow()


async def _colleagues(session: AsyncSession, emails: list[str], field: str) -> list[User]:
    """Active conflict managers and coordinators with these addresses, in the given order."""
    wanted = [e.strip().lower() for e in emails]
    users = {
        u.email: u
        for u in await session.scalars(
            select(User).where(
                User.email.in_(wanted), User.is_active.is_(True), User.role.in_(MEMBER_ROLES)
            )
        )
    }
    for index, email in enumerate(wanted):
        if email not in users:
            raise invalid(
                f"{field}.{index}" if field.endswith("s") else field,
                "No active conflict manager or coordinator has this e-mail address.",
                "unknown_member",
            )
    return [users[e] for e in wanted]


async def create_group(
    session: AsyncSession, principal: Principal, data: PeerGroupCreate
) -> PeerGroup:
    """A new group of 3–12 conflict managers and coordinators of several municipalities."""
    if not manages_groups(principal):
        raise Forbidden("Only administrators set up peer groups.")
    emails = list(dict.fromkeys(str(e).lower() for e in data.member_emails))
    if len(emails) < MIN_MEMBERS:
        raise invalid(
            "body.member_emails",
            f"A peer group has at least {MIN_MEMBERS} and at most {MAX_MEMBERS} members.",
            "member_count",
        )
    members = await _colleagues(session, emails, "body.member_emails")
    if len({m.municipality_id for m in members}) < 2:
        raise invalid(
            "body.member_emails",
            "A peer group brings together members of at least two municipalities.",
            "one_municipality",
        )
    moderator = str(data.moderator_email).lower()
    if moderator not in emails:
        raise invalid("body.moderator_email", "The moderator must be one of the members.")
    group = PeerGroup(
        id=uuid.uuid4(),
        name=data.name,
        schedule=data.schedule,
        video_link=str(data.video_link) if data.video_link else None,
        agreement_text=data.agreement_text,
        created_by_id=principal.id if principal.is_user else None,
    )
    session.add(group)
    await session.flush()
    for position, user in enumerate(members):
        session.add(
            PeerMembership(
                group_id=group.id,
                user_id=user.id,
                municipality_id=user.municipality_id,
                role=PeerRole.MODERATOR if user.email == moderator else PeerRole.MEMBER,
                position=position,
                invited_by_id=principal.id,
            )
        )
    announce(session, principal, group, "create", members=len(members))
    await session.commit()
    return group


async def memberships_of(session: AsyncSession, group_id: uuid.UUID) -> list[PeerMembership]:
    return list(
        await session.scalars(
            select(PeerMembership)
            .where(PeerMembership.group_id == group_id)
            .order_by(PeerMembership.position)
        )
    )


async def describe(
    session: AsyncSession, reached: GroupAccess, principal: Principal
) -> PeerGroupOut:
    """The group as its members see it: names, roles and municipalities of the members."""
    group = reached.group
    memberships = await memberships_of(session, group.id)
    rows = await session.execute(
        select(User.id, User.full_name, User.role, Municipality.name)
        .join(Municipality, Municipality.id == User.municipality_id)
        .where(User.id.in_([m.user_id for m in memberships]))
    )
    people = {row[0]: row for row in rows}
    members = [
        PeerMemberOut(
            id=m.id,
            user_id=m.user_id,
            full_name=people[m.user_id][1],
            user_role=people[m.user_id][2].value,
            municipality_name=people[m.user_id][3],
            role=m.role,
            agreement_accepted=m.agreement_version_accepted == group.agreement_version,
        )
        for m in memberships
    ]
    return PeerGroupOut(
        id=group.id,
        name=group.name,
        schedule=group.schedule,
        video_link=group.video_link,
        agreement_text=group.agreement_text,
        agreement_version=group.agreement_version,
        members=members,
        municipality_count=len({m.municipality_id for m in memberships}),
        my_role=reached.membership.role if reached.membership else None,
        my_agreement_accepted=reached.accepted,
        can_manage=reached.moderates or manages_groups(principal),
        version=group.version,
    )


async def member_counts(
    session: AsyncSession, group_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """Members and municipalities of each group; groups without members are left out."""
    rows = await session.execute(
        select(
            PeerMembership.group_id,
            func.count(),
            func.count(PeerMembership.municipality_id.distinct()),
        )
        .where(PeerMembership.group_id.in_(group_ids))
        .group_by(PeerMembership.group_id)
    )
    return {row[0]: (row[1], row[2]) for row in rows}


async def list_groups(session: AsyncSession, principal: Principal) -> list[PeerGroupListItem]:
    """The caller's groups (administrators: every group of the network), by name."""
    stmt = select(PeerGroup).order_by(PeerGroup.name, PeerGroup.id)
    if not manages_groups(principal):
        stmt = stmt.join(PeerMembership, PeerMembership.group_id == PeerGroup.id).where(
            PeerMembership.user_id == principal.id
        )
    groups = list(await session.scalars(stmt))
    ids = [g.id for g in groups]
    counts = await member_counts(session, ids)
    accepted = {
        row[0]: row[1]
        for row in await session.execute(
            select(PeerMembership.group_id, PeerMembership.agreement_version_accepted).where(
                PeerMembership.group_id.in_(ids), PeerMembership.user_id == principal.id
            )
        )
    }
    return [
        PeerGroupListItem(
            id=g.id,
            name=g.name,
            schedule=g.schedule,
            member_count=counts.get(g.id, (0, 0))[0],
            municipality_count=counts.get(g.id, (0, 0))[1],
            my_agreement_accepted=accepted.get(g.id) == g.agreement_version,
        )
        for g in groups
    ]


async def managed(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, *, for_update: bool = False
) -> GroupAccess:
    """The group if the caller moderates it or manages the network's groups (403 for
    other members, 404 for everyone else)."""
    reached = await reach_group(session, principal, group_id, for_update=for_update)
    if not (reached.moderates or manages_groups(principal)):
        raise Forbidden("Only administrators and the group's moderators change the group.")
    return reached


async def _managed(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, if_match: str | None
) -> GroupAccess:
    reached = await managed(session, principal, group_id, for_update=True)
    check_if_match(if_match, reached.group.version)
    return reached


async def update_group(
    session: AsyncSession,
    principal: Principal,
    group_id: uuid.UUID,
    data: PeerGroupUpdate,
    if_match: str | None,
) -> GroupAccess:
    """Name, schedule, video link or agreement; a new agreement text is a new version."""
    reached = await _managed(session, principal, group_id, if_match)
    group = reached.group
    sent = data.model_dump(exclude_unset=True)
    if "video_link" in sent and sent["video_link"] is not None:
        sent["video_link"] = str(sent["video_link"])
    changed = sorted(k for k, v in sent.items() if getattr(group, k) != v)
    for name in changed:
        setattr(group, name, sent[name])
    if "agreement_text" in changed:
        group.agreement_version += 1
    if changed:
        announce(session, principal, group, "update", fields=changed)
    await commit_versioned(session)
    return await reach_group(session, principal, group_id)


async def remove_member(
    session: AsyncSession,
    principal: Principal,
    group_id: uuid.UUID,
    membership_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Take a member out (administrators, moderators, or the member themselves);
    a group keeps at least 3 members and one moderator."""
    reached = await reach_group(session, principal, group_id, for_update=True)
    memberships = await memberships_of(session, group_id)
    target = next((m for m in memberships if m.id == membership_id), None)
    own = target is not None and target.user_id == principal.id
    if not (own or reached.moderates or manages_groups(principal)):
        raise Forbidden("Only administrators and the group's moderators change the group.")
    check_if_match(if_match, reached.group.version)
    if target is None:
        raise invalid("path.membership_id", "No such member in this group.", "unknown_member")
    if len(memberships) <= MIN_MEMBERS:
        raise invalid(
            "path.membership_id",
            f"A peer group has at least {MIN_MEMBERS} and at most {MAX_MEMBERS} members.",
            "member_count",
        )
    rest = [m for m in memberships if m.id != target.id]
    if target.role is PeerRole.MODERATOR and not any(m.role is PeerRole.MODERATOR for m in rest):
        _next_after(rest, target.position).role = PeerRole.MODERATOR
    await session.delete(target)
    touch(reached.group)
    announce(session, principal, reached.group, "remove_member", user_id=str(target.user_id))
    await commit_versioned(session)


def _next_after(memberships: list[PeerMembership], position: int) -> PeerMembership:
    later = [m for m in memberships if m.position > position]
    return later[0] if later else memberships[0]


async def rotate_moderator(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, if_match: str | None
) -> GroupAccess:
    """Hand the moderator role on to the next member in rotation order."""
    reached = await _managed(session, principal, group_id, if_match)
    await hand_on_moderation(session, principal, reached.group)
    await commit_versioned(session)
    return await reach_group(session, principal, group_id)


async def hand_on_moderation(
    session: AsyncSession, principal: Principal, group: PeerGroup
) -> PeerMembership:
    """The moderator role passes to the next member in rotation order (after a
    session closes, or when asked); audited with the caller's transaction."""
    memberships = await memberships_of(session, group.id)
    moderators = [m for m in memberships if m.role is PeerRole.MODERATOR]
    last = moderators[-1].position if moderators else -1
    following = _next_after(memberships, last)
    for m in moderators:
        m.role = PeerRole.MEMBER
    following.role = PeerRole.MODERATOR
    touch(group)
    announce(session, principal, group, "rotate", user_id=str(following.user_id))
    return following


async def accept_agreement(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, data: AcceptanceIn
) -> GroupAccess:
    """The caller accepts the group's current confidentiality agreement; recorded with when."""
    reached = await reach_group(session, principal, group_id)
    if reached.membership is None:
        raise Forbidden("Only members accept a group's agreement.")
    if data.agreement_version != reached.group.agreement_version:
        raise invalid(
            "body.agreement_version",
            "The agreement has changed meanwhile. Read the current version and accept it.",
            "stale_agreement",
        )
    reached.membership.agreement_version_accepted = data.agreement_version
    reached.membership.agreement_accepted_at = utcnow()
    announce(
        session,
        principal,
        reached.group,
        "accept_agreement",
        agreement_version=data.agreement_version,
    )
    await session.commit()
    return await reach_group(session, principal, group_id)
