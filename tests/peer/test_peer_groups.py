"""Peer groups: set up by administrators, 3–12 members of several municipalities, an
agreement each member accepts, a moderator role that rotates; 404 for non-members."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from tests.peer.support import AGREEMENT, GROUPS, PRESENTATIONS, join, make_network
from tests.support import etag


async def test_a_group_shows_members_names_roles_and_municipalities(client, tenants) -> None:
    network = await make_network(client, tenants, accept=False)
    url = f"{GROUPS}/{network.group['id']}"
    response = await client.get(url, headers=network.neighbour.headers("conflict_manager"))
    assert response.status_code == 200
    group = response.json()
    assert response.headers["ETag"] == f'"{group["version"]}"'
    members = {m["full_name"]: m for m in group["members"]}
    home_cm = network.home.user("conflict_manager")
    assert members[home_cm.full_name]["municipality_name"] == network.home.municipality.name
    assert members[home_cm.full_name]["role"] == "moderator"
    third = members[network.third.user("coordinator").full_name]
    assert third["user_role"] == "coordinator"
    assert group["municipality_count"] == 3
    assert group["my_role"] == "member"
    assert group["my_agreement_accepted"] is False
    # Names, roles and municipalities; no e-mail addresses or other data of other towns.
    assert set(third) == {
        "id",
        "user_id",
        "full_name",
        "user_role",
        "municipality_name",
        "role",
        "agreement_accepted",
    }
    listed = await client.get(GROUPS, headers=network.neighbour.headers("conflict_manager"))
    assert [g["id"] for g in listed.json()] == [network.group["id"]]


async def test_non_members_get_404_for_the_group_and_everything_in_it(client, tenants) -> None:
    network = await make_network(client, tenants)
    group_id = network.group["id"]
    # Colleagues of a member's own municipality who are not members, and outsiders.
    for headers in (
        network.outsider.headers("conflict_manager"),
        network.home.headers("coordinator"),
        network.neighbour.headers("coordinator"),
    ):
        assert (await client.get(f"{GROUPS}/{group_id}", headers=headers)).status_code == 404
        listed = await client.get(PRESENTATIONS, params={"group_id": group_id}, headers=headers)
        assert listed.status_code == 404
        accepted = await client.post(
            f"{GROUPS}/{group_id}/agreement-acceptance",
            json={"agreement_version": 1},
            headers=headers,
        )
        assert accepted.status_code == 404
        assert (await client.get(GROUPS, headers=headers)).json() == []


async def test_members_take_part_only_after_accepting_the_agreement(client, tenants, db) -> None:
    network = await make_network(client, tenants, accept=False)
    group_id = network.group["id"]
    headers = network.neighbour.headers("conflict_manager")
    before = await client.get(PRESENTATIONS, params={"group_id": group_id}, headers=headers)
    assert before.status_code == 403
    stale = await client.post(
        f"{GROUPS}/{group_id}/agreement-acceptance", json={"agreement_version": 2}, headers=headers
    )
    assert stale.status_code == 422
    accepted = await client.post(
        f"{GROUPS}/{group_id}/agreement-acceptance", json={"agreement_version": 1}, headers=headers
    )
    assert accepted.status_code == 200
    assert accepted.json()["my_agreement_accepted"] is True
    after = await client.get(PRESENTATIONS, params={"group_id": group_id}, headers=headers)
    assert after.status_code == 200

    # A new text is a new version: everyone accepts again.
    moderator = network.home.headers("conflict_manager")
    current = (await client.get(f"{GROUPS}/{group_id}", headers=moderator)).json()
    changed = await client.patch(
        f"{GROUPS}/{group_id}",
        json={"agreement_text": AGREEMENT + " Auch Notizen bleiben hier."},
        headers={**moderator, **etag(current)},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["agreement_version"] == 2
    again = await client.get(PRESENTATIONS, params={"group_id": group_id}, headers=headers)
    assert again.status_code == 403


async def test_group_size_and_municipalities_are_checked(client, tenants) -> None:
    a, b = await tenants.make(), await tenants.make()
    admin = a.headers("admin")
    base = {"name": "Gruppe", "agreement_text": AGREEMENT}
    two = [a.user("conflict_manager").email, b.user("conflict_manager").email]
    too_few = await client.post(
        GROUPS, json={**base, "member_emails": two, "moderator_email": two[0]}, headers=admin
    )
    assert too_few.status_code == 422
    extra = [(await tenants.add_user(b, Role.CONFLICT_MANAGER)).user.email for _ in range(11)]
    thirteen = [*two, *extra]
    too_many = await client.post(
        GROUPS, json={**base, "member_emails": thirteen, "moderator_email": two[0]}, headers=admin
    )
    assert too_many.status_code == 422
    one_town = [a.user("conflict_manager").email, a.user("coordinator").email]
    one_town.append((await tenants.add_user(a, Role.CONFLICT_MANAGER)).user.email)
    alone = await client.post(
        GROUPS,
        json={**base, "member_emails": one_town, "moderator_email": one_town[0]},
        headers=admin,
    )
    assert alone.status_code == 422
    trainer = [*two, a.user("trainer").email]
    not_casework = await client.post(
        GROUPS, json={**base, "member_emails": trainer, "moderator_email": two[0]}, headers=admin
    )
    assert not_casework.status_code == 422
    assert not_casework.json()["errors"][0]["field"] == "body.member_emails.2"

    twelve = [*two, *extra[:10]]
    created = await client.post(
        GROUPS, json={**base, "member_emails": twelve, "moderator_email": two[0]}, headers=admin
    )
    assert created.status_code == 201, created.text
    group = created.json()
    full = await client.post(
        f"{GROUPS}/{group['id']}/invitations", json={"email": extra[10]}, headers=admin
    )
    assert full.status_code == 422
    # Members do not set up groups.
    denied = await client.post(
        GROUPS,
        json={**base, "member_emails": twelve[:3], "moderator_email": two[0]},
        headers=a.headers("conflict_manager"),
    )
    assert denied.status_code == 403


async def test_moderators_invite_and_the_role_rotates(client, tenants) -> None:
    network = await make_network(client, tenants)
    group_id = network.group["id"]
    moderator = network.home.headers("conflict_manager")
    member = network.neighbour.headers("conflict_manager")
    newcomer = network.outsider.user("conflict_manager").email

    by_member = await client.post(
        f"{GROUPS}/{group_id}/invitations", json={"email": newcomer}, headers=member
    )
    assert by_member.status_code == 403
    group = await join(client, group_id, moderator, network.outsider, "conflict_manager")
    assert len(group["members"]) == 4
    assert group["version"] > network.group["version"]
    # The invited colleague now sees the group.
    seen = await client.get(
        f"{GROUPS}/{group_id}", headers=network.outsider.headers("conflict_manager")
    )
    assert seen.status_code == 200

    rotated = await client.post(
        f"{GROUPS}/{group_id}/moderator-rotation", headers={**moderator, **etag(group)}
    )
    assert rotated.status_code == 200, rotated.text
    roles = {m["full_name"]: m["role"] for m in rotated.json()["members"]}
    assert roles[network.neighbour.user("conflict_manager").full_name] == "moderator"
    assert roles[network.home.user("conflict_manager").full_name] == "member"
    # The former moderator no longer invites.
    group = rotated.json()
    again = await client.post(
        f"{GROUPS}/{group_id}/moderator-rotation", headers={**moderator, **etag(group)}
    )
    assert again.status_code == 403

    # Members leave, but a group keeps three.
    outsider_membership = next(
        m
        for m in group["members"]
        if m["user_id"] == str(network.outsider.user("conflict_manager").id)
    )
    left = await client.delete(
        f"{GROUPS}/{group_id}/members/{outsider_membership['id']}",
        headers={**network.outsider.headers("conflict_manager"), **etag(group)},
    )
    assert left.status_code == 204, left.text
    group = (await client.get(f"{GROUPS}/{group_id}", headers=member)).json()
    third = next(m for m in group["members"] if m["user_role"] == "coordinator")
    too_small = await client.delete(
        f"{GROUPS}/{group_id}/members/{third['id']}", headers={**member, **etag(group)}
    )
    assert too_small.status_code == 422


async def test_administrators_manage_groups_but_see_no_contents(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    admin = network.outsider.headers("admin")
    group_id = network.group["id"]
    seen = await client.get(f"{GROUPS}/{group_id}", headers=admin)
    assert seen.status_code == 200
    assert seen.json()["my_role"] is None
    assert network.group["id"] in [
        g["id"] for g in (await client.get(GROUPS, headers=admin)).json()
    ]
    # Presentations and their lists are for members only (403 by permission).
    listed = await client.get(PRESENTATIONS, params={"group_id": group_id}, headers=admin)
    assert listed.status_code == 403


async def test_group_changes_are_audited(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    async with db() as session:
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == network.group["id"])
            )
        )
        events = set(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(network.group["id"])
                )
            )
        )
    assert {"peer_group.create", "peer_group.accept_agreement"} <= actions
    assert {"peer_group.created", "peer_group.agreement_accepted"} <= events
