"""Arranging peer groups across several test municipalities through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient

from tests.support import Tenant, etag, insert_contact, make_case

GROUPS = "/api/v1/peer-groups"
SESSIONS = "/api/v1/peer-sessions"
PRESENTATIONS = "/api/v1/case-presentations"
INVITATIONS = "/api/v1/peer-invitations"
AGREEMENT = "Was in der Gruppe gesagt wird, bleibt in der Gruppe."


@dataclass
class Network:
    """Three municipalities whose conflict managers (and one coordinator) form a group."""

    home: Tenant
    neighbour: Tenant
    third: Tenant
    outsider: Tenant
    group: dict[str, Any]

    @property
    def members(self) -> list[Tenant]:
        return [self.home, self.neighbour, self.third]


async def make_network(client: AsyncClient, tenants: Any, *, accept: bool = True) -> Network:
    home, neighbour, third, outsider = [await tenants.make() for _ in range(4)]
    body = {
        "name": "Fallberatung West",
        "schedule": "monatlich",
        "video_link": "https://video.example/west",
        "agreement_text": AGREEMENT,
        "member_emails": [
            home.user("conflict_manager").email,
            neighbour.user("conflict_manager").email,
            third.user("coordinator").email,
        ],
        "moderator_email": home.user("conflict_manager").email,
    }
    response = await client.post(GROUPS, json=body, headers=home.headers("admin"))
    assert response.status_code == 201, response.text
    group = response.json()
    network = Network(home, neighbour, third, outsider, group)
    if accept:
        for tenant, role in (
            (home, "conflict_manager"),
            (neighbour, "conflict_manager"),
            (third, "coordinator"),
        ):
            await accept_agreement(client, network, tenant.headers(role))
    return network


async def accept_agreement(client: AsyncClient, network: Network, headers: dict[str, str]) -> None:
    response = await client.post(
        f"{GROUPS}/{network.group['id']}/agreement-acceptance",
        json={"agreement_version": network.group["agreement_version"]},
        headers=headers,
    )
    assert response.status_code == 200, response.text


async def shared_presentation(
    client: AsyncClient, db: Any, network: Network, *, author: Tenant | None = None, **fields: Any
) -> dict[str, Any]:
    """A presentation by a member's conflict manager (the home one unless told),
    checked and shared with the group."""
    home = author or network.home
    headers = home.headers("conflict_manager")
    case = await make_case(client, home)
    body = {
        "case_id": case["id"],
        "title": "Streit um einen Jugendtreff",
        "summary": "Person A beschwert sich über Lärm.",
        "key_question": "Wie kann ich erreichen, dass alle wieder reden?",
        "topics": ["youth"],
        "actor_groups": ["civil_society"],
        **fields,
    }
    created = await client.post(PRESENTATIONS, json=body, headers=headers)
    assert created.status_code == 201, created.text
    item = created.json()
    confirmed = await client.post(
        f"{PRESENTATIONS}/{item['id']}/check-confirmation", headers={**headers, **etag(item)}
    )
    assert confirmed.status_code == 200, confirmed.text
    shared = await client.post(
        f"{PRESENTATIONS}/{item['id']}/share",
        json={"group_id": network.group["id"]},
        headers={**headers, **etag(confirmed.json())},
    )
    assert shared.status_code == 200, shared.text
    return shared.json()


__all__ = ["insert_contact"]


async def invite(
    client: AsyncClient, group_id: str, email: str, headers: dict[str, str]
) -> dict[str, Any]:
    """Invite ``email`` as the caller of ``headers``; the answer, whatever the address."""
    response = await client.post(
        f"{GROUPS}/{group_id}/invitations", json={"email": email}, headers=headers
    )
    assert response.status_code == 202, response.text
    return response.json()


async def join(
    client: AsyncClient, group_id: str, inviter: dict[str, str], invitee: Tenant, role: str
) -> dict[str, Any]:
    """Invite a colleague, who accepts; the group as they see it afterwards."""
    await invite(client, group_id, invitee.user(role).email, inviter)
    mine = (await client.get(INVITATIONS, headers=invitee.headers(role))).json()
    [invitation] = [i for i in mine if i["group_id"] == group_id]
    accepted = await client.post(
        f"{INVITATIONS}/{invitation['id']}/acceptance",
        headers={**invitee.headers(role), **etag(invitation)},
    )
    assert accepted.status_code == 200, accepted.text
    return accepted.json()
