"""Routes of peer groups and case presentations; the rules are in ``groups`` and
``presentations``, the crossing between municipalities in ``access``."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller, CallerAny
from kokoma.core.http import DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.peer import groups, invitations, presentations
from kokoma.peer.access import reach_group
from kokoma.peer.models import CasePresentation
from kokoma.peer.schemas import (
    AcceptanceIn,
    CheckOut,
    InvitationIn,
    InvitationSentOut,
    MyInvitationOut,
    PeerGroupCreate,
    PeerGroupListItem,
    PeerGroupOut,
    PeerGroupUpdate,
    PendingInvitationOut,
    PrefillIn,
    PrefillOut,
    PresentationCreate,
    PresentationListQuery,
    PresentationOut,
    PresentationReadOut,
    PresentationUpdate,
    ShareIn,
)

groups_router = APIRouter(prefix="/peer-groups", tags=["peer consultation"])
presentations_router = APIRouter(prefix="/case-presentations", tags=["peer consultation"])
invitations_router = APIRouter(prefix="/peer-invitations", tags=["peer consultation"])

# Members take part; administrators set groups up and invite, without seeing contents.
GroupCaller = CallerAny(P.PEER_PARTICIPATE, P.PEER_MANAGE)
Member = Caller(P.PEER_PARTICIPATE)


@groups_router.get("", response_model=list[PeerGroupListItem], responses=problems())
async def list_groups(session: DbSession, principal: GroupCaller) -> list[PeerGroupListItem]:
    """The peer groups the caller belongs to (administrators: all groups of the network)."""
    return await groups.list_groups(session, principal)


@groups_router.post("", status_code=201, response_model=PeerGroupOut, responses=problems())
async def create_group(
    body: PeerGroupCreate, response: Response, session: DbSession, principal: Caller(P.PEER_MANAGE)
) -> PeerGroupOut:
    """A group of 3–12 conflict managers and coordinators of at least two municipalities."""
    group = await groups.create_group(session, principal, body)
    reached = await reach_group(session, principal, group.id)
    set_etag(response, group.version)
    return await groups.describe(session, reached, principal)


@groups_router.get("/{group_id}", response_model=PeerGroupOut, responses=problems(404))
async def get_group(
    group_id: uuid.UUID, response: Response, session: DbSession, principal: GroupCaller
) -> PeerGroupOut:
    """The group with its members' names, roles and municipalities; 404 for non-members."""
    reached = await reach_group(session, principal, group_id)
    set_etag(response, reached.group.version)
    return await groups.describe(session, reached, principal)


@groups_router.patch("/{group_id}", response_model=PeerGroupOut, responses=problems(404, 412, 428))
async def update_group(
    group_id: uuid.UUID,
    body: PeerGroupUpdate,
    response: Response,
    session: DbSession,
    principal: GroupCaller,
    if_match: IfMatch = None,
) -> PeerGroupOut:
    """Name, schedule, video link or agreement (administrators and moderators); a new
    agreement text is a new version that every member accepts anew."""
    reached = await groups.update_group(session, principal, group_id, body, if_match)
    set_etag(response, reached.group.version)
    return await groups.describe(session, reached, principal)


@groups_router.post(
    "/{group_id}/invitations",
    status_code=202,
    response_model=InvitationSentOut,
    responses=problems(404),
)
async def invite_member(
    group_id: uuid.UUID, body: InvitationIn, session: DbSession, principal: GroupCaller
) -> InvitationSentOut:
    """Invite a conflict manager or coordinator by e-mail address (administrators and
    moderators). The answer is the same for every address; only an eligible colleague
    behind it sees the invitation and accepts or declines it."""
    expires_at = await invitations.invite(session, principal, group_id, body)
    return InvitationSentOut(status="pending", expires_at=expires_at)


