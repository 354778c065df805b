"""Exercise plans of a training series: who sees them, that they never count as real
plans, and copying one into a real draft."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from kokoma.trainings.models import TrainingParticipant, TrainingSeries
from tests.crisis_plans.helpers import PLANS, adopt, make_plan, plan_body
from tests.support import Tenant, client_headers


async def _series(db, tenant: Tenant, *participants: str) -> uuid.UUID:
    """A series of ``tenant`` with the given roles' users as participants."""
    async with db() as session:
        series = TrainingSeries(municipality_id=tenant.id, title=f"Reihe {uuid.uuid4().hex[:6]}")
        session.add(series)
        await session.flush()
        for role in participants:
            user = tenant.user(role)
            session.add(
                TrainingParticipant(
                    municipality_id=tenant.id,
                    series_id=series.id,
                    user_id=user.id,
                    full_name=user.full_name,
                )
            )
        await session.commit()
        return series.id


async def test_exercise_plans_are_seen_by_the_series_only_and_never_count(client, tenants, db):
    tenant = await tenants.make()
    other = await tenants.make()
    series = await _series(db, tenant, "conflict_manager")
    elsewhere = await _series(db, tenant)
    real = await adopt(client, tenant, await make_plan(client, tenant))
    exercise = await make_plan(
        client, tenant, role="trainer", training_series_id=str(series), title="Übungsplan"
    )
    assert exercise["is_exercise"] and exercise["training_series_id"] == str(series)
    url = f"{PLANS}/{exercise['id']}"

    async def status(role: str, who: Tenant = tenant) -> int:
        return (await client.get(url, headers=who.headers(role))).status_code

    assert await status("trainer") == 200
    assert await status("conflict_manager") == 200  # a participant of the series
    assert await status("coordinator") == 404  # not a participant
    assert await status("steering_group") == 404
    assert await status("trainer", other) == 404
    _, api = await client_headers(client, tenant, ["crisis_plans:read"])
    assert (await client.get(url, headers=api)).status_code == 404

    async def listed(role: str, **params: str) -> list[str]:
        response = await client.get(PLANS, params=params, headers=tenant.headers(role))
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    # Lists of real plans, the review list of the dashboard included, never show it.
    for role in ("coordinator", "conflict_manager", "trainer"):
        assert exercise["id"] not in await listed(role)
        assert exercise["id"] not in await listed(role, due_for_review="true")
    assert await listed("trainer", training_series_id=str(series)) == [exercise["id"]]
    assert await listed("conflict_manager", training_series_id=str(series)) == [exercise["id"]]
    assert await listed("coordinator", training_series_id=str(series)) == []
    assert await listed("trainer", training_series_id=str(elsewhere)) == []
    assert await listed("conflict_manager", exercise="true") == [exercise["id"]]
    assert await listed("coordinator", exercise="true") == []
    assert real["id"] in await listed("coordinator")
    assert (await client.get(PLANS, headers=api)).json()["items"][0]["id"] == real["id"]

    # The series decides who writes exercise plans.
    body = plan_body(training_series_id=str(elsewhere))
    refused = await client.post(PLANS, json=body, headers=tenant.headers("conflict_manager"))
    assert refused.status_code == 403
    body = plan_body(training_series_id=str(await _series(db, other)))
    foreign = await client.post(PLANS, json=body, headers=tenant.headers("trainer"))
    assert foreign.status_code == 422
    assert foreign.json()["errors"][0]["field"] == "body.training_series_id"
    own = await make_plan(client, tenant, role="conflict_manager", training_series_id=str(series))
    assert own["is_exercise"]
    # An exercise plan is never activated, and sends no webhook events.
    async with db() as session:
        events = await session.scalars(
            select(DomainEvent.event_type).where(
                DomainEvent.resource_id.in_([uuid.UUID(exercise["id"]), uuid.UUID(own["id"])])
            )
        )
        assert list(events) == []


