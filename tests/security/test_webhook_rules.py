"""Webhook subscriptions: targets checked as at delivery, events as the owner may read (points 13, 15)."""

from __future__ import annotations

import pytest

from tests.support import register_client, request_token

WEBHOOKS = "/api/v1/webhooks"


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "https://2130706433/",
        "https://0x7f.1/",
        "https://127.1/",
        "https://0177.0.0.1/",
        "https://0x7f000001/",
        "https://10.1/hook",
        "https://127.0.0.1./",
    ],
)
async def test_loopback_and_private_addresses_in_any_notation_are_refused_when_saved(
    client, tenants, url
) -> None:
    t = await tenants.make()
    owner = await register_client(client, t, ["webhooks:manage", "cases:read"])
    response = await client.post(
        WEBHOOKS,
        json={"api_client_id": owner["id"], "target_url": url, "event_types": ["case.created"]},
        headers=t.headers("admin"),
    )
    assert response.status_code == 422, (url, response.text)
    assert response.json()["errors"][0]["field"] == "body.target_url"


async def test_a_token_narrowed_to_webhooks_cannot_subscribe_to_what_it_cannot_read(
    client, tenants
) -> None:
    t = await tenants.make()
    owner = await register_client(client, t, ["webhooks:manage", "cases:read", "trainings:read"])
    narrow = await request_token(
        client, owner["id"], owner["client_secret"], scope="webhooks:manage"
    )
    headers = {"Authorization": f"Bearer {narrow.json()['access_token']}"}
    body = {"target_url": "https://hooks.example.org/kokoma"}
    for event in ("case.created", "consultation.created", "certificate.issued"):
        refused = await client.post(
            WEBHOOKS, json={**body, "event_types": [event]}, headers=headers
        )
        assert refused.status_code == 422, (event, refused.text)
    wide = await request_token(
        client, owner["id"], owner["client_secret"], scope="webhooks:manage cases:read"
    )
    allowed = await client.post(
        WEBHOOKS,
        json={**body, "event_types": ["case.created"]},
        headers={"Authorization": f"Bearer {wide.json()['access_token']}"},
    )
    assert allowed.status_code == 201, allowed.text
