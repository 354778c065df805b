"""A municipality's list of places: towns and municipalities with their official key and
their Ortsteile, kept by coordinators, chosen for cases (a place in words as the
fallback), and counted by in the statistics."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kokoma.core.calendar import LOCAL_TIME
from tests.support import CASES, Tenant, etag, make_case

PLACES = "/api/v1/places"
COORDINATOR = "coordinator"


async def make_place(client: Any, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    body = {"kind": "municipality", **fields}
    response = await client.post(PLACES, json=body, headers=tenant.headers(COORDINATOR))
    assert response.status_code == 201, response.text
    return response.json()


async def test_coordinators_keep_the_list_of_towns_and_ortsteile(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    town = await make_place(client, t, name="Gerstungen", official_key="16063028")
    part = await make_place(client, t, name="Marksuhl", kind="district_part", parent_id=town["id"])
    assert (part["parent_id"], part["official_key"]) == (town["id"], None)
    await make_place(client, other, name="Mühlhausen")

    listed = await client.get(PLACES, headers=t.headers("conflict_manager"))
    assert [(p["name"], p["kind"]) for p in listed.json()["items"]] == [
        ("Gerstungen", "municipality"),
        ("Marksuhl", "district_part"),
    ]
    refused = await client.post(
        PLACES,
        json={"name": "Seebach", "kind": "municipality"},
        headers=t.headers("conflict_manager"),
    )
    assert refused.status_code == 403

    # Archived places stay readable but are no longer offered.
    archived = await client.patch(
        f"{PLACES}/{part['id']}",
        json={"archived": True},
        headers={**t.headers(COORDINATOR), **etag(part)},
    )
    assert archived.status_code == 200, archived.text
    stale = await client.patch(
        f"{PLACES}/{part['id']}",
        json={"name": "Marksuhl (Gerstungen)"},
        headers={**t.headers(COORDINATOR), **etag(part)},
    )
    assert stale.status_code == 412
    offered = await client.get(PLACES, headers=t.headers(COORDINATOR))
    assert [p["name"] for p in offered.json()["items"]] == ["Gerstungen"]
    everything = await client.get(
        PLACES, params={"include_archived": "true"}, headers=t.headers(COORDINATOR)
    )
    assert len(everything.json()["items"]) == 2
    elsewhere = await client.get(f"{PLACES}/{part['id']}", headers=other.headers(COORDINATOR))
    assert elsewhere.status_code == 404


async def test_the_rules_of_the_list(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    town = await make_place(client, t, name="Vacha", official_key="16063082")
    foreign = await make_place(client, other, name="Schlotheim")
    part = await make_place(
        client, t, name="Völkershausen", kind="district_part", parent_id=town["id"]
    )
    cases = {
        "same name": ({"name": "Vacha"}, 409),
        "same key": ({"name": "Vacha-Nord", "official_key": "16063082"}, 409),
        "key not 8 digits": ({"name": "Geisa", "official_key": "1606"}, 422),
        "ortsteil without town": ({"name": "Borsch", "kind": "district_part"}, 422),
        "ortsteil with key": (
            {
                "name": "Borsch",
                "kind": "district_part",
                "parent_id": town["id"],
                "official_key": "16063032",
            },
            422,
        ),
        "town under a town": ({"name": "Geisa", "parent_id": town["id"]}, 422),
        "ortsteil of an ortsteil": (
            {"name": "Oberzella", "kind": "district_part", "parent_id": part["id"]},
            422,
        ),
        "ortsteil of another municipality": (
            {"name": "Oberzella", "kind": "district_part", "parent_id": foreign["id"]},
            422,
        ),
        "unknown field": ({"name": "Geisa", "population": 5000}, 422),
    }
    for label, (fields, status) in cases.items():
        body = {"kind": "municipality", **fields}
        response = await client.post(PLACES, json=body, headers=t.headers(COORDINATOR))
        assert response.status_code == status, (label, response.text)
    keyed = await client.patch(
        f"{PLACES}/{part['id']}",
        json={"official_key": "16063999"},
        headers={**t.headers(COORDINATOR), **etag(part)},
    )
    assert keyed.status_code == 422
    assert keyed.json()["errors"][0]["field"] == "body.official_key"


async def test_a_case_names_a_listed_place_or_one_in_words(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    town = await make_place(client, t, name="Gerstungen", official_key="16063028")
    part = await make_place(client, t, name="Marksuhl", kind="district_part", parent_id=town["id"])
    foreign = await make_place(client, other, name="Mühlhausen")

    listed = await make_case(client, t, place_id=part["id"], place="wird ersetzt")
    assert (listed["place_id"], listed["place"]) == (part["id"], "Marksuhl")
    found = await client.get(CASES, params={"q": "marksuhl"}, headers=t.headers(COORDINATOR))
    assert [c["id"] for c in found.json()["items"]] == [listed["id"]]

    refused = await client.post(
        CASES,
        json={"title": "Streit", "place_id": foreign["id"]},
        headers=t.headers("conflict_manager"),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "body.place_id"

    # A place in words unlinks the listed one; choosing from the list again links it.
    words = await client.patch(
        f"{CASES}/{listed['id']}",
        json={"place": "Kaltennordheim"},
        headers={**t.headers("conflict_manager"), **etag(listed)},
    )
    assert (words.json()["place_id"], words.json()["place"]) == (None, "Kaltennordheim")
    again = await client.patch(
        f"{CASES}/{listed['id']}",
        json={"place_id": town["id"]},
        headers={**t.headers("conflict_manager"), **etag(words.json())},
    )
    assert (again.json()["place_id"], again.json()["place"]) == (town["id"], "Gerstungen")

    archived = await client.patch(
        f"{PLACES}/{part['id']}",
        json={"archived": True},
        headers={**t.headers(COORDINATOR), **etag(part)},
    )
    assert archived.status_code == 200
    stale_choice = await client.post(
        CASES,
        json={"title": "Streit", "place_id": part["id"]},
        headers=t.headers("conflict_manager"),
    )
    assert stale_choice.status_code == 422


async def test_statistics_count_cases_by_place(client, tenants) -> None:
    t = await tenants.make()
    town = await make_place(client, t, name="Gerstungen", official_key="16063028")
    part = await make_place(client, t, name="Marksuhl", kind="district_part", parent_id=town["id"])
    unkeyed = await make_place(client, t, name="Seebach")
    await make_case(client, t, place_id=town["id"])
    await make_case(client, t, place_id=part["id"])
    await make_case(client, t, place_id=unkeyed["id"])
    await make_case(client, t, place="Kaltennordheim")
    await make_case(client, t)
    year = str(datetime.now(LOCAL_TIME).year)
    response = await client.get(
        "/api/v1/statistics/cases",
        params={"from": f"{year}-01-01", "to": f"{year}-12-31"},
        headers=t.headers(COORDINATOR),
    )
    assert response.status_code == 200, response.text
    rows = [(r["key"], r["label"], r["count"]["value"]) for r in response.json()["by_place"]]
    assert rows == [
        ("16063028", "Gerstungen", 2),
        (unkeyed["id"], "Seebach", 1),
        ("not_listed", "Ort nicht in der Liste", 1),
        ("unknown", "Ohne Ort", 1),
    ]
