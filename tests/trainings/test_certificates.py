"""Certificate numbers under concurrency, per municipality; public verification."""

from __future__ import annotations

import asyncio
from datetime import date

from tests.trainings.helpers import VERIFICATION_FIELDS, attend_all, make_series, ok

VERIFY = "/api/v1/certificates/verify"


async def test_concurrent_issues_get_distinct_consecutive_numbers(client, tenants) -> None:
    t = await tenants.make()
    all_series = [
        await make_series(client, t, days_per_module=(1,), participants=("A", "B"))
        for _ in range(3)
    ]
    for series in all_series:
        await attend_all(client, series, {0: "present", 1: "present"})

    requests = [
        client.post(
            f"{series.url}/certificates",
            json={"participant_ids": [participant["id"]], "issued_on": "2026-06-30"},
            headers=series.headers(),
        )
        for series in all_series
        for participant in series.participants
    ]
    responses = await asyncio.gather(*requests)

    numbers = sorted(ok(r, 201)["items"][0]["number"] for r in responses)
    prefix = f"KOKOMA-{t.slug.upper()}-2026-"
    assert numbers == [f"{prefix}{n:04d}" for n in range(1, 7)]


async def test_concurrent_issue_all_certifies_each_participant_once(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A", "B", "C"))
    await attend_all(client, series, {0: "present", 1: "present", 2: "present"})

    responses = await asyncio.gather(
        *[
            client.post(f"{series.url}/certificates", json={}, headers=series.headers())
            for _ in range(3)
        ]
    )

    issued = [c for r in responses for c in ok(r, 201)["items"]]
    assert sorted(c["participant_name"] for c in issued) == ["A", "B", "C"]
    listing = ok(await client.get(f"{series.url}/certificates", headers=series.headers()))
    assert len(listing["items"]) == 3


async def test_numbers_count_per_municipality_and_year(client, tenants) -> None:
    first, second = await tenants.make(), await tenants.make()
    numbers = []
    for tenant, issued_on in [
        (first, "2025-12-30"),
        (second, "2026-01-02"),
        (first, "2026-01-02"),
    ]:
        series = await make_series(
            client, tenant, days_per_module=(1,), participants=("A",), start=date(2025, 1, 10)
        )
        await attend_all(client, series, {0: "present"})
        numbers.append(
            ok(
                await client.post(
                    f"{series.url}/certificates",
                    json={"issued_on": issued_on},
                    headers=series.headers(),
                ),
                201,
            )["items"][0]["number"]
        )
    assert numbers == [
        f"KOKOMA-{first.slug.upper()}-2025-0001",
        f"KOKOMA-{second.slug.upper()}-2026-0001",
        f"KOKOMA-{first.slug.upper()}-2026-0001",
    ]


async def test_verification_codes_are_random_and_unknown_ones_are_404(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A", "B"))
    await attend_all(client, series, {0: "present", 1: "present"})
    issued = ok(
        await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201
    )["items"]
    codes = [c["verification_code"] for c in issued]
    assert len(set(codes)) == 2
    assert all(
        len(code) >= 20 and code.replace("-", "").replace("_", "").isalnum() for code in codes
    )

    near_miss = codes[0][:-1] + ("A" if codes[0][-1] != "A" else "B")
    for code in [near_miss, "x" * 32, "short", "%00" * 10, codes[0] + "%0A", "a" * 100]:
        response = await client.get(f"{VERIFY}/{code}")
        assert response.status_code == 404, code
        assert response.headers["content-type"].startswith("application/problem+json")
    # Without a token, and a token does not change the answer.
    for headers in [{}, t.headers("steering_group")]:
        answer = await client.get(f"{VERIFY}/{codes[0]}", headers=headers)
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "no-store"
        assert set(answer.json()) == VERIFICATION_FIELDS
