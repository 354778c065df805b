"""Relations between contacts and the network graph drawn from them."""

from __future__ import annotations

from tests.contacts.helpers import WRITER, make_organisation, relate
from tests.support import etag, make_contact


def relations_url(contact: dict) -> str:
    return f"/api/v1/contacts/{contact['id']}/relations"


async def test_relation_is_listed_from_both_contacts(client, tenants) -> None:
    t = await tenants.make()
    initiative = await make_organisation(client, t, "Bürgerinitiative Lebenswertes Werratal")
    windpark = await make_organisation(
        client, t, "Windpark Werra-Rhön GmbH", actor_group="business"
    )
    relation = await relate(
        client, t, initiative, windpark, relation_type="conflict", note="Abstandsflächen"
    )
    assert relation["source"]["name"] == "Bürgerinitiative Lebenswertes Werratal"
    assert relation["target"]["actor_group"] == "business"

    for contact in (initiative, windpark):
        listed = await client.get(relations_url(contact), headers=t.headers(WRITER))
        assert [r["id"] for r in listed.json()["items"]] == [relation["id"]]
        one = await client.get(
            f"{relations_url(contact)}/{relation['id']}", headers=t.headers(WRITER)
        )
        assert one.status_code == 200 and one.headers["ETag"] == '"1"'
    bystander = await make_contact(client, t)
    reached_wrongly = await client.get(
        f"{relations_url(bystander)}/{relation['id']}", headers=t.headers(WRITER)
    )
    assert reached_wrongly.status_code == 404


async def test_relation_rules(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    a = await make_contact(client, t, given_name="Ines", family_name="Kraus")
    b = await make_contact(client, t, given_name="Olaf", family_name="Beck")
    foreign = await make_contact(client, other)
    await relate(client, t, a, b, relation_type="tension")

    async def attempt(source: dict, target: dict, **fields) -> int:
        body = {"target_id": target["id"], "relation_type": "tension", **fields}
        response = await client.post(relations_url(source), json=body, headers=t.headers(WRITER))
        return response.status_code

    assert await attempt(a, foreign) == 404
    assert await attempt(a, a) == 422
    assert await attempt(a, b) == 409
    # Undirected: the same tension the other way round is the same relation.
    assert await attempt(b, a) == 409
    assert await attempt(b, a, relation_type="funding", directed=True) == 201
    assert await attempt(a, b, relation_type="funding", directed=True) == 201


async def test_update_and_delete_relation_with_etag(client, tenants) -> None:
    t = await tenants.make()
    a = await make_contact(client, t)
    b = await make_organisation(client, t, "Kreisjugendring Wartburgkreis e.V.")
    relation = await relate(client, t, a, b)
    url = f"{relations_url(a)}/{relation['id']}"

    assert (
        await client.patch(url, json={"note": "seit 2024"}, headers=t.headers(WRITER))
    ).status_code == 428
    changed = await client.patch(
        url,
        json={"relation_type": "funding", "directed": True},
        headers={**t.headers(WRITER), **etag(relation)},
    )
    assert changed.status_code == 200
    assert changed.json()["relation_type"] == "funding" and changed.json()["version"] == 2
    stale = await client.delete(url, headers={**t.headers(WRITER), **etag(relation)})
    assert stale.status_code == 412
    gone = await client.delete(url, headers={**t.headers(WRITER), **etag(changed.json())})
    assert gone.status_code == 204
    assert (await client.get(url, headers=t.headers(WRITER))).status_code == 404


async def test_graph_nodes_edges_and_filters(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    kirche = await make_organisation(
        client,
        t,
        "Evangelischer Kirchenkreis Bad Salzungen-Dermbach",
        actor_group="religious_community",
    )
    verein = await make_organisation(
        client, t, "Heimatverein Vacha e.V.", actor_group="associations"
    )
    pfarrer = await make_contact(
        client, t, given_name="Martin", family_name="Rausch", actor_group="religious_community"
    )
    r1 = await relate(client, t, pfarrer, kirche, relation_type="membership", directed=True)
    r2 = await relate(client, t, kirche, verein, relation_type="cooperation")
    await make_contact(client, other)

    graph = (await client.get("/api/v1/network/graph", headers=t.headers("coordinator"))).json()
    assert {n["id"] for n in graph["nodes"]} == {kirche["id"], verein["id"], pfarrer["id"]}
    assert {(e["id"], e["source"], e["target"]) for e in graph["edges"]} == {
        (r1["id"], pfarrer["id"], kirche["id"]),
        (r2["id"], kirche["id"], verein["id"]),
    }
    assert graph["truncated"] is False
    node = next(n for n in graph["nodes"] if n["id"] == pfarrer["id"])
    assert node == {
        "id": pfarrer["id"],
        "label": "Martin Rausch",
        "actor_group": "religious_community",
        "kind": "person",
    }

    religious = (
        await client.get(
            "/api/v1/network/graph?actor_group=religious_community", headers=t.headers(WRITER)
        )
    ).json()
    # Only edges whose two ends are both shown.
    assert {n["id"] for n in religious["nodes"]} == {kirche["id"], pfarrer["id"]}
    assert [e["id"] for e in religious["edges"]] == [r1["id"]]

    typed = (
        await client.get(
            "/api/v1/network/graph?relation_type=cooperation", headers=t.headers(WRITER)
        )
    ).json()
    assert [e["id"] for e in typed["edges"]] == [r2["id"]]

    small = (
        await client.get("/api/v1/network/graph?max_nodes=2", headers=t.headers(WRITER))
    ).json()
    assert len(small["nodes"]) == 2 and small["truncated"] is True
    shown = {n["id"] for n in small["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in small["edges"])

    too_big = await client.get("/api/v1/network/graph?max_nodes=100000", headers=t.headers(WRITER))
    assert too_big.status_code == 422