async def test_an_exercise_plan_is_copied_into_a_real_draft(client, tenants, db):
    tenant = await tenants.make()
    series = await _series(db, tenant, "conflict_manager")
    exercise = await make_plan(
        client, tenant, role="trainer", training_series_id=str(series), title="Übungsplan"
    )
    url = f"{PLANS}/{exercise['id']}/copy-to-draft"
    trainer = tenant.headers("trainer")

    # Trainers write no real plans: they hand the draft to a coordinator or manager.
    assert (await client.post(url, json={}, headers=trainer)).status_code == 422
    self_owned = await client.post(
        url, json={"owner_id": str(tenant.user("trainer").id)}, headers=trainer
    )
    assert self_owned.status_code == 422
    copied = await client.post(
        url, json={"owner_id": str(tenant.user("coordinator").id)}, headers=trainer
    )
    assert copied.status_code == 201, copied.text
    draft = copied.json()
    assert draft["status"] == "draft" and not draft["is_exercise"]
    assert draft["edition"] == 1 and draft["lineage_id"] == draft["id"] != exercise["id"]
    assert draft["owner_id"] == str(tenant.user("coordinator").id)
    assert draft["content"] == exercise["content"]
    listed = await client.get(PLANS, headers=tenant.headers("coordinator"))
    assert draft["id"] in [p["id"] for p in listed.json()["items"]]
    assert (await client.get(f"{PLANS}/{draft['id']}", headers=trainer)).status_code == 404

    # A participant copies it for themself; a real plan is not copied this way.
    mine = await client.post(url, json={}, headers=tenant.headers("conflict_manager"))
    assert mine.status_code == 201, mine.text
    assert mine.json()["owner_id"] == str(tenant.user("conflict_manager").id)
    real = await make_plan(client, tenant)
    again = await client.post(
        f"{PLANS}/{real['id']}/copy-to-draft", json={}, headers=tenant.headers("coordinator")
    )
    assert again.status_code == 409
    outsider = await client.post(url, json={}, headers=tenant.headers("coordinator"))
    assert outsider.status_code == 404

    async with db() as session:
        audited = list(
            await session.scalars(
                select(AuditEvent.details).where(
                    AuditEvent.resource_id == draft["id"],
                    AuditEvent.action == "crisis_plan.copy",
                )
            )
        )
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(draft["id"])
                )
            )
        )
    assert audited and audited[0]["from_exercise_plan"] == exercise["id"]
    assert events == ["crisis_plan.copied"]


async def test_people_to_name_in_a_plan_are_the_municipalitys_active_users(client, tenants):
    tenant = await tenants.make()
    other = await tenants.make()
    people = f"{PLANS}/people"

    async def names(role: str, **params: str) -> set[str]:
        response = await client.get(people, params=params, headers=tenant.headers(role))
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    everyone = {str(account.user.id) for account in tenant.accounts.values()}
    assert await names("conflict_manager") == everyone
    assert await names("trainer", may_own="true") == {
        str(tenant.user("coordinator").id),
        str(tenant.user("conflict_manager").id),
    }
    coordinator = tenant.user("coordinator")
    assert await names("coordinator", q=coordinator.full_name.split()[0].upper()) == {
        str(coordinator.id)
    }
    assert str(other.user("coordinator").id) not in await names("coordinator")
    refused = await client.get(people, headers=tenant.headers("steering_group"))
    assert refused.status_code == 403


async def test_role_holders_and_owners_from_another_municipality_get_a_422(client, tenants):
    tenant = await tenants.make()
    other = await tenants.make()
    headers = {**tenant.headers("coordinator"), "Accept-Language": "en"}
    body = plan_body()
    body["content"]["roles"][0]["holder"]["user_id"] = str(tenant.user("conflict_manager").id)
    body["content"]["measures"][0]["owner_user_id"] = str(tenant.user("trainer").id)
    assert (await client.post(PLANS, json=body, headers=headers)).status_code == 201
    for where, field in (
        (("roles", 0, "holder"), "user_id"),
        (("roles", 0, "deputy"), "user_id"),
        (("measures", 0), "owner_user_id"),
    ):
        body = plan_body()
        entry = body["content"][where[0]][where[1]]
        if len(where) == 3:
            entry = entry[where[2]]
        entry[field] = str(other.user("coordinator").id)
        response = await client.post(PLANS, json=body, headers=headers)
        assert response.status_code == 422, response.text
        path = ".".join(str(part) for part in where)
        assert response.json()["errors"][0]["field"] == f"body.content.{path}.{field}"
