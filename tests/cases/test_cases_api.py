"""Opening, reading and changing cases; reference numbers; ETags; events and audit."""

from __future__ import annotations

import asyncio
import re
import uuid

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.cases.models import Case
from kokoma.events.models import DomainEvent
from tests.support import CASES, etag, insert_contact, make_case


async def _events(db, case_id: str) -> list[tuple[str, dict]]:
    async with db() as session:
        rows = await session.scalars(
            select(DomainEvent)
            .where(DomainEvent.resource_id == uuid.UUID(case_id))
            .order_by(DomainEvent.occurred_at)
        )
        return [(e.event_type, e.data) for e in rows]


async def _audit_actions(db, case_id: str) -> list[str]:
    async with db() as session:
        rows = await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.resource_id == case_id)
            .order_by(AuditEvent.occurred_at)
        )
        return list(rows)


async def test_a_new_case_gets_a_reference_and_its_opener_as_assignee(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t, place="Dippach", requesting_body="Ortsteilrat")

    assert re.fullmatch(rf"{t.slug.upper()}-20\d\d-0001", case["reference"])
    assert case["status"] == "new"
    assert case["visibility"] == "team"
    assert case["assignees"] == [
        {
            "user_id": str(t.user("conflict_manager").id),
            "full_name": t.user("conflict_manager").full_name,
        }
    ]
    detail = await client.get(f"{CASES}/{case['id']}", headers=t.headers("coordinator"))
    assert detail.status_code == 200
    assert detail.headers["ETag"] == '"1"'
    assert detail.json()["place"] == "Dippach"


async def test_reference_numbers_count_per_municipality(client, tenants) -> None:
    first, second = await tenants.make(), await tenants.make()
    a1 = await make_case(client, first)
    b1 = await make_case(client, second)
    a2 = await make_case(client, first)

    assert a1["reference"].endswith("-0001")
    assert b1["reference"].endswith("-0001")
    assert a2["reference"].endswith("-0002")


async def test_concurrent_creations_get_distinct_consecutive_numbers(client, tenants) -> None:
    t = await tenants.make()
    responses = await asyncio.gather(
        *(
            client.post(CASES, json={"title": f"Fall {i}"}, headers=t.headers("conflict_manager"))
            for i in range(8)
        )
    )
    assert [r.status_code for r in responses] == [201] * 8
    numbers = sorted(int(r.json()["reference"].rsplit("-", 1)[1]) for r in responses)
    assert numbers == list(range(1, 9))


async def test_creation_is_audited_and_published_without_texts(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t, summary="Vertrauliche Schilderung")

    events = await _events(db, case["id"])
    assert events == [
        (
            "case.created",
            {
                "case_id": case["id"],
                "reference": case["reference"],
                "status": "new",
                "escalation_level": 3,
            },
        )
    ]
    assert await _audit_actions(db, case["id"]) == ["case.create"]


