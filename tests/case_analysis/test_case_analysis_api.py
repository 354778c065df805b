"""The working analysis of a case: writing, reading, versioning and its rules."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.core.calendar import local_today
from kokoma.events.models import DomainEvent
from tests.case_analysis.helpers import analysis_url, put_analysis, sample
from tests.support import CASES, make_case, make_contact


async def test_a_new_case_has_an_empty_analysis_at_version_0(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    response = await client.get(analysis_url(case), headers=tenant.headers("conflict_manager"))
    assert response.status_code == 200
    assert response.headers["ETag"] == '"0"'
    body = response.json()
    assert body["version"] == 0 and body["updated_at"] is None
    assert body["content"]["actors"] == [] and body["content"]["headline_follows_assessments"]


async def test_write_read_and_derived_levels(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant, escalation_level=2)
    response = await put_analysis(client, tenant, case, sample())
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"1"'
    saved = response.json()
    assessments = saved["content"]["assessments"]
    assert [(a["stage"], a["level"]) for a in assessments] == [(4, "win_lose"), (2, "win_win")]
    # Who assessed and when are filled in from the writer and the day.
    assert assessments[0]["assessed_by"] == tenant.user("conflict_manager").full_name
    assert assessments[0]["assessed_on"] == local_today().isoformat()
    assert saved["updated_by_name"] == tenant.user("conflict_manager").full_name

    again = await client.get(analysis_url(case), headers=tenant.headers("coordinator"))
    assert again.json() == saved

    # The headline level followed the highest pair, and the timeline says so.
    case_now = (
        await client.get(f"{CASES}/{case['id']}", headers=tenant.headers("coordinator"))
    ).json()
    assert case_now["escalation_level"] == 4
    timeline = (
        await client.get(f"{CASES}/{case['id']}/timeline", headers=tenant.headers("coordinator"))
    ).json()["items"]
    assert (timeline[-1]["change"], timeline[-1]["from_value"], timeline[-1]["to_value"]) == (
        "escalation_level",
        "2",
        "4",
    )

    async with db() as session:
        actions = list(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == case["id"])
            )
        )
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(case["id"])
                )
            )
        )
    assert "case.analysis_update" in actions
    assert {"case.analysis_updated", "case.escalation_changed"} <= set(events)


async def test_headline_set_by_hand_stays(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant, escalation_level=6)
    response = await put_analysis(client, tenant, case, sample(headline_follows_assessments=False))
    assert response.status_code == 200, response.text
    case_now = (
        await client.get(f"{CASES}/{case['id']}", headers=tenant.headers("coordinator"))
    ).json()
    assert case_now["escalation_level"] == 6


async def test_if_match_is_required_and_stale_writes_fail(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    missing = await client.put(
        analysis_url(case), json=sample(), headers=tenant.headers("conflict_manager")
    )
    assert missing.status_code == 428
    assert (await put_analysis(client, tenant, case, sample())).status_code == 200
    stale = await put_analysis(client, tenant, case, sample(recommendations="Andere"), version=0)
    assert stale.status_code == 412
    fresh = await put_analysis(client, tenant, case, sample(recommendations="Andere"), version=1)
    assert fresh.status_code == 200 and fresh.json()["version"] == 2


def _without(body: dict, **changes) -> dict:
    return {**body, **changes}


async def test_bad_input_is_422_with_the_field(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    case = await make_case(client, tenant)
    foreign = await make_contact(client, other)
    base = sample()
    future = (local_today() + timedelta(days=1)).isoformat()
    cases = [
        (
            _without(base, relationships=[{"source": "bi", "target": "bi", "kind": "alliance"}]),
            "body.relationships.0.target",
            "self_relationship",
        ),
        (
            _without(base, assessments=[{"actor_a": "bi", "actor_b": "nobody", "stage": 3}]),
            "body.assessments.0.actor_b",
            "unknown_actor",
        ),
        (
            _without(base, assessments=[{"actor_a": "bi", "actor_b": "rat", "stage": 0}]),
            "body.assessments.0.stage",
            None,
        ),
        (
            _without(base, assessments=[{"actor_a": "bi", "actor_b": "rat", "stage": 10}]),
            "body.assessments.0.stage",
            None,
        ),
        (
            _without(
                base,
                assessments=[
                    {
                        "actor_a": "bi",
                        "actor_b": "rat",
                        "stage": 3,
                        "turning_points": [{"on": future, "what": "Demo"}],
                    }
                ],
            ),
            "body.assessments.0.turning_points.0.on",
            "future_date",
        ),
        (
            _without(
                base,
                assessments=[
                    {"actor_a": "bi", "actor_b": "rat", "stage": 3},
                    {"actor_a": "rat", "actor_b": "bi", "stage": 5},
                ],
            ),
            "body.assessments.1",
            "duplicate_pair",
        ),
        (
            _without(
                base,
                actors=[
                    *base["actors"],
                    {"key": "x", "label": "Fremd", "contact_id": foreign["id"]},
                ],
            ),
            "body.actors.3.contact_id",
            "unknown_contact",
        ),
        (
            _without(base, actors=[*base["actors"], {"key": "bi", "label": "Doppelt"}]),
            "body.actors.3.key",
            "duplicate",
        ),
        (
            _without(base, issues=[{"text": "Lärm", "raised_by": ["niemand"]}]),
            "body.issues.0.raised_by",
            "unknown_actor",
        ),
        (_without(base, surprise=True), "body.surprise", None),
    ]
    for body, field, kind in cases:
        response = await put_analysis(client, tenant, case, body)
        assert response.status_code == 422, (field, response.text)
        errors = response.json()["errors"]
        assert errors[0]["field"] == field, (field, errors)
        if kind:
            assert errors[0]["type"] == kind
    # Nothing was written.
    current = await client.get(analysis_url(case), headers=tenant.headers("conflict_manager"))
    assert current.json()["version"] == 0


async def test_actor_linked_to_own_contact(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    contact = await make_contact(client, tenant)
    body = sample()
    body["actors"][0]["contact_id"] = contact["id"]
    response = await put_analysis(client, tenant, case, body)
    assert response.status_code == 200, response.text
    assert response.json()["content"]["actors"][0]["contact_id"] == contact["id"]


async def test_versions_are_saved_listed_read_and_compared(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    headers = tenant.headers("conflict_manager")
    url = analysis_url(case)
    none_yet = await client.post(
        f"{url}/versions", json={"note": "leer"}, headers={**headers, "If-Match": '"0"'}
    )
    assert none_yet.status_code == 409
    await put_analysis(client, tenant, case, sample())
    first = await client.post(
        f"{url}/versions", json={"note": "Erstgespräch"}, headers={**headers, "If-Match": '"1"'}
    )
    assert first.status_code == 201, first.text
    assert first.json()["number"] == 1 and first.json()["highest_stage"] == 4

    changed = sample()
    changed["assessments"][0]["stage"] = 6
    changed["actors"].append({"key": "presse", "label": "Lokalpresse", "sector": "media"})
    changed["relationships"].pop()
    assert (await put_analysis(client, tenant, case, changed, version=1)).status_code == 200
    stale = await client.post(f"{url}/versions", json={}, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    second = await client.post(f"{url}/versions", json={}, headers={**headers, "If-Match": '"2"'})
    assert second.status_code == 201 and second.json()["number"] == 2

    listed = (await client.get(f"{url}/versions", headers=headers)).json()
    assert [(v["number"], v["note"], v["highest_stage"]) for v in listed["items"]] == [
        (1, "Erstgespräch", 4),
        (2, "", 6),
    ]
    one = (await client.get(f"{url}/versions/1", headers=headers)).json()
    assert one["content"]["assessments"][0]["stage"] == 4
    assert (await client.get(f"{url}/versions/9", headers=headers)).status_code == 404

    comparison = await client.get(f"{url}/compare", params={"from": 1, "to": 2}, headers=headers)
    assert comparison.status_code == 200, comparison.text
    changes = {
        (c["section"], c["item"], c["field"], c["kind"], c["before"], c["after"])
        for c in comparison.json()["changes"]
    }
    assert (
        "assessments",
        "Bürgerinitiative – Gemeinderat",
        "stage",
        "changed",
        "4",
        "6",
    ) in changes
    assert ("actors", "Lokalpresse", None, "added", None, "Lokalpresse") in changes
    assert any(c[0] == "relationships" and c[3] == "removed" for c in changes)

    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent.data)
                .where(
                    DomainEvent.event_type == "case.analysis_version_saved",
                    DomainEvent.resource_id == uuid.UUID(case["id"]),
                )
                .order_by(DomainEvent.occurred_at)
            )
        )
    assert [e["number"] for e in events] == [1, 2]


async def test_archived_case_analysis_is_read_only(client, tenants, db) -> None:
    from kokoma.cases.models import Case

    tenant = await tenants.make()
    case = await make_case(client, tenant)
    async with db() as session:
        row = await session.get(Case, uuid.UUID(case["id"]))
        row.archived = True
        await session.commit()
    assert (await put_analysis(client, tenant, case, sample())).status_code == 409
