"""The status workflow: legal steps, 409 with the allowed ones, outcomes, reopening, archive."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.cases.models import Case
from kokoma.events.models import DomainEvent
from tests.cases.helpers import change, fresh, make_referral
from tests.support import CASES, etag, make_case

CLOSING = {"outcome": "agreement_reached", "outcome_note": "Vereinbarung zum Lärmschutz"}


async def test_the_whole_path_lands_in_the_timeline(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    for status in ("clarifying", "analysing", "in_progress", "follow_up"):
        case = await change(client, t, case, status, note=f"nach {status}")
    case = await change(client, t, case, "closed", **CLOSING)

    assert case["status"] == "closed"
    assert case["outcome"] == "agreement_reached"
    assert case["closed_at"] is not None
    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=t.headers("coordinator"))
    steps = [
        (e["from_value"], e["to_value"])
        for e in timeline.json()["items"]
        if e["change"] == "status"
    ]
    assert steps == [
        (None, "new"),
        ("new", "clarifying"),
        ("clarifying", "analysing"),
        ("analysing", "in_progress"),
        ("in_progress", "follow_up"),
        ("follow_up", "closed"),
    ]
    async with db() as session:
        published = await session.scalars(
            select(DomainEvent.data).where(
                DomainEvent.resource_id == uuid.UUID(case["id"]),
                DomainEvent.event_type == "case.status_changed",
            )
        )
        assert {"case_id": case["id"], "from": "follow_up", "to": "closed"} in list(published)


async def test_illegal_step_is_409_with_the_allowed_ones(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    response = await client.post(
        f"{CASES}/{case['id']}/status",
        json={"status": "follow_up"},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["allowed"] == ["clarifying", "closed"]
    async with db() as session:
        assert (await session.get(Case, uuid.UUID(case["id"]))).status == "new"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "closed"}, "body.outcome"),
        ({"status": "referred", "outcome": "handed_over"}, "body.referral_id"),
        ({"status": "referred", "referral_id": str(uuid.uuid4())}, "body.referral_id"),
        ({"status": "analysing", "outcome": "withdrawn"}, "body.outcome"),
    ],
)
async def test_outcome_rules(client, tenants, body, field) -> None:
    t = await tenants.make()
    case = await change(client, t, await make_case(client, t), "clarifying")
    response = await client.post(
        f"{CASES}/{case['id']}/status",
        json=body,
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


async def test_referring_names_the_referral_and_assignees_reopen_with_a_reason(
    client, tenants
) -> None:
    t = await tenants.make()
    case = await change(client, t, await make_case(client, t), "clarifying")
    referral = await make_referral(client, t, case, target_name="Schiedsstelle Gerstungen")
    case = await change(
        client,
        t,
        await fresh(client, t, case),
        "referred",
        referral_id=referral["id"],
        note="Schiedsstelle übernimmt",
    )
    assert (case["status"], case["outcome"]) == ("referred", "handed_over")
    assert [r["receiver_name"] for r in case["referrals"]] == ["Schiedsstelle Gerstungen"]
    assert case["allowed_transitions"] == ["clarifying"]  # the assignee may reopen

    other = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    refused = await client.post(
        f"{CASES}/{case['id']}/status",
        json={"status": "clarifying", "note": "kam zurück"},
        headers={**other.headers, **etag(case)},
    )
    assert refused.status_code == 403
    no_reason = await client.post(
        f"{CASES}/{case['id']}/status",
        json={"status": "clarifying"},
        headers={**t.headers("conflict_manager"), **etag(case)},
    )
    assert (no_reason.status_code, no_reason.json()["errors"][0]["field"]) == (422, "body.note")
    back = await change(client, t, case, "clarifying", note="Schiedsstelle lehnt ab")
    assert (back["outcome"], back["closed_at"]) == (None, None)
    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=t.headers("coordinator"))
    steps = [
        (e["change"], e["to_value"], e["subject"], e["note"]) for e in timeline.json()["items"]
    ][2:]
    assert steps == [
        ("status", "clarifying", None, None),
        ("referral", "proposed", "Schiedsstelle Gerstungen", None),
        ("status", "referred", "Schiedsstelle Gerstungen", "Schiedsstelle übernimmt"),
        ("status", "clarifying", None, "Schiedsstelle lehnt ab"),
    ]


async def test_a_declined_referral_hands_nothing_over(client, tenants) -> None:
    t = await tenants.make()
    case = await change(client, t, await make_case(client, t), "clarifying")
    referral = await make_referral(client, t, case, status="declined")
    response = await client.post(
        f"{CASES}/{case['id']}/status",
        json={"status": "referred", "referral_id": referral["id"]},
        headers={**t.headers("conflict_manager"), **etag(await fresh(client, t, case))},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "declined_referral"


async def test_coordinators_withdraw_a_case_opened_by_mistake(client, tenants) -> None:
    t = await tenants.make()
    case = await change(client, t, await make_case(client, t), "clarifying")
    url = f"{CASES}/{case['id']}/withdraw"
    body = {"reason": "Doppelt angelegt"}
    refused = await client.post(
        url, json=body, headers={**t.headers("conflict_manager"), **etag(case)}
    )
    assert refused.status_code == 403
    empty = await client.post(
        url, json={"reason": " "}, headers={**t.headers("coordinator"), **etag(case)}
    )
    assert empty.status_code == 422
    done = await client.post(url, json=body, headers={**t.headers("coordinator"), **etag(case)})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["outcome"], done.json()["archived"]) == (
        "closed",
        "withdrawn",
        True,
    )
    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=t.headers("coordinator"))
    assert timeline.json()["items"][-1]["note"] == "Doppelt angelegt"
    working = await client.get(CASES, headers=t.headers("coordinator"))
    assert case["id"] not in [c["id"] for c in working.json()["items"]]


async def test_backward_steps(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    for status in (
        "clarifying",
        "analysing",
        "in_progress",
        "analysing",
        "in_progress",
        "follow_up",
        "in_progress",
    ):
        case = await change(client, t, case, status)
    assert case["status"] == "in_progress"


async def test_archiving_needs_an_ended_case_and_freezes_it(client, tenants, db) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    url = f"{CASES}/{case['id']}"
    headers = t.headers("conflict_manager")

    early = await client.post(f"{url}/archive", headers={**headers, **etag(case)})
    assert early.status_code == 409
    case = await change(client, t, case, "closed", outcome="not_in_scope")
    archived = await client.post(f"{url}/archive", headers={**headers, **etag(case)})
    assert archived.status_code == 200
    assert archived.json()["archived"] is True

    frozen = await client.patch(
        url, json={"title": "x"}, headers={**headers, **etag(archived.json())}
    )
    assert frozen.status_code == 409
    working = await client.get(CASES, headers=headers)
    assert case["id"] not in [c["id"] for c in working.json()["items"]]
    kept = await client.get(CASES, params={"archived": "true"}, headers=headers)
    assert [c["id"] for c in kept.json()["items"]] == [case["id"]]
    async with db() as session:
        assert (await session.get(Case, uuid.UUID(case["id"]))).archived_at is not None


async def test_transition_table_is_published(client, tenants) -> None:
    t = await tenants.make()
    response = await client.get(
        f"{CASES}/status-transitions", headers=t.headers("conflict_manager")
    )
    steps = {(s["source"], s["target"]): s["reopens"] for s in response.json()}
    assert steps[("closed", "in_progress")] is True
    assert steps[("new", "clarifying")] is False
    assert ("new", "follow_up") not in steps


async def test_a_case_says_which_steps_its_reader_may_take(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    assert case["allowed_transitions"] == ["clarifying", "closed"]

    case = await change(client, t, case, "closed", outcome="withdrawn")
    assert case["allowed_transitions"] == ["in_progress"]  # the assignee may reopen
    url = f"{CASES}/{case['id']}"
    other = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    as_other = await client.get(url, headers=other.headers)
    assert as_other.json()["allowed_transitions"] == []
    as_coordinator = await client.get(url, headers=t.headers("coordinator"))
    assert as_coordinator.json()["allowed_transitions"] == ["in_progress"]

    archived = await client.post(
        f"{url}/archive", headers={**t.headers("coordinator"), **etag(case)}
    )
    assert archived.json()["allowed_transitions"] == []
    listed = await client.get(CASES, params={"archived": "true"}, headers=t.headers("coordinator"))
    assert "allowed_transitions" not in listed.json()["items"][0]