async def test_update_needs_if_match_and_refuses_stale_versions(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    url = f"{CASES}/{case['id']}"
    headers = t.headers("conflict_manager")

    missing = await client.patch(url, json={"title": "Neu"}, headers=headers)
    assert missing.status_code == 428
    done = await client.patch(url, json={"title": "Neu"}, headers={**headers, **etag(case)})
    assert done.status_code == 200
    assert done.headers["ETag"] == '"2"'
    stale = await client.patch(url, json={"title": "Älter"}, headers={**headers, **etag(case)})
    assert stale.status_code == 412

    async with db() as session:
        assert (await session.get(Case, uuid.UUID(case["id"]))).title == "Neu"


async def test_escalation_change_lands_in_timeline_and_events(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    response = await client.patch(
        f"{CASES}/{case['id']}",
        json={"escalation_level": 5, "timeline_note": "Drohbriefe an den Bürgermeister"},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 200

    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=t.headers("coordinator"))
    entries = [
        (e["change"], e["from_value"], e["to_value"], e["note"]) for e in timeline.json()["items"]
    ]
    assert entries == [
        ("status", None, "new", None),
        ("escalation_level", None, "3", None),
        ("escalation_level", "3", "5", "Drohbriefe an den Bürgermeister"),
    ]
    assert timeline.json()["items"][-1]["actor_name"] == t.user("conflict_manager").full_name
    events = await _events(db, case["id"])
    assert ("case.escalation_changed", {"case_id": case["id"], "from": 3, "to": 5}) in events
    assert ("case.updated", {"case_id": case["id"], "fields": ["escalation_level"]}) in events
    assert await _audit_actions(db, case["id"]) == ["case.create", "case.update"]


async def test_topics_are_replaced_and_duplicates_collapse(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t, topics=["youth", "youth", "religion"])
    assert case["topics"] == ["religion", "youth"]
    response = await client.patch(
        f"{CASES}/{case['id']}",
        json={"topics": ["religion", "local_politics"]},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.json()["topics"] == ["local_politics", "religion"]


async def test_indicators_need_the_democracy_flag(client, tenants) -> None:
    t = await tenants.make()
    refused = await client.post(
        CASES,
        json={"title": "Fall", "democracy_indicators": ["violence"]},
        headers=t.headers("conflict_manager"),
    )
    assert refused.status_code == 422

    case = await make_case(
        client, t, endangers_democracy=True, democracy_indicators=["violence", "disinformation"]
    )
    cleared = await client.patch(
        f"{CASES}/{case['id']}",
        json={"endangers_democracy": False},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert cleared.json()["democracy_indicators"] == []


async def test_explicit_null_for_a_required_field_is_refused(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    response = await client.patch(
        f"{CASES}/{case['id']}",
        json={"title": None},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 422


async def test_parties_link_contacts_with_roles(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    initiative = await insert_contact(db, t, "Bürgerinitiative Gegenwind Dippach")
    mayor = await insert_contact(db, t, "Heike Sander")
    url = f"{CASES}/{case['id']}/parties"
    headers = t.headers("conflict_manager")

    response = await client.put(
        url,
        json={
            "parties": [
                {"contact_id": str(initiative), "role_in_conflict": "conflict_party"},
                {
                    "contact_id": str(mayor),
                    "role_in_conflict": "decision_maker",
                    "note": "lädt ein",
                },
            ]
        },
        headers={**headers, **etag(case)},
    )
    assert response.status_code == 200
    parties = {p["name"]: (p["role_in_conflict"], p["note"]) for p in response.json()["parties"]}
    assert parties == {
        "Bürgerinitiative Gegenwind Dippach": ("conflict_party", None),
        "Heike Sander": ("decision_maker", "lädt ein"),
    }

    again = await client.put(
        url,
        json={"parties": [{"contact_id": str(mayor), "role_in_conflict": "affected"}]},
        headers={**headers, **etag(response.json())},
    )
    assert [(p["name"], p["role_in_conflict"]) for p in again.json()["parties"]] == [
        ("Heike Sander", "affected")
    ]
    assert again.json()["version"] == response.json()["version"] + 1


async def test_parties_are_listed_by_name_wherever_a_case_is_shown(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t, topics=["youth", "local_politics"])
    names = ["Zweckverband Wasser", "Amt Creuzburg", "Mieterverein Eisenach"]
    contacts = [await insert_contact(db, t, name) for name in names]
    headers = t.headers("conflict_manager")
    response = await client.put(
        f"{CASES}/{case['id']}/parties",
        json={
            "parties": [{"contact_id": str(c), "role_in_conflict": "affected"} for c in contacts]
        },
        headers={**headers, **etag(case)},
    )
    assert response.status_code == 200
    detail = await client.get(f"{CASES}/{case['id']}", headers=headers)
    (listed,) = (await client.get(CASES, headers=headers)).json()["items"]

    by_name = sorted(names)
    for shown in (response.json(), detail.json(), listed):
        assert [p["name"] for p in shown["parties"]] == by_name
        assert {p["contact_id"] for p in shown["parties"]} == {str(c) for c in contacts}
        assert shown["topics"] == ["local_politics", "youth"]
        assert [a["full_name"] for a in shown["assignees"]] == [
            listed["assignees"][0]["full_name"]
        ]
    # A case without children shows empty lists, not nulls.
    bare = await make_case(client, t, "coordinator", topics=[], assignee_ids=[])
    shown = (await client.get(f"{CASES}/{bare['id']}", headers=t.headers("coordinator"))).json()
    assert (shown["parties"], shown["topics"], shown["assignees"]) == ([], [], [])


async def test_parties_must_be_own_contacts_and_unique(client, tenants, db) -> None:
    t, other = await tenants.make(), await tenants.make()
    case = await make_case(client, t)
    foreign = await insert_contact(db, other)
    own = await insert_contact(db, t)
    url = f"{CASES}/{case['id']}/parties"
    headers = {**t.headers("conflict_manager"), **etag(case)}

    for parties in (
        [{"contact_id": str(foreign), "role_in_conflict": "affected"}],
        [{"contact_id": str(own), "role_in_conflict": "affected"}] * 2,
    ):
        response = await client.put(url, json={"parties": parties}, headers=headers)
        assert response.status_code == 422
    detail = await client.get(f"{CASES}/{case['id']}", headers=t.headers("conflict_manager"))
    assert detail.json()["parties"] == []


async def test_coordinator_assigns_conflict_managers_of_the_municipality(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    colleague = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await make_case(client, t, role="coordinator")
    assert case["assignees"][0]["user_id"] == str(t.user("coordinator").id)
    url = f"{CASES}/{case['id']}/assignees"
    headers = {**t.headers("coordinator"), **etag(case)}

    for unfit in (t.user("trainer").id, other.user("conflict_manager").id, uuid.uuid4()):
        response = await client.put(url, json={"user_ids": [str(unfit)]}, headers=headers)
        assert response.status_code == 422, unfit
    response = await client.put(url, json={"user_ids": [str(colleague.user.id)]}, headers=headers)
    assert response.status_code == 200
    assert [a["user_id"] for a in response.json()["assignees"]] == [str(colleague.user.id)]

    mine = await client.get(
        CASES, params={"assignee": str(colleague.user.id)}, headers=t.headers("conflict_manager")
    )
    assert [c["id"] for c in mine.json()["items"]] == [case["id"]]


async def test_only_coordinators_choose_assignees_when_opening(client, tenants) -> None:
    t = await tenants.make()
    response = await client.post(
        CASES,
        json={"title": "Fall", "assignee_ids": [str(t.user("conflict_manager").id)]},
        headers=t.headers("conflict_manager"),
    )
    assert response.status_code == 403


async def test_restricted_case_needs_an_assignee(client, tenants) -> None:
    t = await tenants.make()
    refused = await client.post(
        CASES,
        json={"title": "Fall", "visibility": "restricted", "assignee_ids": []},
        headers=t.headers("coordinator"),
    )
    assert refused.status_code == 409
    case = await make_case(client, t, visibility="restricted")
    emptied = await client.put(
        f"{CASES}/{case['id']}/assignees",
        json={"user_ids": []},
        headers={**t.headers("coordinator"), **etag(case)},
    )
    assert emptied.status_code == 409


async def test_escalation_levels_have_german_and_english_names(client, tenants) -> None:
    t = await tenants.make()
    response = await client.get(
        f"{CASES}/escalation-levels", headers=t.headers("conflict_manager")
    )
    levels = response.json()
    assert [level["level"] for level in levels] == list(range(1, 10))
    assert levels[0]["label_de"] == "Verhärtung"
    assert levels[8]["label_en"] == "Together into the abyss"
    assert [level["phase"] for level in levels[2:4]] == ["win_win", "win_lose"]
