"""Conflict fields: coordinators write them, the steering group reads them without cases."""

from __future__ import annotations

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from tests.district_analysis.helpers import FIELDS, cases_in, make_field, make_place
from tests.support import etag, make_case


async def test_coordinator_links_cases_and_steering_group_sees_no_titles(client, tenants) -> None:
    tenant = await tenants.make()
    place = await make_place(client, tenant, "Eisenach")
    cases = await cases_in(client, tenant, place, 2, title="Streit um den Windpark Hörselberg")
    field = await make_field(
        client,
        tenant,
        place_ids=[place["id"]],
        actor_groups=["civil_society", "politics"],
        case_ids=[c["id"] for c in cases],
        description="Windvorranggebiete spalten Dörfer.",
    )
    assert field["case_count"] == {"value": 2, "suppressed": False}
    assert {c["reference"] for c in field["cases"]} == {c["reference"] for c in cases}

    steering = await client.get(FIELDS, headers=tenant.headers("steering_group"))
    assert steering.status_code == 200
    (item,) = steering.json()["items"]
    assert item["name"] == "Energiewende vor Ort"
    assert item["place_names"] == ["Eisenach"]
    assert item["cases"] is None
    assert item["case_count"] == {"value": None, "suppressed": True}
    assert "Hörselberg" not in steering.text and cases[0]["reference"] not in steering.text
    one = await client.get(f"{FIELDS}/{field['id']}", headers=tenant.headers("admin"))
    assert one.status_code == 200 and "Hörselberg" not in one.text

    # Conflict managers work on cases, not on the district's analysis.
    assert (
        await client.get(FIELDS, headers=tenant.headers("conflict_manager"))
    ).status_code == 403
    refused = await client.post(
        FIELDS, json={"name": "X"}, headers=tenant.headers("steering_group")
    )
    assert refused.status_code == 403


async def test_other_municipality_sees_nothing_and_cannot_link(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    field = await make_field(client, tenant)
    foreign_case = await make_case(client, other)
    foreign_place = await make_place(client, other, "Mühlhausen")

    assert (await client.get(FIELDS, headers=other.headers("coordinator"))).json()["items"] == []
    missing = await client.get(f"{FIELDS}/{field['id']}", headers=other.headers("coordinator"))
    assert missing.status_code == 404

    bad_case = await client.post(
        FIELDS,
        json={"name": "Fremd", "case_ids": [foreign_case["id"]]},
        headers=tenant.headers("coordinator"),
    )
    assert bad_case.status_code == 422
    assert bad_case.json()["errors"][0]["field"] == "body.case_ids.0"
    bad_place = await client.post(
        FIELDS,
        json={"name": "Fremd", "place_ids": [foreign_place["id"]]},
        headers=tenant.headers("coordinator"),
    )
    assert bad_place.status_code == 422


async def test_changes_need_if_match_and_are_audited(client, tenants, db) -> None:
    tenant = await tenants.make()
    field = await make_field(client, tenant)
    case = await make_case(client, tenant)
    headers = tenant.headers("coordinator")
    body = {"name": "Energiewende vor Ort", "trend": "falling", "case_ids": [case["id"]]}

    assert (
        await client.put(f"{FIELDS}/{field['id']}", json=body, headers=headers)
    ).status_code == 428
    changed = await client.put(
        f"{FIELDS}/{field['id']}", json=body, headers={**headers, **etag(field)}
    )
    assert changed.status_code == 200
    assert changed.json()["trend"] == "falling" and changed.json()["version"] == 2
    stale = await client.put(
        f"{FIELDS}/{field['id']}", json=body, headers={**headers, **etag(field)}
    )
    assert stale.status_code == 412
    duplicate = await client.post(FIELDS, json={"name": "Energiewende vor Ort"}, headers=headers)
    assert duplicate.status_code == 409

    gone = await client.delete(
        f"{FIELDS}/{field['id']}", headers={**headers, **etag(changed.json())}
    )
    assert gone.status_code == 204
    assert (await client.get(f"{CASES_URL}/{case['id']}", headers=headers)).status_code == 200

    async with db() as session:
        actions = list(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == field["id"])
            )
        )
    assert sorted(actions) == [
        "conflict_field.create",
        "conflict_field.delete",
        "conflict_field.update",
    ]


CASES_URL = "/api/v1/cases"
