"""Invitations into peer groups by e-mail address.

Moderators and administrators invite an address; the answer is the same whether or
not it belongs to an eligible colleague, so that nobody learns from it which addresses
are accounts of another municipality. Only the colleague behind the address sees the
invitation (and gets an e-mail), and accepts or declines it. Inviters see their open
invitations by address; a declined one stays open for them until it expires.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.core.calendar import local_day
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.db import utcnow
from kokoma.errors import NotFound, Problem, invalid
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.peer.groups import (
    MEMBER_ROLES,
    announce,
    managed,
    member_counts,
    memberships_of,
    touch,
)
from kokoma.peer.models import (
    MAX_MEMBERS,
    MIN_MEMBERS,
    InvitationStatus,
    PeerGroup,
    PeerInvitation,
    PeerMembership,
)
from kokoma.peer.schemas import InvitationIn, MyInvitationOut
from kokoma.settings import get_settings
from kokoma.users.models import User

# Where the invitee answers, relative to the public URL.
INVITATIONS_PATH = "/peer"


def _full(field: str) -> Problem:
    return invalid(
        field,
        f"A peer group has at least {MIN_MEMBERS} and at most {MAX_MEMBERS} members.",
        "member_count",
    )


def _open(now: datetime) -> ColumnElement[bool]:
    # Open for the inviter: not yet accepted and not lapsed (declined ones included).
    return (PeerInvitation.status != InvitationStatus.ACCEPTED) & (PeerInvitation.expires_at > now)


async def _eligible(session: AsyncSession, email: str) -> User | None:
    """The active conflict manager or coordinator with this address, if any."""
    return await session.scalar(
        select(User).where(
            User.email == email, User.is_active.is_(True), User.role.in_(MEMBER_ROLES)
        )
    )


async def invite(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID, data: InvitationIn
) -> datetime:
    """Invite an address (administrators and the group's moderators); returns when the
    invitation lapses. The same answer for every address: an open invitation to it
    stays as it is, otherwise a new one opens and its colleague, if any, gets an e-mail."""
    reached = await managed(session, principal, group_id, for_update=True)
    if len(await memberships_of(session, group_id)) >= MAX_MEMBERS:
        raise _full("body.email")
    email = str(data.email).strip().lower()
    now = utcnow()
    invitation = await session.scalar(
        select(PeerInvitation).where(
            PeerInvitation.group_id == group_id, PeerInvitation.email == email
        )
    )
    if invitation is not None and invitation.expires_at > now:
        if invitation.status is not InvitationStatus.ACCEPTED:
            return invitation.expires_at
    expires_at = now + timedelta(days=get_settings().peer_invitation_days)
    if invitation is None:
        invitation = PeerInvitation(id=uuid.uuid4(), group_id=group_id, email=email)
        session.add(invitation)
    invitation.status = InvitationStatus.PENDING
    invitation.invited_by_id = principal.id
    invitation.expires_at = expires_at
    invitation.answered_at = None
    await session.flush()
    await _tell_invitee(session, reached.group, invitation)
    announce(session, principal, reached.group, "invite", invitation_id=str(invitation.id))
    await commit_versioned(session)
    return expires_at


async def _tell_invitee(
    session: AsyncSession, group: PeerGroup, invitation: PeerInvitation
) -> None:
    # Only an eligible colleague who is not a member yet hears of it.
    user = await _eligible(session, invitation.email)
    if user is None or any(m.user_id == user.id for m in await memberships_of(session, group.id)):
        return
    await notify(
        session,
        user_id=user.id,
        kind=MailKind.PEER_GROUP_INVITATION,
        params={
            "group": group.name,
            "until": local_day(invitation.expires_at).strftime("%d.%m.%Y"),
        },
        link_path=INVITATIONS_PATH,
    )


async def pending(
    session: AsyncSession, principal: Principal, group_id: uuid.UUID
) -> list[PeerInvitation]:
    """The group's open invitations, oldest first (administrators and moderators)."""
    await managed(session, principal, group_id)
    return list(
        await session.scalars(
            select(PeerInvitation)
            .where(PeerInvitation.group_id == group_id, _open(utcnow()))
            .order_by(PeerInvitation.created_at, PeerInvitation.email)
        )
    )


async def withdraw(
    session: AsyncSession,
    principal: Principal,
    group_id: uuid.UUID,
    invitation_id: uuid.UUID,
    if_match: str | None,
) -> None:
    """Withdraw an open invitation (administrators and moderators); it is deleted."""
    reached = await managed(session, principal, group_id)
    invitation = await session.scalar(
        select(PeerInvitation).where(
            PeerInvitation.id == invitation_id,
            PeerInvitation.group_id == group_id,
            _open(utcnow()),
        )
    )
    if invitation is None:
        raise NotFound("Peer invitation")
    check_if_match(if_match, invitation.version)
    await session.delete(invitation)
    announce(
        session, principal, reached.group, "withdraw_invitation", invitation_id=str(invitation.id)
    )
    await commit_versioned(session)


@dataclass(frozen=True)
class _Addressee:
    user: User
    now: datetime


async def _addressee(session: AsyncSession, principal: Principal) -> _Addressee | None:
    user = await session.get(User, principal.id) if principal.is_user else None
    if user is None or not user.is_active or user.role not in MEMBER_ROLES:
        return None
    return _Addressee(user, utcnow())


def _addressed_to(addressee: _Addressee) -> ColumnElement[bool]:
    # Pending, not lapsed, for the caller's address, in a group they are not in yet.
    already = select(PeerMembership.group_id).where(PeerMembership.user_id == addressee.user.id)
    return (
        (PeerInvitation.email == addressee.user.email.lower())
        & (PeerInvitation.status == InvitationStatus.PENDING)
        & (PeerInvitation.expires_at > addressee.now)
        & PeerInvitation.group_id.not_in(already)
    )


async def mine(session: AsyncSession, principal: Principal) -> list[MyInvitationOut]:
    """The invitations addressed to the caller, newest first."""
    addressee = await _addressee(session, principal)
    if addressee is None:
        return []
    rows = list(
        await session.execute(
            select(PeerInvitation, PeerGroup)
            .join(PeerGroup, PeerGroup.id == PeerInvitation.group_id)
            .where(_addressed_to(addressee))
            .order_by(PeerInvitation.created_at.desc(), PeerInvitation.id)
        )
    )
    counts = await member_counts(session, [g.id for _, g in rows])
    return [
        MyInvitationOut(
            id=invitation.id,
            group_id=group.id,
            group_name=group.name,
            schedule=group.schedule,
            member_count=counts.get(group.id, (0, 0))[0],
            municipality_count=counts.get(group.id, (0, 0))[1],
            invited_at=invitation.created_at,
            expires_at=invitation.expires_at,
            version=invitation.version,
        )
        for invitation, group in rows
    ]


async def _own(
    session: AsyncSession, principal: Principal, invitation_id: uuid.UUID, if_match: str | None
) -> tuple[User, PeerInvitation, PeerGroup]:
    addressee = await _addressee(session, principal)
    found = None
    if addressee is not None:
        found = (
            await session.execute(
                select(PeerInvitation, PeerGroup)
                .join(PeerGroup, PeerGroup.id == PeerInvitation.group_id)
                .where(PeerInvitation.id == invitation_id, _addressed_to(addressee))
                .with_for_update(of=PeerGroup)
            )
        ).first()
    if addressee is None or found is None:
        raise NotFound("Peer invitation")
    check_if_match(if_match, found[0].version)
    return addressee.user, found[0], found[1]


async def accept(
    session: AsyncSession, principal: Principal, invitation_id: uuid.UUID, if_match: str | None
) -> uuid.UUID:
    """Accept an invitation addressed to the caller: they become a member (the group's
    agreement is accepted in a step of its own); returns the group's id."""
    user, invitation, group = await _own(session, principal, invitation_id, if_match)
    memberships = await memberships_of(session, group.id)
    if len(memberships) >= MAX_MEMBERS:
        raise _full("path.invitation_id")
    session.add(
        PeerMembership(
            group_id=group.id,
            user_id=user.id,
            municipality_id=user.municipality_id,
            position=max((m.position for m in memberships), default=-1) + 1,
            invited_by_id=invitation.invited_by_id,
        )
    )
    _answer(invitation, InvitationStatus.ACCEPTED)
    touch(group)
    announce(session, principal, group, "accept_invitation", user_id=str(user.id))
    await commit_versioned(session)
    return group.id


async def decline(
    session: AsyncSession, principal: Principal, invitation_id: uuid.UUID, if_match: str | None
) -> None:
    """Decline an invitation addressed to the caller; the inviters are not told."""
    _, invitation, group = await _own(session, principal, invitation_id, if_match)
    _answer(invitation, InvitationStatus.DECLINED)
    announce(session, principal, group, "decline_invitation", invitation_id=str(invitation.id))
    await commit_versioned(session)


def _answer(invitation: PeerInvitation, status: InvitationStatus) -> None:
    invitation.status = status
    invitation.answered_at = utcnow()
