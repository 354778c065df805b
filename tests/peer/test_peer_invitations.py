"""Invitations into peer groups: the same answer for every address (no way to learn
whether an address is an account of another municipality); only the colleague behind
it sees the invitation, by e-mail and on the peer page, and accepts or declines."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from kokoma.mail.models import MailKind, MailMessage
from kokoma.peer.models import PeerInvitation
from tests.peer.support import GROUPS, INVITATIONS, accept_agreement, invite, make_network
from tests.support import etag


async def _mails(db, email: str) -> int:
    async with db() as session:
        found = await session.scalars(
            select(MailMessage.id).where(
                MailMessage.to_address == email,
                MailMessage.kind == MailKind.PEER_GROUP_INVITATION,
            )
        )
        return len(list(found))


async def test_every_address_gets_the_same_answer(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    group_id = network.group["id"]
    moderator = network.home.headers("conflict_manager")
    addresses = {
        "colleague": network.outsider.user("conflict_manager").email,
        "unknown": f"niemand-{uuid.uuid4().hex[:6]}@example.org",
        "not casework": network.outsider.user("trainer").email,
        "member already": network.neighbour.user("conflict_manager").email,
    }
    answers = [await invite(client, group_id, email, moderator) for email in addresses.values()]
    assert {tuple(sorted(a)) for a in answers} == {("expires_at", "status")}
    assert {a["status"] for a in answers} == {"pending"}

    # The inviter sees every address as open, never whether it is an account.
    listed = await client.get(f"{GROUPS}/{group_id}/invitations", headers=moderator)
    assert listed.status_code == 200
    assert sorted(i["email"] for i in listed.json()) == sorted(addresses.values())
    # Only the eligible colleague who is not a member yet gets an e-mail.
    assert [await _mails(db, e) for e in addresses.values()] == [1, 0, 0, 0]
    # Inviting an open address again changes nothing and sends nothing.
    await invite(client, group_id, addresses["colleague"], moderator)
    assert await _mails(db, addresses["colleague"]) == 1
    # The member already is not asked again, and the group is as it was.
    neighbour = network.neighbour.headers("conflict_manager")
    assert (await client.get(INVITATIONS, headers=neighbour)).json() == []
    group = (await client.get(f"{GROUPS}/{group_id}", headers=moderator)).json()
    assert len(group["members"]) == 3

    # Members who do not moderate, and everyone outside, do not invite or look.
    for headers, status in ((neighbour, 403), (network.outsider.headers("admin"), 202)):
        response = await client.post(
            f"{GROUPS}/{group_id}/invitations", json={"email": "x@example.org"}, headers=headers
        )
        assert response.status_code == status
    stranger = network.outsider.headers("conflict_manager")
    for response in (
        await client.get(f"{GROUPS}/{group_id}/invitations", headers=stranger),
        await client.post(
            f"{GROUPS}/{group_id}/invitations", json={"email": "x@example.org"}, headers=stranger
        ),
    ):
        assert response.status_code == 404


async def test_the_colleague_accepts_and_then_accepts_the_agreement(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    group_id = network.group["id"]
    moderator = network.home.headers("conflict_manager")
    invitee = network.outsider.headers("coordinator")
    await invite(client, group_id, network.outsider.user("coordinator").email, moderator)

    [mine] = (await client.get(INVITATIONS, headers=invitee)).json()
    assert mine["group_name"] == network.group["name"]
    assert (mine["member_count"], mine["municipality_count"]) == (3, 3)
    # Someone else of the same municipality sees nothing and cannot answer it.
    other = network.outsider.headers("conflict_manager")
    assert (await client.get(INVITATIONS, headers=other)).json() == []
    foreign = await client.post(
        f"{INVITATIONS}/{mine['id']}/acceptance", headers={**other, **etag(mine)}
    )
    assert foreign.status_code == 404

    url = f"{INVITATIONS}/{mine['id']}/acceptance"
    assert (await client.post(url, headers=invitee)).status_code == 428
    stale = await client.post(url, headers={**invitee, "If-Match": '"99"'})
    assert stale.status_code == 412
    accepted = await client.post(url, headers={**invitee, **etag(mine)})
    assert accepted.status_code == 200, accepted.text
    group = accepted.json()
    assert group["my_role"] == "member"
    assert group["my_agreement_accepted"] is False
    assert len(group["members"]) == 4
    # Accepting the agreement stays a step of its own.
    await accept_agreement(client, network, invitee)
    assert (await client.get(INVITATIONS, headers=invitee)).json() == []
    listed = await client.get(f"{GROUPS}/{group_id}/invitations", headers=moderator)
    assert listed.json() == []
    async with db() as session:
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == group_id)
            )
        )
        events = set(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(group_id)
                )
            )
        )
    assert {"peer_group.invite", "peer_group.accept_invitation"} <= actions
    assert {"peer_group.invitation_sent", "peer_group.member_added"} <= events


async def test_declined_withdrawn_and_lapsed_invitations(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    group_id = network.group["id"]
    moderator = network.home.headers("conflict_manager")
    outsider = network.outsider
    await invite(client, group_id, outsider.user("conflict_manager").email, moderator)
    await invite(client, group_id, outsider.user("coordinator").email, moderator)

    # A decline is not told to the inviters: for them the invitation stays open.
    [declined] = (await client.get(INVITATIONS, headers=outsider.headers("coordinator"))).json()
    refused = await client.post(
        f"{INVITATIONS}/{declined['id']}/refusal",
        headers={**outsider.headers("coordinator"), **etag(declined)},
    )
    assert refused.status_code == 204
    assert (await client.get(INVITATIONS, headers=outsider.headers("coordinator"))).json() == []
    listed = (await client.get(f"{GROUPS}/{group_id}/invitations", headers=moderator)).json()
    assert len(listed) == 2

    # Withdrawn: gone for both sides.
    colleague = next(i for i in listed if i["email"] == outsider.user("conflict_manager").email)
    url = f"{GROUPS}/{group_id}/invitations/{colleague['id']}"
    assert (await client.delete(url, headers=moderator)).status_code == 428
    by_member = await client.delete(
        url, headers={**network.neighbour.headers("conflict_manager"), **etag(colleague)}
    )
    assert by_member.status_code == 403
    withdrawn = await client.delete(url, headers={**moderator, **etag(colleague)})
    assert withdrawn.status_code == 204
    assert (
        await client.get(INVITATIONS, headers=outsider.headers("conflict_manager"))
    ).json() == []

    # Lapsed: neither side sees it; inviting the address again opens a new one.
    await invite(client, group_id, outsider.user("conflict_manager").email, moderator)
    async with db() as session:
        await session.execute(
            update(PeerInvitation)
            .where(PeerInvitation.group_id == uuid.UUID(group_id))
            .values(expires_at=datetime.now(UTC) - timedelta(days=1))
        )
        await session.commit()
    assert (
        await client.get(INVITATIONS, headers=outsider.headers("conflict_manager"))
    ).json() == []
    assert (await client.get(f"{GROUPS}/{group_id}/invitations", headers=moderator)).json() == []
    await invite(client, group_id, outsider.user("conflict_manager").email, moderator)
    assert (
        len((await client.get(INVITATIONS, headers=outsider.headers("conflict_manager"))).json())
        == 1
    )


async def test_bad_invitation_input_is_refused_in_german(client, tenants) -> None:
    network = await make_network(client, tenants)
    moderator = network.home.headers("conflict_manager")
    response = await client.post(
        f"{GROUPS}/{network.group['id']}/invitations",
        json={"email": "kein-e-mail", "extra": 1},
        headers={**moderator, "Accept-Language": "de"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
