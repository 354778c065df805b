"""Watching, activating, exercising and exporting an adopted plan."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.cases.models import CaseTimelineEntry
from kokoma.events.models import DomainEvent
from kokoma.mail.models import MailMessage
from tests.crisis_plans.helpers import PLANS, adopt, make_plan, plan_body
from tests.support import etag, insert_case


async def _adopted(client, tenant, **frame):
    return await adopt(client, tenant, await make_plan(client, tenant, **frame))


async def test_a_red_indicator_activates_the_plan_and_the_checklist_is_worked(client, tenants, db):
    tenant = await tenants.make()
    other = await tenants.make()
    headers = tenant.headers("coordinator")
    plan = await _adopted(client, tenant)
    case = await insert_case(db, tenant)

    early = await client.post(
        f"{PLANS}/{plan['id']}/activations",
        json={"level": 2, "reason": "x", "indicator_key": "aufrufe"},
        headers=headers,
    )
    assert early.status_code == 422  # the indicator is still green

    red = await client.post(
        f"{PLANS}/{plan['id']}/indicators/aufrufe/state",
        json={"state": "red", "reason": "Termin und Ort genannt"},
        headers={**headers, **etag(plan)},
    )
    assert red.status_code == 200, red.text
    assert red.json()["content"]["indicators"][0]["state"] == "red"
    log = await client.get(f"{PLANS}/{plan['id']}/indicator-changes", headers=headers)
    assert [(c["from_state"], c["to_state"], c["reason"]) for c in log.json()] == [
        ("green", "red", "Termin und Ort genannt")
    ]

    foreign_case = await insert_case(db, other)
    refused = await client.post(
        f"{PLANS}/{plan['id']}/activations",
        json={"level": 2, "reason": "x", "case_id": str(foreign_case.id)},
        headers=headers,
    )
    assert refused.status_code == 404

    started = await client.post(
        f"{PLANS}/{plan['id']}/activations",
        json={
            "level": 2,
            "reason": "Kundgebung angemeldet",
            "indicator_key": "aufrufe",
            "case_id": str(case.id),
        },
        headers=headers,
    )
    assert started.status_code == 201, started.text
    activation = started.json()
    assert [s["to_role"] for s in activation["checklist"]] == ["buergermeisterin"]
    assert [t["action"] for t in activation["tasks"]] == [
        "Koordinierungsrunde mit Polizei einberufen"
    ]
    again = await client.post(
        f"{PLANS}/{plan['id']}/activations", json={"level": 3, "reason": "y"}, headers=headers
    )
    assert again.status_code == 409
    manager = await client.post(
        f"{PLANS}/{plan['id']}/activations",
        json={"level": 1, "reason": "y"},
        headers=tenant.headers("conflict_manager"),
    )
    assert manager.status_code == 403

    base = f"{PLANS}/{plan['id']}/activations/{activation['id']}"
    stepped = await client.post(
        f"{base}/steps/0",
        json={"reached": True, "note": "Bürgermeisterin erreicht"},
        headers={**tenant.headers("conflict_manager"), **etag(activation)},
    )
    assert stepped.status_code == 200, stepped.text
    assert stepped.json()["checklist"][0]["reached_at"] is not None
    stale = await client.post(
        f"{base}/tasks/0", json={"done": True}, headers={**headers, **etag(activation)}
    )
    assert stale.status_code == 412
    activation = stepped.json()
    activation = (
        await client.post(f"{base}/tasks/0", json={}, headers={**headers, **etag(activation)})
    ).json()
    assert activation["tasks"][0]["done_at"] is not None
    activation = (
        await client.post(
            f"{base}/log",
            json={"text": "Polizei vor Ort"},
            headers={**headers, **etag(activation)},
        )
    ).json()
    assert activation["log"][0]["text"] == "Polizei vor Ort"
    missing = await client.post(
        f"{base}/steps/5", json={}, headers={**headers, **etag(activation)}
    )
    assert missing.status_code == 422
    closed = await client.post(
        f"{base}/close",
        json={"review": "Alarmkette hat funktioniert."},
        headers={**headers, **etag(activation)},
    )
    assert closed.json()["status"] == "closed"

    listed = await client.get(f"{PLANS}/{plan['id']}/activations", headers=headers)
    assert [a["status"] for a in listed.json()] == ["closed"]
    async with db() as session:
        timeline = list(
            await session.scalars(
                select(CaseTimelineEntry).where(CaseTimelineEntry.case_id == case.id)
            )
        )
        events = set(await session.scalars(select(DomainEvent.event_type)))
    assert [(t.change, t.to_value) for t in timeline] == [("crisis_plan", "level_2")]
    assert "crisis_plan.activated" in events


async def test_only_adopted_plans_are_watched_and_activated(client, tenants):
    tenant = await tenants.make()
    headers = tenant.headers("coordinator")
    draft = await make_plan(client, tenant)
    state = await client.post(
        f"{PLANS}/{draft['id']}/indicators/aufrufe/state",
        json={"state": "yellow", "reason": "x"},
        headers={**headers, **etag(draft)},
    )
    assert state.status_code == 409
    activation = await client.post(
        f"{PLANS}/{draft['id']}/activations", json={"level": 1, "reason": "x"}, headers=headers
    )
    assert activation.status_code == 409


async def test_exercises_are_recorded(client, tenants):
    tenant = await tenants.make()
    plan = await _adopted(client, tenant)
    headers = tenant.headers("conflict_manager")
    recorded = await client.post(
        f"{PLANS}/{plan['id']}/exercises",
        json={
            "held_on": "2026-05-20",
            "scenario_key": "kundgebung",
            "participants": "Koordination, Ordnungsamt",
            "went_well": "Alarmkette in 20 Minuten",
            "lessons_learned": "Vertretung nicht erreichbar",
            "changes": "Zweite Vertretung benannt",
        },
        headers=headers,
    )
    assert recorded.status_code == 201, recorded.text
    wrong = await client.post(
        f"{PLANS}/{plan['id']}/exercises",
        json={"held_on": "2026-05-20", "scenario_key": "unbekannt"},
        headers=headers,
    )
    assert wrong.status_code == 422
    listed = await client.get(f"{PLANS}/{plan['id']}/exercises", headers=headers)
    assert [e["lessons_learned"] for e in listed.json()] == ["Vertretung nicht erreichbar"]


async def test_the_pdf_starts_with_the_alert_chain_and_marks_confidential_pages(
    client, tenants, db
):
    tenant = await tenants.make()
    plan = await _adopted(client, tenant, classification="confidential")
    response = await client.get(
        f"{PLANS}/{plan['id']}/export", headers=tenant.headers("steering_group")
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert "Alarmkette" in pages[0]
    assert "03695 61 71 00" in pages[0]  # the caller's phone number
    assert "Koordination -> Bürgermeisterin" in pages[0]
    assert "Szenario" in pages[1]
    assert "Botschaften" in pages[-1]
    assert all("VERTRAULICH" in page for page in pages)
    # The running head and the page number every PDF of KoKoMa carries.
    for number, page in enumerate(pages, 1):
        assert f"{plan['title']} - Fassung {plan['edition']}" in page
        assert f"Seite {number}" in page

    offline = await client.get(
        f"{PLANS}/{plan['id']}/export",
        params={"format": "html"},
        headers=tenant.headers("coordinator"),
    )
    assert offline.headers["content-type"].startswith("text/html")
    page = offline.text
    assert "<script" not in page and "http" not in page.split("<body>", 1)[1]
    assert page.count("VERTRAULICH") >= 3
    assert "In Leichter Sprache" not in page and "Leichte Sprache:" in page

    async with db() as session:
        exports = list(
            await session.scalars(
                select(AuditEvent.details).where(
                    AuditEvent.action == "crisis_plan.export",
                    AuditEvent.resource_id == plan["id"],
                )
            )
        )
    assert sorted(e["format"] for e in exports) == ["html", "pdf"]


async def _mailed(db, tenant) -> set:
    async with db() as session:
        return set(
            await session.scalars(
                select(MailMessage.user_id).where(
                    MailMessage.municipality_id == tenant.id,
                    MailMessage.kind == "crisis_activation",
                )
            )
        )


async def test_from_level_2_the_people_of_the_alert_chain_are_e_mailed(client, tenants, db):
    tenant = await tenants.make()
    headers = tenant.headers("coordinator")
    body = plan_body()
    koordination = body["content"]["roles"][0]
    koordination["holder"]["user_id"] = str(tenant.user("coordinator").id)
    koordination["deputy"]["user_id"] = str(tenant.user("conflict_manager").id)
    step = {**body["content"]["alert_chain"][0], "level": 1}
    body["content"]["alert_chain"].append(step)
    created = await client.post(PLANS, json=body, headers=headers)
    assert created.status_code == 201, created.text
    plan = await adopt(client, tenant, created.json())
    activations = f"{PLANS}/{plan['id']}/activations"

    first = await client.post(activations, json={"level": 1, "reason": "Aufruf"}, headers=headers)
    assert first.status_code == 201, first.text
    assert await _mailed(db, tenant) == set()
    closed = await client.post(
        f"{activations}/{first.json()['id']}/close",
        json={"review": "Lage beruhigt"},
        headers={**headers, **etag(first.json())},
    )
    assert closed.status_code == 200, closed.text
    second = await client.post(
        activations, json={"level": 2, "reason": "Kundgebung angemeldet"}, headers=headers
    )
    assert second.status_code == 201, second.text
    assert await _mailed(db, tenant) == {
        tenant.user("coordinator").id,
        tenant.user("conflict_manager").id,
    }
