"""The conflict map's places, the course chart and the guidance with its suggestions."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.core.calendar import local_today
from kokoma.events.models import DomainEvent
from tests.case_analysis.helpers import analysis_url, put_analysis, sample
from tests.support import client_headers, make_case, make_contact


async def test_moving_actors_keeps_the_rest_and_is_versioned(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    url = analysis_url(case) + "/positions"
    headers = tenant.headers("conflict_manager")
    places = {"places": [{"key": "bi", "position": {"x": 0.25, "y": 0.75}}]}

    # Nothing to place before the analysis is written.
    response = await client.put(url, json=places, headers={**headers, "If-Match": '"0"'})
    assert response.status_code == 409
    saved = (await put_analysis(client, tenant, case, sample())).json()

    assert (await client.put(url, json=places, headers=headers)).status_code == 428
    stale = await client.put(url, json=places, headers={**headers, "If-Match": '"0"'})
    assert stale.status_code == 412
    response = await client.put(url, json=places, headers={**headers, "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == '"2"'
    moved = response.json()
    actors = {a["key"]: a for a in moved["content"]["actors"]}
    assert actors["bi"]["position"] == {"x": 0.25, "y": 0.75}
    assert actors["rat"]["position"] is None
    # Everything else is as it was.
    for section in ("issues", "relationships", "assessments", "recommendations"):
        assert moved["content"][section] == saved["content"][section]

    bad = [
        {"places": [{"key": "nobody", "position": {"x": 0.1, "y": 0.1}}]},
        {"places": [{"key": "bi", "position": {"x": 1.5, "y": 0.1}}]},
        {"places": []},
        {"places": [{"key": "bi", "position": {"x": 0.1, "y": 0.1}, "label": "x"}]},
    ]
    for body in bad:
        response = await client.put(url, json=body, headers={**headers, "If-Match": '"2"'})
        assert response.status_code == 422, body
    unknown = await client.put(url, json=bad[0], headers={**headers, "If-Match": '"2"'})
    assert unknown.json()["errors"][0]["type"] == "unknown_actor"
    assert unknown.json()["errors"][0]["field"] == "body.places.0.key"

    # Readers only read; another municipality does not see the case.
    other = await tenants.make()
    for who, status in (
        (tenant.headers("steering_group"), 403),
        (other.headers("coordinator"), 404),
    ):
        response = await client.put(url, json=places, headers={**who, "If-Match": '"2"'})
        assert response.status_code == status

    async with db() as session:
        audited = list(
            await session.scalars(
                select(AuditEvent.details).where(
                    AuditEvent.resource_id == case["id"],
                    AuditEvent.action == "case.analysis_positions",
                )
            )
        )
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(case["id"])
                )
            )
        )
    assert audited == [{"moved": ["bi"]}]
    assert events.count("case.analysis_updated") == 2


async def test_the_course_follows_versions_and_turning_points(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    headers = tenant.headers("conflict_manager")
    today = local_today()
    first = sample()
    first["assessments"][0]["stage"] = 3
    first["assessments"][0]["turning_points"] = []
    assert (await put_analysis(client, tenant, case, first)).status_code == 200
    response = await client.post(
        analysis_url(case) + "/versions",
        json={"note": "Auftakt"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 201
    turn = (today - timedelta(days=1)).isoformat()
    second = sample()
    second["assessments"][0]["stage"] = 5
    second["assessments"][0]["turning_points"] = [{"on": turn, "what": "Drohbrief"}]
    assert (await put_analysis(client, tenant, case, second, version=1)).status_code == 200

    response = await client.get(analysis_url(case) + "/course", headers=headers)
    assert response.status_code == 200, response.text
    pairs = {p["label"]: p for p in response.json()["pairs"]}
    assert set(pairs) == {"Bürgerinitiative – Gemeinderat", "Ortsgruppe – Gemeinderat"}
    points = [
        (p["on"], p["stage"], p["source"], p["version"], p["note"])
        for p in pairs["Bürgerinitiative – Gemeinderat"]["points"]
    ]
    assert points == [
        (turn, 5, "turning_point", None, "Drohbrief"),
        (today.isoformat(), 3, "version", 1, "Auftakt"),
        (today.isoformat(), 5, "current", None, ""),
    ]
    # The other pair kept stage 2: the working analysis adds no second point.
    assert [p["stage"] for p in pairs["Ortsgruppe – Gemeinderat"]["points"]] == [2]

    other = await tenants.make()
    response = await client.get(
        analysis_url(case) + "/course", headers=other.headers("coordinator")
    )
    assert response.status_code == 404


async def test_guidance_suggests_fitting_contacts_of_the_municipality(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    case = await make_case(
        client, tenant, topics=["right_wing_extremism"], escalation_level=5, title="Drohungen"
    )
    mobile = await make_contact(
        client,
        tenant,
        kind="organisation",
        name="Mobile Beratung",
        actor_group="counselling_services",
        topics=["Rechtsextremismus", "Demokratie"],
    )
    mediators = await make_contact(
        client,
        tenant,
        kind="organisation",
        name="Mediationsstelle",
        actor_group="civil_society",
        topics=["Mediation"],
    )
    party = await make_contact(
        client,
        tenant,
        kind="organisation",
        name="Opferberatung",
        actor_group="counselling_services",
        topics=["Opferberatung"],
    )
    # Active in the topic, but as a group more often a party than a help: not suggested.
    await make_contact(
        client, tenant, kind="organisation", name="Bürgerbündnis", topics=["Rechtsextremismus"]
    )
    elsewhere = await make_contact(
        client,
        other,
        kind="organisation",
        name="Mobile Beratung anderswo",
        actor_group="counselling_services",
        topics=["Rechtsextremismus"],
    )
    content = sample()
    content["actors"][0]["contact_id"] = party["id"]
    assert (await put_analysis(client, tenant, case, content)).status_code == 200

    response = await client.get(
        analysis_url(case) + "/guidance", headers=tenant.headers("conflict_manager")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    # The highest pair (stage 4) rules, not the case's level 5.
    assert body["stage"] == 4
    assert body["help_kinds"] == ["process_support", "mediation"]
    found = {s["contact"]["id"]: s for s in body["suggestions"]}
    assert list(found) == [mobile["id"], mediators["id"]]
    assert found[mobile["id"]]["topics"] == ["Rechtsextremismus", "Demokratie"]
    assert found[mobile["id"]]["actor_group_fits"] is True
    assert found[mediators["id"]]["help_kinds"] == ["mediation"]
    assert found[mediators["id"]]["actor_group_fits"] is False
    # Never another municipality's contact, nor a party of the conflict.
    assert elsewhere["id"] not in found and party["id"] not in found

    # Without an analysis the case's level guides.
    plain = await make_case(client, tenant, topics=["youth"], escalation_level=8)
    response = await client.get(
        analysis_url(plain) + "/guidance", headers=tenant.headers("coordinator")
    )
    assert response.json()["stage"] == 8
    assert response.json()["help_kinds"] == ["arbitration", "authority"]

    # Another municipality gets 404; roles without case access 403.
    response = await client.get(
        analysis_url(case) + "/guidance", headers=other.headers("coordinator")
    )
    assert response.status_code == 404
    response = await client.get(
        analysis_url(case) + "/guidance", headers=tenant.headers("steering_group")
    )
    assert response.status_code == 403


async def test_guidance_needs_the_right_to_read_contacts(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant, topics=["right_wing_extremism"])
    _, cases_only = await client_headers(client, tenant, ["cases:read"])
    _, both = await client_headers(client, tenant, ["cases:read", "contacts:read"])
    url = analysis_url(case) + "/guidance"
    response = await client.get(url, headers=cases_only)
    assert response.status_code == 403
    assert "contacts:read" in response.json()["detail"]
    assert (await client.get(url, headers=both)).status_code == 200