@groups_router.get(
    "/{group_id}/invitations",
    response_model=list[PendingInvitationOut],
    responses=problems(404),
)
async def list_invitations(
    group_id: uuid.UUID, session: DbSession, principal: GroupCaller
) -> list[PendingInvitationOut]:
    """The group's open invitations by address (administrators and moderators)."""
    return [
        PendingInvitationOut(
            id=i.id,
            email=i.email,
            invited_at=i.created_at,
            expires_at=i.expires_at,
            version=i.version,
        )
        for i in await invitations.pending(session, principal, group_id)
    ]


@groups_router.delete(
    "/{group_id}/invitations/{invitation_id}",
    status_code=204,
    responses=problems(404, 412, 428),
)
async def withdraw_invitation(
    group_id: uuid.UUID,
    invitation_id: uuid.UUID,
    session: DbSession,
    principal: GroupCaller,
    if_match: IfMatch = None,
) -> Response:
    """Withdraw an open invitation (administrators and moderators)."""
    await invitations.withdraw(session, principal, group_id, invitation_id, if_match)
    return Response(status_code=204)


@invitations_router.get("", response_model=list[MyInvitationOut], responses=problems())
async def my_invitations(session: DbSession, principal: Member) -> list[MyInvitationOut]:
    """Invitations into peer groups addressed to the caller, newest first."""
    return await invitations.mine(session, principal)


