"""Validation: unknown fields, oversized input, NUL bytes and huge numbers are 422, never 500."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kokoma.access.permissions import Role
from tests.support import CASES, etag, make_case

HUGE = 10**30
_PARTY = {"contact_id": str(uuid.uuid4()), "role_in_conflict": "affected"}

CREATE_BODIES = {
    "unknown field": {"title": "Fall", "priority": "hoch"},
    "no title": {"summary": "ohne Titel"},
    "empty title": {"title": "   "},
    "long title": {"title": "x" * 201},
    "long summary": {"title": "Fall", "summary": "x" * 20_001},
    "NUL in title": {"title": "Fall\x00"},
    "NUL in place": {"title": "Fall", "place": "Bad\x00Salzungen"},
    "control char": {"title": "Fall\x07"},
    "huge escalation": {"title": "Fall", "escalation_level": HUGE},
    "escalation 10": {"title": "Fall", "escalation_level": 10},
    "escalation 0": {"title": "Fall", "escalation_level": 0},
    "unknown topic": {"title": "Fall", "topics": ["astrology"]},
    "too many topics": {"title": "Fall", "topics": ["youth"] * 10},
    "too many indicators": {"title": "Fall", "democracy_indicators": ["other"] * 11},
    "ancient follow-up": {"title": "Fall", "follow_up_date": "1900-01-01"},
    "bad visibility": {"title": "Fall", "visibility": "public"},
    "too many assignees": {"title": "Fall", "assignee_ids": [str(uuid.uuid4())] * 21},
    "title is a number": {"title": 12},
}


@pytest.mark.parametrize("body", CREATE_BODIES.values(), ids=CREATE_BODIES.keys())
async def test_create_refuses(client, tenants, body: dict[str, Any]) -> None:
    t = await tenants.make(roles=())
    coordinator = await tenants.add_user(t, Role.COORDINATOR)
    response = await client.post(CASES, json=body, headers=coordinator.headers)
    assert response.status_code == 422, response.text
    assert response.json()["errors"]
    listed = await client.get(CASES, headers=coordinator.headers)
    assert listed.json()["items"] == []


CHANGES = {
    "patch unknown field": ("PATCH", "", {"status": "closed"}),
    "patch NUL": ("PATCH", "", {"summary": "a\x00b"}),
    "patch long note": ("PATCH", "", {"escalation_level": 4, "timeline_note": "x" * 2001}),
    "patch null topics": ("PATCH", "", {"topics": None}),
    "patch huge level": ("PATCH", "", {"escalation_level": HUGE}),
    "status unknown": ("POST", "/status", {"status": "done"}),
    "status extra field": ("POST", "/status", {"status": "clarifying", "by": "me"}),
    "status NUL note": ("POST", "/status", {"status": "clarifying", "note": "\x00"}),
    "status bad referral id": ("POST", "/status", {"status": "referred", "referral_id": "x"}),
    "withdraw without reason": ("POST", "/withdraw", {}),
    "withdraw long reason": ("POST", "/withdraw", {"reason": "x" * 2001}),
    "parties too many": ("PUT", "/parties", {"parties": [_PARTY] * 51}),
    "parties bad role": ("PUT", "/parties", {"parties": [{**_PARTY, "role_in_conflict": "boss"}]}),
    "parties extra": ("PUT", "/parties", {"parties": [{**_PARTY, "weight": 3}]}),
    "parties bad id": ("PUT", "/parties", {"parties": [{**_PARTY, "contact_id": "nope"}]}),
    "parties unknown contact": ("PUT", "/parties", {"parties": [_PARTY]}),
    "assignees too many": ("PUT", "/assignees", {"user_ids": [str(uuid.uuid4())] * 21}),
    "assignees not a list": ("PUT", "/assignees", {"user_ids": "alle"}),
}


@pytest.mark.parametrize(("method", "suffix", "body"), CHANGES.values(), ids=CHANGES.keys())
async def test_changes_refuse(client, tenants, method: str, suffix: str, body: Any) -> None:
    t = await tenants.make()
    case = await make_case(client, t, role="coordinator")
    response = await client.request(
        method,
        f"{CASES}/{case['id']}{suffix}",
        json=body,
        headers={**t.headers("coordinator"), **etag(case)},
    )
    assert response.status_code == 422, response.text
    after = await client.get(f"{CASES}/{case['id']}", headers=t.headers("coordinator"))
    assert after.json()["version"] == case["version"]


QUERIES = {
    "unknown parameter": {"colour": "red"},
    "huge escalation": {"escalation_min": str(HUGE)},
    "escalation range upside down": {"escalation_min": 5, "escalation_max": 2},
    "huge limit": {"limit": str(HUGE)},
    "limit over 100": {"limit": 101},
    "NUL in q": {"q": "a\x00"},
    "long q": {"q": "x" * 201},
    "unknown status": {"status": "done"},
    "unknown sort": {"sort": "summary"},
    "bad date": {"created_from": "gestern"},
    "dates upside down": {"created_from": "2026-02-01", "created_to": "2026-01-01"},
    "bad assignee": {"assignee": "jemand"},
}


@pytest.mark.parametrize("params", QUERIES.values(), ids=QUERIES.keys())
async def test_list_refuses(client, tenants, params: dict[str, Any]) -> None:
    t = await tenants.make(roles=())
    manager = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    response = await client.get(CASES, params=params, headers=manager.headers)
    assert response.status_code == 422, response.text


async def test_malformed_ids_are_422_not_500(client, tenants) -> None:
    t = await tenants.make()
    for path in (f"{CASES}/not-a-uuid", f"{CASES}/{'9' * 40}/timeline"):
        response = await client.get(path, headers=t.headers("coordinator"))
        assert response.status_code == 422
