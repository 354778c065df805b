"""Network contacts: recording, changing, finding and deleting people and organisations."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func, select

from kokoma.audit.models import AuditEvent
from kokoma.contacts.models import ContactRelation
from tests.contacts.helpers import WRITER, make_organisation, relate
from tests.support import etag, make_contact

BASE = "/api/v1/contacts"


async def test_person_gets_a_name_from_given_and_family_name(client, tenants) -> None:
    t = await tenants.make()
    created = await client.post(
        BASE,
        json={
            "kind": "person",
            "given_name": "Jürgen",
            "family_name": "Möller",
            "actor_group": "politics",
            "position": "Bürgermeister",
            "legal_basis": "publicly_available",
            "topics": ["Windkraft", "Haushalt", "Windkraft"],
        },
        headers=t.headers(WRITER),
    )
    assert created.status_code == 201
    assert created.headers["ETag"] == '"1"'
    body = created.json()
    assert body["name"] == "Jürgen Möller"
    assert body["topics"] == ["Windkraft", "Haushalt"]
    listed = (await client.get(BASE, headers=t.headers(WRITER))).json()["items"]
    assert [c["topics"] for c in listed if c["id"] == body["id"]] == [["Windkraft", "Haushalt"]]

    fetched = await client.get(f"{BASE}/{body['id']}", headers=t.headers("coordinator"))
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_name_follows_given_and_family_name_until_set_apart(client, tenants) -> None:
    t = await tenants.make()
    person = await make_contact(client, t, given_name="Anna", family_name="Schulze")
    renamed = await client.patch(
        f"{BASE}/{person['id']}",
        json={"family_name": "Schulze-Roth"},
        headers={**t.headers(WRITER), **etag(person)},
    )
    assert renamed.json()["name"] == "Anna Schulze-Roth"

    shown = await client.patch(
        f"{BASE}/{person['id']}",
        json={"name": "Dr. Anna Schulze-Roth"},
        headers={**t.headers(WRITER), **etag(renamed.json())},
    )
    again = await client.patch(
        f"{BASE}/{person['id']}",
        json={"given_name": "Anne"},
        headers={**t.headers(WRITER), **etag(shown.json())},
    )
    assert again.json()["name"] == "Dr. Anna Schulze-Roth"
    assert again.json()["given_name"] == "Anne"


async def test_names_and_legal_basis_rules(client, tenants) -> None:
    t = await tenants.make()
    cases = [
        ({"kind": "person"}, "body.name"),
        ({"kind": "organisation", "given_name": "Eva"}, "body.given_name"),
        ({"kind": "organisation"}, "body.name"),
        ({"kind": "person", "name": "Eva Roth", "legal_basis": "consent"}, "body.consent_date"),
        (
            {"kind": "person", "name": "Eva Roth", "consent_date": "2026-01-10"},
            "body.consent_date",
        ),
        (
            {
                "kind": "person",
                "name": "Eva Roth",
                "legal_basis": "consent",
                "consent_date": (date.today() + timedelta(days=2)).isoformat(),
            },
            "body.consent_date",
        ),
    ]
    for fields, field in cases:
        body = {"actor_group": "media", "legal_basis": "public_task", **fields}
        response = await client.post(BASE, json=body, headers=t.headers(WRITER))
        assert response.status_code == 422, fields
        assert response.headers["content-type"].startswith("application/problem+json")
        assert field in [e["field"] for e in response.json()["errors"]], fields
    listed = await client.get(BASE, headers=t.headers(WRITER))
    assert listed.json()["items"] == []


async def test_consent_with_date_and_switching_basis_drops_the_date(client, tenants) -> None:
    t = await tenants.make()
    person = await make_contact(client, t, legal_basis="consent", consent_date="2026-01-15")
    assert person["consent_date"] == "2026-01-15"
    changed = await client.patch(
        f"{BASE}/{person['id']}",
        json={"legal_basis": "legitimate_interest"},
        headers={**t.headers(WRITER), **etag(person)},
    )
    assert changed.status_code == 200
    assert changed.json()["consent_date"] is None


async def test_membership_must_point_to_an_organisation_of_the_municipality(
    client, tenants
) -> None:
    t, other = await tenants.make(), await tenants.make()
    person = await make_contact(client, t)
    foreign_org = await make_organisation(client, other, "Kirmesverein Ifta e.V.")

    to_person = await client.post(
        BASE,
        json={
            "kind": "person",
            "name": "Paul Kern",
            "actor_group": "associations",
            "legal_basis": "public_task",
            "organisation_id": person["id"],
        },
        headers=t.headers(WRITER),
    )
    assert to_person.status_code == 422
    to_foreign = await client.post(
        BASE,
        json={
            "kind": "person",
            "name": "Paul Kern",
            "actor_group": "associations",
            "legal_basis": "public_task",
            "organisation_id": foreign_org["id"],
        },
        headers=t.headers(WRITER),
    )
    assert to_foreign.status_code == 404


async def test_membership_cannot_go_round_in_a_circle(client, tenants) -> None:
    t = await tenants.make()
    land = await make_organisation(client, t, "Landessportbund Thüringen")
    kreis = await make_organisation(
        client, t, "Kreissportbund Wartburgkreis", organisation_id=land["id"]
    )
    circle = await client.patch(
        f"{BASE}/{land['id']}",
        json={"organisation_id": kreis["id"]},
        headers={**t.headers(WRITER), **etag(land)},
    )
    assert circle.status_code == 422
    itself = await client.patch(
        f"{BASE}/{land['id']}",
        json={"organisation_id": land["id"]},
        headers={**t.headers(WRITER), **etag(land)},
    )
    assert itself.status_code == 422


async def test_update_needs_the_current_etag(client, tenants) -> None:
    t = await tenants.make()
    person = await make_contact(client, t)
    url = f"{BASE}/{person['id']}"

    missing = await client.patch(url, json={"position": "Kassenwart"}, headers=t.headers(WRITER))
    assert missing.status_code == 428
    first = await client.patch(
        url, json={"position": "Kassenwart"}, headers={**t.headers(WRITER), **etag(person)}
    )
    assert first.status_code == 200
    assert first.headers["ETag"] == '"2"'
    stale = await client.patch(
        url, json={"position": "Schriftführer"}, headers={**t.headers(WRITER), **etag(person)}
    )
    assert stale.status_code == 412
    current = await client.get(url, headers=t.headers(WRITER))
    assert current.json()["position"] == "Kassenwart"


async def test_changing_only_topics_is_a_new_version(client, tenants) -> None:
    t = await tenants.make()
    person = await make_contact(client, t, topics=["Schule"])
    changed = await client.patch(
        f"{BASE}/{person['id']}",
        json={"topics": ["Schule", "Jugendarbeit"]},
        headers={**t.headers(WRITER), **etag(person)},
    )
    assert changed.json()["topics"] == ["Schule", "Jugendarbeit"]
    assert changed.json()["version"] == 2


async def test_list_filters(client, tenants) -> None:
    t = await tenants.make()
    feuerwehr = await make_organisation(
        client,
        t,
        "Freiwillige Feuerwehr Gerstungen",
        actor_group="associations",
        topics=["Brandschutz"],
    )
    kammer = await make_organisation(client, t, "Ärztekammer Thüringen", actor_group="business")
    wehrleiter = await make_contact(
        client,
        t,
        given_name="Uwe",
        family_name="Hartung",
        actor_group="associations",
        organisation_id=feuerwehr["id"],
        steering_group_member=True,
        topics=["Brandschutz", "Jugend"],
    )
    pfarrerin = await make_contact(
        client, t, given_name="Maria", family_name="Öhler", actor_group="religious_community"
    )

    async def ids(query: str) -> list[str]:
        response = await client.get(f"{BASE}?{query}", headers=t.headers(WRITER))
        assert response.status_code == 200, response.text
        return [c["id"] for c in response.json()["items"]]

    assert await ids("actor_group=associations") == [feuerwehr["id"], wehrleiter["id"]]
    assert set(await ids("actor_group=business&actor_group=religious_community")) == {
        kammer["id"],
        pfarrerin["id"],
    }
    assert await ids("kind=person") == [wehrleiter["id"], pfarrerin["id"]]
    assert await ids("topic=Jugend") == [wehrleiter["id"]]
    assert await ids("steering_group=true") == [wehrleiter["id"]]
    assert await ids(f"organisation_id={feuerwehr['id']}") == [wehrleiter["id"]]
    # Case-insensitive also for umlauts, on names and on the organisation's name.
    assert await ids("q=ärztekammer") == [kammer["id"]]
    assert await ids("q=ÖHLER") == [pfarrerin["id"]]
    assert await ids("q=uwe feuerwehr") == [wehrleiter["id"]]
    assert await ids("q=100%25") == []
    # Umlauts sort as their base letters (DIN 5007-1): Öhler as Ohler, Ärztekammer as Arztekammer.
    assert await ids("sort=-name") == [
        pfarrerin["id"],
        wehrleiter["id"],
        feuerwehr["id"],
        kammer["id"],
    ]


async def test_cursor_paging_walks_every_contact_once(client, tenants) -> None:
    t = await tenants.make()
    made = {
        (await make_contact(client, t, given_name=f"Person{i}", family_name="Beispiel"))["id"]
        for i in range(7)
    }
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        query = "limit=3&sort=-created_at" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(f"{BASE}?{query}", headers=t.headers(WRITER))).json()
        seen.extend(c["id"] for c in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 7 and set(seen) == made
    bad = await client.get(f"{BASE}?cursor=not-a-cursor", headers=t.headers(WRITER))
    assert bad.status_code == 400


async def test_delete_removes_relations_and_detaches_members(client, tenants, db) -> None:
    t = await tenants.make()
    org = await make_organisation(client, t, "Heimatverein Creuzburg e.V.")
    member = await make_contact(client, t, organisation_id=org["id"])
    relation = await relate(client, t, member, org, relation_type="membership", directed=True)
    url = f"{BASE}/{org['id']}"

    assert (await client.delete(url, headers=t.headers(WRITER))).status_code == 428
    assert (
        await client.delete(url, headers={**t.headers(WRITER), "If-Match": '"9"'})
    ).status_code == 412
    deleted = await client.delete(url, headers={**t.headers(WRITER), **etag(org)})
    assert deleted.status_code == 204

    assert (await client.get(url, headers=t.headers(WRITER))).status_code == 404
    now_member = (await client.get(f"{BASE}/{member['id']}", headers=t.headers(WRITER))).json()
    assert now_member["organisation"] is None
    assert now_member["version"] == member["version"] + 1
    async with db() as session:
        left = await session.scalar(
            select(func.count())
            .select_from(ContactRelation)
            .where(ContactRelation.id == uuid.UUID(relation["id"]))
        )
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == org["id"])
            )
        )
    assert left == 0
    assert {"contact.create", "contact.delete"} <= actions


async def test_writes_are_audited_with_field_names_only(client, tenants, db) -> None:
    t = await tenants.make()
    person = await make_contact(client, t, notes="Privat: Tochter im Jugendclub")
    await client.patch(
        f"{BASE}/{person['id']}",
        json={"notes": "Privat: neu", "position": "Vorsitz"},
        headers={**t.headers(WRITER), **etag(person)},
    )
    async with db() as session:
        event = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.resource_id == person["id"], AuditEvent.action == "contact.update"
            )
        )
    assert event.details == {"fields": ["notes", "position"]}
    assert event.actor_id == t.user(WRITER).id
