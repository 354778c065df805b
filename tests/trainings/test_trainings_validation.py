"""Bad input is 422 (never 500), on both databases, and changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.support import etag
from tests.trainings.helpers import TRAININGS, make_series, ok

HUGE = 10**30


def _fill(value: Any, participant_id: str) -> Any:
    """``value`` with the placeholder "{p0}" replaced by a real participant id."""
    if isinstance(value, dict):
        return {k: _fill(v, participant_id) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, participant_id) for v in value]
    return participant_id if value == "{p0}" else value


def _session(**fields: object) -> dict[str, object]:
    return {
        "day": "2026-04-01",
        "starts_at": "09:00",
        "ends_at": "12:00",
        "place": "Erfurt",
        **fields,
    }


@pytest.mark.parametrize(
    "kind, body",
    [
        ("series", {"title": "Reihe", "colour": "blau"}),
        ("series", {"title": "x" * 201}),
        ("series", {"title": " " + "x" * 200}),  # the documented length counts as sent
        ("series", {"title": ""}),
        ("series", {"title": "Reihe\x00"}),
        ("series", {"title": "Reihe", "description": "x" * 5001}),
        ("series", {"title": "Reihe", "completion_rule": {"in_person": HUGE}}),
        ("series", {"title": "Reihe", "completion_rule": {"online": -1}}),
        ("series", {"title": "Reihe", "completion_rule": {"hours": 80.3}}),
        ("series", {"title": "Reihe", "completion_rule": {"modules": 2}}),
        ("series", {"title": "Reihe", "signatory": "Sabine\x00Lorenz"}),
        ("module", {"title": "Modul", "days": HUGE}),
        ("module", {"title": "Modul", "position": 2**63}),
        ("module", {"title": "Modul", "unknown": 1}),
        ("session", _session(ends_at="08:00")),
        ("session", _session(ends_at="09:00", starts_at="09:00")),
        ("session", _session(starts_at="09:00Z", ends_at="12:00Z")),
        ("session", _session(starts_at=3600, ends_at=7200)),
        ("session", _session(day="1900-01-01")),
        ("session", _session(day="20260401")),
        ("session", _session(place="Erfurt\x00")),
        ("session", _session(place="x" * 201)),
        ("session", _session(place=None)),
        ("session", _session(place=None, link="http://konferenz.example/raum")),
        ("session", _session(link="javascript:alert(1)")),
        ("session", _session(room="204")),
        ("participant", {}),
        ("participant", {"full_name": "A\x00"}),
        (
            "participant",
            {"full_name": "A", "user_id": str(uuid.uuid4()), "contact_id": str(uuid.uuid4())},
        ),
        ("participant", {"full_name": "A", "organisation": "x" * 201}),
        ("participant", {"full_name": "A", "role": "trainer"}),
        ("attendance", {"entries": [{"participant_id": "{p0}", "status": "sick"}]}),
        ("attendance", {"entries": [{"participant_id": "{p0}", "status": "present"}] * 2}),
        (
            "attendance",
            {"entries": [{"participant_id": str(uuid.uuid4()), "status": "present"}] * 501},
        ),
        ("attendance", {"entries": [{"participant_id": str(uuid.uuid4()), "status": "present"}]}),
        ("attendance", {"entries": [], "note": "x"}),
        ("certificates", {"participant_ids": [str(uuid.uuid4()) for _ in range(501)]}),
        ("certificates", {"participant_ids": [str(uuid.uuid4())]}),
        ("certificates", {"participant_ids": ["{p0}", "{p0}"]}),
        ("certificates", {"issued_on": "2026-02-30"}),
        ("certificates", {"sign": True}),
    ],
)
async def test_invalid_bodies_are_422(client, tenants, kind: str, body: dict) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A",))
    day = series.sessions[0][0]
    url = {
        "series": TRAININGS,
        "module": f"{series.url}/modules",
        "session": f"{series.url}/modules/{series.modules[0]['id']}/sessions",
        "participant": f"{series.url}/participants",
        "attendance": f"{series.url}/sessions/{day['id']}/attendance",
        "certificates": f"{series.url}/certificates",
    }[kind]
    method = "PUT" if kind == "attendance" else "POST"
    payload = _fill(body, series.participants[0]["id"])
    before = ok(await client.get(series.url, headers=series.headers()))

    response = await client.request(
        method, url, json=payload, headers={**series.headers(), **etag(day)}
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"], response.text
    assert ok(await client.get(series.url, headers=series.headers())) == before


@pytest.mark.parametrize(
    "target, body",
    [
        ("session", {"ends_at": "08:00"}),
        ("session", {"starts_at": "17:00"}),
        ("session", {"day": None}),
        ("session", {"place": None}),
        ("module", {"title": None}),
        ("module", {"position": 0}),
        ("module", {"days": 61}),
        ("series", {"title": None}),
        ("series", {"completion_rule": {"in_person": 101}}),
        ("participant", {"full_name": None}),
        ("participant", {"user_id": str(uuid.uuid4())}),
    ],
)
async def test_invalid_updates_are_422_and_change_nothing(
    client, tenants, target: str, body: dict
) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A",))
    record, url = {
        "session": (series.sessions[0][0], f"{series.url}/sessions/{series.sessions[0][0]['id']}"),
        "module": (series.modules[0], f"{series.url}/modules/{series.modules[0]['id']}"),
        "series": (series.data, series.url),
        "participant": (
            series.participants[0],
            f"{series.url}/participants/{series.participants[0]['id']}",
        ),
    }[target]
    before = ok(await client.get(url, headers=series.headers()))

    response = await client.patch(url, json=body, headers={**series.headers(), **etag(record)})

    assert response.status_code == 422, response.text
    assert ok(await client.get(url, headers=series.headers())) == before


async def test_bad_query_parameters(client, tenants) -> None:
    t = await tenants.make()
    headers = t.headers("trainer")
    assert (
        await client.get(TRAININGS, params={"cursor": "kaputt"}, headers=headers)
    ).status_code == 400
    assert (await client.get(TRAININGS, params={"limit": 101}, headers=headers)).status_code == 422
    assert (
        await client.get(TRAININGS, params={"sort": "secret"}, headers=headers)
    ).status_code == 422
    assert (
        await client.get(TRAININGS, params={"q": "x" * 201}, headers=headers)
    ).status_code == 422
    assert (await client.get(TRAININGS, params={"q": "\x00"}, headers=headers)).status_code == 422
    assert (await client.get(f"{TRAININGS}/not-a-uuid", headers=headers)).status_code == 422


async def test_lists_page_with_cursors(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(
        client, t, days_per_module=(1,), participants=("Dora", "Anton", "Berta", "Cäsar", "Emil")
    )
    names, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = ok(
            await client.get(f"{series.url}/participants", params=params, headers=series.headers())
        )
        names += [p["full_name"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert names == ["Anton", "Berta", "Cäsar", "Dora", "Emil"]

    for title in ("Zweite Reihe", "Dritte Reihe"):
        ok(await client.post(TRAININGS, json={"title": title}, headers=series.headers()), 201)
    first = ok(
        await client.get(TRAININGS, params={"limit": 2, "sort": "title"}, headers=series.headers())
    )
    rest = ok(
        await client.get(
            TRAININGS,
            params={"limit": 2, "sort": "title", "cursor": first["next_cursor"]},
            headers=series.headers(),
        )
    )
    assert [s["title"] for s in first["items"] + rest["items"]] == [
        "Dritte Reihe",
        "Qualifizierung Kommunale Konfliktmanager:innen 2026",
        "Zweite Reihe",
    ]
    assert rest["next_cursor"] is None
    found = ok(await client.get(TRAININGS, params={"q": "zweite"}, headers=series.headers()))
    assert [s["title"] for s in found["items"]] == ["Zweite Reihe"]
