"""Talking to KoKoMa as its users do: signing in and the request bodies of writes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bench.config import PASSWORD
from bench.dataset import CONSULTATION_SUMMARIES, DISTRICTS, TEMPLATES

API = "/api/v1"


async def sign_in(http: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Password grant; returns the Authorization header."""
    response = await http.post(
        f"{API}/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def consultation_body(rng: random.Random) -> dict[str, Any]:
    """A counselling session of the last weeks, as a conflict manager documents it."""
    started = datetime.now(UTC) - timedelta(hours=rng.randint(2, 500))
    place = rng.choice(DISTRICTS[0].places)
    return {
        "started_at": started.isoformat(),
        "duration_minutes": rng.choice((45, 60, 90)),
        "format": rng.choice(("in_person", "online", "phone")),
        "kind": "counselling",
        "counselling_role": "advisor",
        "summary": rng.choice(CONSULTATION_SUMMARIES).format(place=place),
        "next_steps": "Rückmeldung an die Verwaltung bis Monatsende.",
    }


def case_body(rng: random.Random) -> dict[str, Any]:
    """A newly reported conflict."""
    template = rng.choice(TEMPLATES)
    place = rng.choice(DISTRICTS[0].places)
    return {
        "title": template.title.format(place=place),
        "summary": template.summary,
        "topics": [t.value for t in template.topics],
        "escalation_level": rng.randint(1, 5),
        "place": place,
        "requesting_body": template.requesting_body,
    }
