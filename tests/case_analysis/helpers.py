"""Writing analyses over the API."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from tests.support import CASES, Tenant


def analysis_url(case: dict[str, Any]) -> str:
    return f"{CASES}/{case['id']}/analysis"


def sample(**changes: Any) -> dict[str, Any]:
    """Three actors, two relationships and two assessed pairs."""
    body: dict[str, Any] = {
        "actors": [
            {"key": "bi", "label": "Bürgerinitiative", "kind": "group", "influence": 3},
            {"key": "rat", "label": "Gemeinderat", "kind": "authority", "influence": 5},
            {"key": "afd", "label": "Ortsgruppe", "kind": "group", "influence": 2},
        ],
        "issues": [{"text": "Standort der Unterkunft", "raised_by": ["bi"], "weight": "core"}],
        "relationships": [
            {"source": "bi", "target": "rat", "kind": "conflict", "intensity": 3},
            {"source": "afd", "target": "bi", "kind": "influence", "directed": True},
        ],
        "assessments": [
            {
                "actor_a": "bi",
                "actor_b": "rat",
                "stage": 4,
                "turning_points": [{"on": "2026-01-15", "what": "Flugblätter gegen den Rat"}],
            },
            {"actor_a": "afd", "actor_b": "rat", "stage": 2},
        ],
        "recommendations": "Moderierte Bürgerversammlung.",
    }
    body.update(changes)
    return body


async def put_analysis(
    client: AsyncClient,
    tenant: Tenant,
    case: dict[str, Any],
    body: dict[str, Any],
    version: int | str = 0,
    role: str = "conflict_manager",
) -> Response:
    return await client.put(
        analysis_url(case),
        json=body,
        headers={**tenant.headers(role), "If-Match": f'"{version}"'},
    )
