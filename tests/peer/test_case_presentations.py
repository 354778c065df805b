"""Case presentations: prepared from one's case with neutral labels, checked for what
identifies someone, shared only after the author confirms the check, read across the
boundary only by the group's members (each read audited for the author), withdrawn
by the author; never a way back to the case for another municipality."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.cases.models import CaseParty, PartyRole
from tests.peer.support import GROUPS, PRESENTATIONS, make_network, shared_presentation
from tests.support import etag, insert_contact, make_case


async def _case_with_party(client, db, tenant) -> dict:
    contact_id = await insert_contact(db, tenant, "Katrin Wagner")
    case = await make_case(
        client,
        tenant,
        title="Streit bei Wagner in Dippach",
        summary="Katrin Wagner aus Dippach rief an (0361 1234567, k.wagner@example.org). "
        "Frau Wagner fühlt sich bedroht.",
        place="Dippach",
    )
    async with db() as session:
        session.add(
            CaseParty(
                case_id=uuid.UUID(case["id"]),
                contact_id=contact_id,
                role_in_conflict=PartyRole.AFFECTED,
            )
        )
        await session.commit()
    return case


async def test_prefill_replaces_names_places_contacts_and_reference(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await _case_with_party(client, db, tenant)
    headers = tenant.headers("conflict_manager")
    response = await client.post(
        f"{PRESENTATIONS}/prefill", json={"case_id": case["id"]}, headers=headers
    )
    assert response.status_code == 200, response.text
    draft = response.json()
    assert draft["title"] == "Streit bei Person A in Ort A"
    assert draft["summary"] == (
        "Person A aus Ort A rief an ([Telefonnummer], [E-Mail-Adresse]). "
        "Frau Person A fühlt sich bedroht."
    )
    assert "Wagner" not in str(draft) and case["reference"] not in str(draft)
    assert draft["topics"] == ["energy_infrastructure"]
    assert draft["actor_groups"] == ["civil_society"]
    # Another municipality's case cannot be prepared.
    other = await tenants.make()
    foreign = await client.post(
        f"{PRESENTATIONS}/prefill",
        json={"case_id": case["id"]},
        headers=other.headers("conflict_manager"),
    )
    assert foreign.status_code == 422


async def test_the_check_flags_what_is_left_and_sharing_waits_for_confirmation(
    client, tenants, db
) -> None:
    network = await make_network(client, tenants)
    home = network.home
    headers = home.headers("conflict_manager")
    case = await _case_with_party(client, db, home)
    body = {
        "case_id": case["id"],
        "title": "Streit um Lärm",
        "summary": f"Person A (Frau Wagner) aus Dippach, {case['reference']}, "
        "Tel. +49 361 765432, katrin@example.org",
        "key_question": "Wie kann ich erreichen, dass wieder geredet wird?",
    }
    empty_question = await client.post(
        PRESENTATIONS, json={**body, "key_question": "  "}, headers=headers
    )
    assert empty_question.status_code == 422
    created = await client.post(PRESENTATIONS, json=body, headers=headers)
    assert created.status_code == 201, created.text
    item = created.json()
    assert item["status"] == "draft" and item["check_confirmed"] is False

    check = await client.get(f"{PRESENTATIONS}/{item['id']}/check", headers=headers)
    assert check.status_code == 200
    found = {(f["kind"], f["text"]) for f in check.json()["findings"]}
    assert found == {
        ("name", "Wagner"),
        ("place", "Dippach"),
        ("reference", case["reference"]),
        ("phone", "+49 361 765432"),
        ("email", "katrin@example.org"),
    }

    unchecked = await client.post(
        f"{PRESENTATIONS}/{item['id']}/share",
        json={"group_id": network.group["id"]},
        headers={**headers, **etag(item)},
    )
    assert unchecked.status_code == 422
    assert unchecked.json()["errors"][0]["type"] == "check_not_confirmed"

    confirmed = await client.post(
        f"{PRESENTATIONS}/{item['id']}/check-confirmation", headers={**headers, **etag(item)}
    )
    assert confirmed.status_code == 200
    assert confirmed.json()["check_confirmed"] is True
    # A change of the texts needs a new check.
    edited = await client.patch(
        f"{PRESENTATIONS}/{item['id']}",
        json={"summary": "Person A aus Ort A fühlt sich bedroht."},
        headers={**headers, **etag(confirmed.json())},
    )
    assert edited.status_code == 200
    assert edited.json()["check_confirmed"] is False
    again = await client.post(
        f"{PRESENTATIONS}/{item['id']}/share",
        json={"group_id": network.group["id"]},
        headers={**headers, **etag(edited.json())},
    )
    assert again.status_code == 422
    clean = await client.get(f"{PRESENTATIONS}/{item['id']}/check", headers=headers)
    assert clean.json()["findings"] == []
    confirmed = await client.post(
        f"{PRESENTATIONS}/{item['id']}/check-confirmation",
        headers={**headers, **etag(edited.json())},
    )
    # Only with a group the author takes part in.
    elsewhere = await client.post(
        f"{PRESENTATIONS}/{item['id']}/share",
        json={"group_id": str(uuid.uuid4())},
        headers={**headers, **etag(confirmed.json())},
    )
    assert elsewhere.status_code == 422
    shared = await client.post(
        f"{PRESENTATIONS}/{item['id']}/share",
        json={"group_id": network.group["id"]},
        headers={**headers, **etag(confirmed.json())},
    )
    assert shared.status_code == 200, shared.text
    assert shared.json()["status"] == "shared"
    frozen = await client.patch(
        f"{PRESENTATIONS}/{item['id']}",
        json={"title": "Neu"},
        headers={**headers, **etag(shared.json())},
    )
    assert frozen.status_code == 409


async def test_members_read_shared_presentations_without_a_link_to_the_case(
    client, tenants, db
) -> None:
    network = await make_network(client, tenants)
    item = await shared_presentation(client, db, network)
    url = f"{PRESENTATIONS}/{item['id']}"
    author = network.home.headers("conflict_manager")
    assert (await client.get(url, headers=author)).json()["case_id"] is not None

    reader = network.neighbour.headers("conflict_manager")
    response = await client.get(url, headers=reader)
    assert response.status_code == 200
    seen = response.json()
    assert seen["case_id"] is None
    assert seen["author_municipality"] == network.home.municipality.name
    assert seen["is_mine"] is False
    listed = await client.get(
        PRESENTATIONS, params={"group_id": network.group["id"]}, headers=reader
    )
    assert [p["id"] for p in listed.json()["items"]] == [item["id"]]
    assert listed.json()["items"][0]["case_id"] is None
    # The reader cannot change it, check it, or see who read it.
    for method, path in (
        ("PATCH", url),
        ("GET", f"{url}/check"),
        ("GET", f"{url}/reads"),
        ("POST", f"{url}/withdrawal"),
    ):
        kwargs = {"json": {"title": "x"}} if method == "PATCH" else {}
        denied = await client.request(method, path, headers={**reader, **etag(seen)}, **kwargs)
        assert denied.status_code == 404, (method, path)
    # The case itself stays in its municipality.
    case = await client.get(
        f"/api/v1/cases/{(await client.get(url, headers=author)).json()['case_id']}",
        headers=reader,
    )
    assert case.status_code == 404


async def test_every_read_from_another_municipality_is_audited_for_the_author(
    client, tenants, db
) -> None:
    network = await make_network(client, tenants)
    item = await shared_presentation(client, db, network)
    url = f"{PRESENTATIONS}/{item['id']}"
    author = network.home.headers("conflict_manager")
    await client.get(url, headers=network.neighbour.headers("conflict_manager"))
    await client.get(url, headers=network.third.headers("coordinator"))
    await client.get(url, headers=author)  # the author's own reads are not listed

    reads = await client.get(f"{url}/reads", headers=author)
    assert reads.status_code == 200
    readers = [(r["reader_name"], r["reader_municipality"]) for r in reads.json()]
    assert readers == [
        (network.third.user("coordinator").full_name, network.third.municipality.name),
        (
            network.neighbour.user("conflict_manager").full_name,
            network.neighbour.municipality.name,
        ),
    ]
    async with db() as session:
        towns = list(
            await session.scalars(
                select(AuditEvent.municipality_id).where(
                    AuditEvent.action == "case_presentation.read",
                    AuditEvent.resource_id == item["id"],
                )
            )
        )
    # Recorded in the author's municipality, whose audit log shows it.
    assert towns == [network.home.id, network.home.id]


async def test_withdrawn_presentations_are_read_by_nobody_else(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    item = await shared_presentation(client, db, network)
    url = f"{PRESENTATIONS}/{item['id']}"
    author = network.home.headers("conflict_manager")
    reader = network.neighbour.headers("conflict_manager")
    assert (await client.get(url, headers=reader)).status_code == 200
    withdrawn = await client.post(f"{url}/withdrawal", headers={**author, **etag(item)})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    assert (await client.get(url, headers=reader)).status_code == 404
    listed = await client.get(
        PRESENTATIONS, params={"group_id": network.group["id"]}, headers=reader
    )
    assert listed.json()["items"] == []
    assert (await client.get(url, headers=author)).status_code == 200


async def test_outsiders_and_colleagues_reach_nothing_of_the_channel(client, tenants, db) -> None:
    """Tenant isolation extended to the channel: only members, only what was shared."""
    network = await make_network(client, tenants)
    item = await shared_presentation(client, db, network)
    draft = await client.post(
        PRESENTATIONS,
        json={
            "case_id": (await make_case(client, network.home))["id"],
            "title": "Entwurf",
            "key_question": "Wie kann ich erreichen, dass …?",
        },
        headers=network.home.headers("conflict_manager"),
    )
    draft_id = draft.json()["id"]
    outsiders = (
        network.outsider.headers("conflict_manager"),
        network.outsider.headers("coordinator"),
        # The author's own coordinator is no member of the group.
        network.home.headers("coordinator"),
    )
    for headers in outsiders:
        for presentation_id in (item["id"], draft_id):
            got = await client.get(f"{PRESENTATIONS}/{presentation_id}", headers=headers)
            assert got.status_code == 404
        assert (await client.get(PRESENTATIONS, headers=headers)).json()["items"] == []
        assert (
            await client.get(f"{GROUPS}/{network.group['id']}", headers=headers)
        ).status_code == 404
    # A member of the group does not read a draft that was never shared.
    member = network.neighbour.headers("conflict_manager")
    assert (await client.get(f"{PRESENTATIONS}/{draft_id}", headers=member)).status_code == 404
    # Steering group, trainers and API clients have no access to the channel at all.
    for role in ("steering_group", "trainer"):
        denied = await client.get(
            f"{PRESENTATIONS}/{item['id']}", headers=network.neighbour.headers(role)
        )
        assert denied.status_code == 403
