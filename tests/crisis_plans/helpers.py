"""A complete plan body, as a coordinator would write it."""

from __future__ import annotations

import copy
from typing import Any

from httpx import AsyncClient

from tests.support import Tenant

PLANS = "/api/v1/crisis-plans"

_CONTENT: dict[str, Any] = {
    "scenarios": [
        {
            "key": "kundgebung",
            "hazard": "Angekündigte Kundgebung gegen die geplante Unterkunft",
            "triggers": "Aufruf in Messengergruppen",
            "affected": "Bewohnende der Unterkunft, Bürgermeisterin",
            "likelihood": 4,
            "impact": 4,
            "escalation_stage": 5,
        }
    ],
    "indicators": [
        {
            "key": "aufrufe",
            "scenario_key": "kundgebung",
            "watch": "Mobilisierung in sozialen Medien",
            "source": "social_media",
            "threshold": "Gelb: Aufruf; Rot: Termin und Ort genannt",
            "watcher_role": "koordination",
            "frequency": "täglich",
            "state": "green",
        }
    ],
    "levels": [
        {"level": 0, "entry_criteria": "Normalbetrieb", "decided_by_role": "koordination"},
        {"level": 1, "entry_criteria": "Ein Indikator gelb", "decided_by_role": "koordination"},
        {"level": 2, "entry_criteria": "Ein Indikator rot", "decided_by_role": "buergermeisterin"},
        {
            "level": 3,
            "entry_criteria": "Gefahr für Leib und Leben",
            "decided_by_role": "buergermeisterin",
        },
    ],
    "roles": [
        {
            "key": "koordination",
            "title": "Koordination",
            "holder": {"name": "Thomas Berger", "phone": "03695 61 71 00"},
            "deputy": {"name": "Anna Schulze", "phone": "03695 61 71 01"},
            "availability": "werktags 8–18 Uhr",
        },
        {
            "key": "buergermeisterin",
            "title": "Bürgermeisterin",
            "holder": {"name": "Carola Hesse", "phone": "036922 2 80 0"},
        },
    ],
    "alert_chain": [
        {
            "level": 2,
            "from_role": "koordination",
            "to_role": "buergermeisterin",
            "channel": "phone",
            "answer_within_minutes": 15,
        }
    ],
    "communication": {
        "spokesperson_role": "buergermeisterin",
        "messages": [
            {
                "audience": "residents",
                "level": 2,
                "channel": "email",
                "text": "Die Gemeinde steht für ein friedliches Miteinander.",
                "easy_language_text": "Wir wollen friedlich zusammen leben.",
            }
        ],
    },
    "measures": [
        {
            "scenario_key": "kundgebung",
            "level": 2,
            "phase": "acute",
            "action": "Koordinierungsrunde mit Polizei einberufen",
            "owner_role": "koordination",
        }
    ],
    "support_bodies": [
        {
            "name": "Mobile Beratung in Thüringen (MOBIT)",
            "kind": "mobile_counselling",
            "phone": "0361 219 26 94",
            "when_to_call": "Ab Stufe 1",
        }
    ],
}


def plan_body(**frame: Any) -> dict[str, Any]:
    return {
        "title": "Krisenpräventionsplan Unterkunft Gerstungen",
        "area": "Gemeinde Gerstungen",
        "content": copy.deepcopy(_CONTENT),
        **frame,
    }


async def make_plan(
    client: AsyncClient, tenant: Tenant, role: str = "coordinator", **frame: Any
) -> dict[str, Any]:
    response = await client.post(PLANS, json=plan_body(**frame), headers=tenant.headers(role))
    assert response.status_code == 201, response.text
    return response.json()


async def adopt(client: AsyncClient, tenant: Tenant, plan: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(
        f"{PLANS}/{plan['id']}/adopt",
        json={"note": "Beschluss der Steuerungsgruppe vom 12.03.2026"},
        headers={**tenant.headers("coordinator"), "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 200, response.text
    return response.json()
