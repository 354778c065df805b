"""Finding cases: reference, title, summary, place, requesting body and party names, with
case and umlauts folded alike on every database, and where each hit matched."""

from __future__ import annotations

from typing import Any

from tests.support import CASES, etag, make_case, make_contact


async def _found(client: Any, tenant: Any, q: str) -> dict[str, list[str]]:
    response = await client.get(CASES, params={"q": q}, headers=tenant.headers("coordinator"))
    assert response.status_code == 200, response.text
    return {item["title"]: item["matched_in"] for item in response.json()["items"]}


async def test_search_looks_everywhere_and_says_where(client, tenants) -> None:
    t = await tenants.make()
    noise = await make_case(client, t, title="Streit um den Jugendclub", summary="Ruhestörung")
    case = await make_case(
        client,
        t,
        title="Lärmkonflikt am Marktplatz",
        summary="Anwohnende klagen über Feste.",
        place="Gerstungen-Untersuhl",
        requesting_body="Ortsteilbürgermeisterin",
    )
    person = await make_contact(client, t, given_name="Jürgen", family_name="Müller")
    response = await client.put(
        f"{CASES}/{case['id']}/parties",
        json={"parties": [{"contact_id": person["id"], "role_in_conflict": "conflict_party"}]},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 200, response.text
    title = case["title"]
    number = case["reference"].rsplit("-", 1)[1]

    assert await _found(client, t, case["reference"]) == {title: ["reference"]}
    assert await _found(client, t, number) == {title: ["reference"]}
    assert await _found(client, t, "LÄRM") == {title: ["title"]}
    assert await _found(client, t, "larm") == {title: ["title"]}
    assert await _found(client, t, "untersuhl") == {title: ["place"]}
    assert await _found(client, t, "ORTSTEILBÜRGERMEISTERIN") == {title: ["requesting_body"]}
    assert await _found(client, t, "MULLER") == {title: ["parties"]}
    assert await _found(client, t, "jürgen feste") == {title: ["summary", "parties"]}
    assert await _found(client, t, "müller jugendclub") == {}
    assert noise["title"] in await _found(client, t, "RUHESTÖRUNG")
    unsearched = await client.get(CASES, headers=t.headers("coordinator"))
    assert all(item["matched_in"] == [] for item in unsearched.json()["items"])


async def test_search_stays_in_the_callers_municipality(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    await make_case(client, other, title="Lärmkonflikt in Vacha")
    assert await _found(client, t, "vacha") == {}
