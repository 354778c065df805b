"""Writing, adopting and reading crisis-prevention plans through the API."""

from __future__ import annotations

import copy
import uuid
from datetime import date, timedelta

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.crisis_plans.models import CrisisPlan
from kokoma.events.models import DomainEvent
from tests.crisis_plans.helpers import PLANS, adopt, make_plan, plan_body
from tests.support import client_headers, etag


async def test_coordinator_writes_a_plan_and_changes_it_with_if_match(client, tenants, db):
    tenant = await tenants.make()
    plan = await make_plan(client, tenant)
    assert plan["status"] == "draft" and plan["edition"] == 1
    assert plan["content"]["scenarios"][0]["likelihood"] == 4
    headers = tenant.headers("coordinator")

    fetched = await client.get(f"{PLANS}/{plan['id']}", headers=headers)
    assert fetched.headers["ETag"] == f'"{plan["version"]}"'

    content = copy.deepcopy(plan["content"])
    content["indicators"][0]["state"] = "yellow"
    changed = await client.patch(
        f"{PLANS}/{plan['id']}",
        json={"content": content, "title": "Neu"},
        headers={**headers, **etag(plan)},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["title"] == "Neu"
    assert changed.json()["content"]["indicators"][0]["state"] == "yellow"

    stale = await client.patch(
        f"{PLANS}/{plan['id']}", json={"title": "Alt"}, headers={**headers, **etag(plan)}
    )
    assert stale.status_code == 412
    missing = await client.patch(f"{PLANS}/{plan['id']}", json={"title": "Alt"}, headers=headers)
    assert missing.status_code == 428

    async with db() as session:
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == plan["id"])
            )
        )
        events = set(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(plan["id"])
                )
            )
        )
    assert {"crisis_plan.create", "crisis_plan.update"} <= actions
    assert {"crisis_plan.created", "crisis_plan.updated"} <= events


async def test_adoption_workflow_new_edition_and_comparison(client, tenants, db):
    tenant = await tenants.make()
    headers = tenant.headers("coordinator")
    plan = await make_plan(client, tenant)
    submitted = await client.post(
        f"{PLANS}/{plan['id']}/submit", headers={**headers, **etag(plan)}
    )
    assert submitted.json()["status"] == "in_review"
    adopted = await adopt(client, tenant, submitted.json())
    assert adopted["status"] == "adopted"
    assert adopted["adopted_by_id"] == str(tenant.user("coordinator").id)
    assert adopted["next_review_on"] is not None

    read_only = await client.patch(
        f"{PLANS}/{plan['id']}", json={"title": "X"}, headers={**headers, **etag(adopted)}
    )
    assert read_only.status_code == 409

    edition = await client.post(f"{PLANS}/{plan['id']}/editions", headers=headers)
    assert edition.status_code == 201
    second = edition.json()
    assert (second["edition"], second["status"]) == (2, "draft")
    assert second["lineage_id"] == plan["lineage_id"]
    again = await client.post(f"{PLANS}/{plan['id']}/editions", headers=headers)
    assert again.status_code == 409

    content = copy.deepcopy(second["content"])
    content["roles"][1]["title"] = "Bürgermeisterin (Krisenstab)"
    second = (
        await client.patch(
            f"{PLANS}/{second['id']}",
            json={"content": content},
            headers={**headers, **etag(second)},
        )
    ).json()
    compared = await client.get(
        f"{PLANS}/{second['id']}/compare", params={"other": plan["id"]}, headers=headers
    )
    assert compared.status_code == 200
    assert [s["section"] for s in compared.json()["sections"]] == ["roles"]

    adopt_second = await adopt(client, tenant, second)
    assert adopt_second["status"] == "adopted"
    first = (await client.get(f"{PLANS}/{plan['id']}", headers=headers)).json()
    assert first["status"] == "withdrawn"
    editions = await client.get(PLANS, params={"lineage_id": plan["lineage_id"]}, headers=headers)
    assert {p["edition"] for p in editions.json()["items"]} == {1, 2}

    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(second["id"])
                )
            )
        )
    assert "crisis_plan.adopted" in events