@invitations_router.post(
    "/{invitation_id}/acceptance",
    response_model=PeerGroupOut,
    responses=problems(404, 412, 428),
)
async def accept_invitation(
    invitation_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PeerGroupOut:
    """Join the group; the confidentiality agreement is accepted in a step of its own."""
    group_id = await invitations.accept(session, principal, invitation_id, if_match)
    reached = await reach_group(session, principal, group_id)
    set_etag(response, reached.group.version)
    return await groups.describe(session, reached, principal)


@invitations_router.post(
    "/{invitation_id}/refusal", status_code=204, responses=problems(404, 412, 428)
)
async def decline_invitation(
    invitation_id: uuid.UUID, session: DbSession, principal: Member, if_match: IfMatch = None
) -> Response:
    """Decline the invitation; the inviters are not told."""
    await invitations.decline(session, principal, invitation_id, if_match)
    return Response(status_code=204)


@groups_router.delete(
    "/{group_id}/members/{membership_id}",
    status_code=204,
    responses=problems(404, 412, 428),
)
async def remove_member(
    group_id: uuid.UUID,
    membership_id: uuid.UUID,
    session: DbSession,
    principal: GroupCaller,
    if_match: IfMatch = None,
) -> Response:
    """Take a member out, or leave (at least 3 members stay); reload the group after."""
    await groups.remove_member(session, principal, group_id, membership_id, if_match)
    return Response(status_code=204)


@groups_router.post(
    "/{group_id}/moderator-rotation",
    response_model=PeerGroupOut,
    responses=problems(404, 412, 428),
)
async def rotate_moderator(
    group_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: GroupCaller,
    if_match: IfMatch = None,
) -> PeerGroupOut:
    """Hand the moderator role on to the next member in rotation order."""
    reached = await groups.rotate_moderator(session, principal, group_id, if_match)
    set_etag(response, reached.group.version)
    return await groups.describe(session, reached, principal)


@groups_router.post(
    "/{group_id}/agreement-acceptance", response_model=PeerGroupOut, responses=problems(404)
)
async def accept_agreement(
    group_id: uuid.UUID,
    body: AcceptanceIn,
    response: Response,
    session: DbSession,
    principal: Member,
) -> PeerGroupOut:
    """Accept the group's current confidentiality agreement (recorded with the time)."""
    reached = await groups.accept_agreement(session, principal, group_id, body)
    set_etag(response, reached.group.version)
    return await groups.describe(session, reached, principal)


async def _out(
    session: DbSession, principal: object, presentation: CasePresentation
) -> PresentationOut:
    [out] = await presentations.describe(session, principal, [presentation])  # type: ignore[arg-type]
    return out


@presentations_router.get("", response_model=Page[PresentationOut], responses=problems(400, 404))
async def list_presentations(
    session: DbSession, principal: Member, query: Annotated[PresentationListQuery, Query()]
) -> Page[PresentationOut]:
    """One's own presentations and those shared with one's groups, newest change first."""
    items, cursor = await presentations.list_presentations(session, principal, query)
    return Page(items=await presentations.describe(session, principal, items), next_cursor=cursor)


@presentations_router.post("/prefill", response_model=PrefillOut, responses=problems())
async def prefill(body: PrefillIn, session: DbSession, principal: Member) -> PrefillOut:
    """A proposal from one of one's cases, with names, places, contacts and the
    reference replaced by neutral labels; nothing is saved."""
    return await presentations.prefill(session, principal, body.case_id)


@presentations_router.post(
    "", status_code=201, response_model=PresentationOut, responses=problems()
)
async def create_presentation(
    body: PresentationCreate, response: Response, session: DbSession, principal: Member
) -> PresentationOut:
    """A draft presentation of one of one's cases; a key question is required."""
    presentation = await presentations.create(session, principal, body)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.get(
    "/{presentation_id}", response_model=PresentationOut, responses=problems(404)
)
async def get_presentation(
    presentation_id: uuid.UUID, response: Response, session: DbSession, principal: Member
) -> PresentationOut:
    """One's own presentation, or one shared with a group one takes part in; a read
    from another municipality is audited for the author."""
    presentation = await presentations.read(session, principal, presentation_id)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.patch(
    "/{presentation_id}",
    response_model=PresentationOut,
    responses=problems(404, 409, 412, 428),
)
async def update_presentation(
    presentation_id: uuid.UUID,
    body: PresentationUpdate,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PresentationOut:
    """Change a draft (author); a change of the texts needs a new check."""
    presentation = await presentations.update(session, principal, presentation_id, body, if_match)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.get(
    "/{presentation_id}/check", response_model=CheckOut, responses=problems(404)
)
async def check_presentation(
    presentation_id: uuid.UUID, session: DbSession, principal: Member
) -> CheckOut:
    """What in the texts may still identify someone (author)."""
    return await presentations.run_check(session, principal, presentation_id)


@presentations_router.post(
    "/{presentation_id}/check-confirmation",
    response_model=PresentationOut,
    responses=problems(404, 409, 412, 428),
)
async def confirm_check(
    presentation_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PresentationOut:
    """The author confirms the check of the current texts; sharing needs it."""
    presentation = await presentations.confirm_check(session, principal, presentation_id, if_match)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.post(
    "/{presentation_id}/share",
    response_model=PresentationOut,
    responses=problems(404, 409, 412, 428),
)
async def share_presentation(
    presentation_id: uuid.UUID,
    body: ShareIn,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PresentationOut:
    """Share a checked draft with a group one takes part in."""
    presentation = await presentations.share(session, principal, presentation_id, body, if_match)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.post(
    "/{presentation_id}/withdrawal",
    response_model=PresentationOut,
    responses=problems(404, 412, 428),
)
async def withdraw_presentation(
    presentation_id: uuid.UUID,
    response: Response,
    session: DbSession,
    principal: Member,
    if_match: IfMatch = None,
) -> PresentationOut:
    """Withdraw: from now on nobody but the author reads it."""
    presentation = await presentations.withdraw(session, principal, presentation_id, if_match)
    set_etag(response, presentation.version)
    return await _out(session, principal, presentation)


@presentations_router.get(
    "/{presentation_id}/reads",
    response_model=list[PresentationReadOut],
    responses=problems(404),
)
async def presentation_reads(
    presentation_id: uuid.UUID, session: DbSession, principal: Member
) -> list[PresentationReadOut]:
    """Who of another municipality read it, and when (author)."""
    return await presentations.reads(session, principal, presentation_id)
