"""Per-client rate limits: 429 with Retry-After, one budget across app instances via Redis."""

from __future__ import annotations

import uuid

from tests.support import app_client, client_headers

ME = "/api/v1/auth/me"
REDIS_URL = "redis://127.0.0.1:6379/0"


async def test_a_client_over_its_budget_gets_429_with_retry_after(
    client, tenants, settings
) -> None:
    t = await tenants.make()
    _, first = await client_headers(client, t, ["cases:read"])
    _, second = await client_headers(client, t, ["cases:read"])

    async with app_client(settings, api_client_rate_limit="3/minute", redis_url="") as limited:
        answers = [(await limited.get(ME, headers=first)).status_code for _ in range(4)]
        refused = await limited.get(ME, headers=first)
        other_client = await limited.get(ME, headers=second)
        person = [
            (await limited.get(ME, headers=t.headers("coordinator"))).status_code for _ in range(5)
        ]

    assert answers == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["type"] == "urn:kokoma:problem:rate-limited"
    assert other_client.status_code == 200
    assert person == [200] * 5


async def test_instances_sharing_redis_share_the_budget(client, tenants, settings) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["cases:read"])
    shared = {
        "api_client_rate_limit": "3/minute",
        "redis_url": REDIS_URL,
        "rate_limit_key_prefix": f"kokoma-test-{uuid.uuid4().hex}",
    }

    async with app_client(settings, **shared) as one, app_client(settings, **shared) as two:
        assert (await one.get(ME, headers=headers)).status_code == 200
        assert (await one.get(ME, headers=headers)).status_code == 200
        assert (await two.get(ME, headers=headers)).status_code == 200
        refused = await two.get(ME, headers=headers)
        assert (await one.get(ME, headers=headers)).status_code == 429

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1


async def test_an_unreachable_redis_does_not_take_the_api_down(client, tenants, settings) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["cases:read"])
    async with app_client(
        settings, api_client_rate_limit="1/minute", redis_url="redis://127.0.0.1:1/0"
    ) as cut_off:
        answers = [(await cut_off.get(ME, headers=headers)).status_code for _ in range(2)]
    assert answers == [200, 200]