async def test_who_sees_which_plan(client, tenants):
    tenant = await tenants.make()
    other = await tenants.make()
    draft = await make_plan(client, tenant)
    own = await make_plan(client, tenant, role="conflict_manager")
    adopted = await adopt(client, tenant, await make_plan(client, tenant))
    confidential = await adopt(
        client, tenant, await make_plan(client, tenant, classification="confidential")
    )

    async def ids(role: str, who=tenant) -> set[str]:
        response = await client.get(PLANS, headers=who.headers(role))
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    assert await ids("coordinator") == {draft["id"], own["id"], adopted["id"], confidential["id"]}
    assert await ids("conflict_manager") == {own["id"], adopted["id"], confidential["id"]}
    assert await ids("steering_group") == {adopted["id"], confidential["id"]}
    assert await ids("trainer") == set()
    assert await ids("coordinator", other) == set()
    hidden = await client.get(f"{PLANS}/{draft['id']}", headers=tenant.headers("conflict_manager"))
    assert hidden.status_code == 404
    foreign = await client.get(f"{PLANS}/{draft['id']}", headers=other.headers("coordinator"))
    assert foreign.status_code == 404
    not_owner = await client.patch(
        f"{PLANS}/{own['id']}",
        json={"title": "X"},
        headers={**tenant.headers("coordinator"), **etag(own)},
    )
    assert not_owner.status_code == 200
    manager_adopts = await client.post(
        f"{PLANS}/{own['id']}/adopt",
        json={"note": "x"},
        headers={**tenant.headers("conflict_manager"), "If-Match": "*"},
    )
    assert manager_adopts.status_code == 403


async def test_api_clients_need_the_scope_and_never_see_confidential_plans(client, tenants):
    tenant = await tenants.make()
    adopted = await adopt(client, tenant, await make_plan(client, tenant))
    await adopt(client, tenant, await make_plan(client, tenant, classification="confidential"))
    await make_plan(client, tenant)
    _, headers = await client_headers(client, tenant, ["crisis_plans:read"])
    listed = await client.get(PLANS, headers=headers)
    assert [p["id"] for p in listed.json()["items"]] == [adopted["id"]]


async def test_bad_input_gets_a_clear_422(client, tenants):
    tenant = await tenants.make()
    other = await tenants.make()
    # The rules' wording is checked in English (German is the default).
    headers = {**tenant.headers("coordinator"), "Accept-Language": "en"}

    async def refused(body) -> dict:
        response = await client.post(PLANS, json=body, headers=headers)
        assert response.status_code == 422, response.text
        return response.json()

    body = plan_body()
    body["content"]["scenarios"][0]["likelihood"] = 6
    await refused(body)
    body = plan_body()
    body["content"]["scenarios"][0]["impact"] = 0
    await refused(body)

    body = plan_body()
    body["content"]["alert_chain"][0]["to_role"] = "polizei"
    problem = await refused(body)
    assert problem["errors"][0]["field"] == "body.content.alert_chain.0.to_role"
    assert "polizei" in problem["detail"]

    body = plan_body()
    body["content"]["alert_chain"].append(
        {
            "level": 2,
            "from_role": "buergermeisterin",
            "to_role": "koordination",
            "channel": "phone",
            "answer_within_minutes": 10,
        }
    )
    problem = await refused(body)
    assert "loop" in problem["detail"]
    body["content"]["roles"].append({"key": "polizei", "title": "Polizei"})
    body["content"]["alert_chain"][1]["fallback_role"] = "koordination"
    await refused(body)  # the fallback must lead out: not back to the caller
    body["content"]["alert_chain"][1]["fallback_role"] = "polizei"
    fine = await client.post(PLANS, json=body, headers=headers)
    assert fine.status_code == 201, fine.text

    body = plan_body()
    body["content"]["measures"][0]["owner_user_id"] = str(other.user("coordinator").id)
    problem = await refused(body)
    assert "municipality" in problem["detail"]

    body = plan_body(unknown="x")
    await refused(body)

    async def adoption_refused(content) -> dict:
        draft = await make_plan(client, tenant, content=content)
        response = await client.post(
            f"{PLANS}/{draft['id']}/adopt",
            json={"note": "Beschluss"},
            headers={**headers, **etag(draft)},
        )
        assert response.status_code == 422, response.text
        return response.json()

    assert "scenario" in (await adoption_refused({"scenarios": []}))["detail"]
    content = plan_body()["content"]
    content["alert_chain"] = []
    assert "alert chain" in (await adoption_refused(content))["detail"]
    content = plan_body()["content"]
    content["levels"][3]["entry_criteria"] = ""
    assert "Level 3" in (await adoption_refused(content))["detail"]
    content = plan_body()["content"]
    del content["levels"][2]
    assert "Level 2" in (await adoption_refused(content))["detail"]


async def test_plans_due_for_review_are_listed_for_the_dashboard(client, tenants, db):
    tenant = await tenants.make()
    due = await adopt(client, tenant, await make_plan(client, tenant))
    later = await adopt(client, tenant, await make_plan(client, tenant))
    await make_plan(client, tenant)  # a draft has no review date
    assert later["next_review_on"] > date.today().isoformat()
    async with db() as session:
        plan = await session.get(CrisisPlan, uuid.UUID(due["id"]))
        plan.next_review_on = date.today() - timedelta(days=1)
        await session.commit()
    listed = await client.get(
        PLANS, params={"due_for_review": "true"}, headers=tenant.headers("coordinator")
    )
    assert [p["id"] for p in listed.json()["items"]] == [due["id"]]
