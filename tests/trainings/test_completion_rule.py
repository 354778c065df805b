"""The completion rule as data: in-person modules, online deepening, hours; the printed result."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.trainings.helpers import TRAININGS, Series, etag, ok, record


async def _module(client, url, headers, title, kind, hours, day, where):  # type: ignore[no-untyped-def]
    module = ok(
        await client.post(
            f"{url}/modules", json={"title": title, "kind": kind, "hours": hours}, headers=headers
        ),
        201,
    )
    session = ok(
        await client.post(
            f"{url}/modules/{module['id']}/sessions",
            json={"day": day, "starts_at": "09:00", "ends_at": "16:00", **where},
            headers=headers,
        ),
        201,
    )
    return module, session


async def test_in_person_online_and_hours_decide_and_the_certificate_prints_them(
    client, tenants
) -> None:
    t = await tenants.make()
    headers = t.headers("coordinator")  # coordinators run series too
    series = ok(
        await client.post(
            TRAININGS,
            json={
                "title": "Qualifizierung 2026",
                "completion_rule": {"in_person": 2, "online": 1, "hours": 30},
                "signatory": "Sabine Lorenz",
            },
            headers=headers,
        ),
        201,
    )
    url = f"{TRAININGS}/{series['id']}"
    room = {"place": "Landratsamt Bad Salzungen"}
    link = {"link": "https://konferenz.example/vertiefung"}
    modules = [
        await _module(client, url, headers, "Grundlagen", "in_person", 12, "2026-02-12", room),
        await _module(
            client, url, headers, "Konfliktanalyse", "in_person", 12, "2026-03-12", room
        ),
        await _module(client, url, headers, "Mediation", "in_person", 12, "2026-04-16", room),
        await _module(client, url, headers, "Vertiefung online", "online", 6, "2026-05-20", link),
    ]
    assert modules[3][1]["link"] == link["link"] and modules[3][1]["place"] is None
    names = ("Ohne Vertiefung", "Zu wenig Stunden", "Fertig")
    people = [
        ok(await client.post(f"{url}/participants", json={"full_name": n}, headers=headers), 201)
        for n in names
    ]

    arranged = Series(t, series, participants=people)
    # module -> statuses by participant index: late counts as being there, excused does not.
    marks = [
        {0: "present", 1: "excused", 2: "excused"},
        {0: "present", 1: "present", 2: "late"},
        {0: "present", 1: "present", 2: "present"},
        {0: "absent", 1: "present", 2: "present"},
    ]
    for (_, session), statuses in zip(modules, marks, strict=True):
        await record(client, arranged, session, statuses)

    listing = ok(await client.get(f"{url}/participants", headers=headers))
    got = {
        p["full_name"]: (
            p["in_person_attended"],
            p["online_attended"],
            p["hours_attended"],
            p["completed"],
        )
        for p in listing["items"]
    }
    assert got == {
        "Ohne Vertiefung": (3, 0, 36, False),
        "Zu wenig Stunden": (2, 1, 30, True),
        "Fertig": (2, 1, 30, True),
    }
    # Raising the hours leaves only those with enough.
    current = ok(await client.get(url, headers=headers))
    raised = ok(
        await client.patch(
            url,
            json={"completion_rule": {"in_person": 2, "online": 1, "hours": 31}},
            headers={**headers, **etag(current)},
        )
    )
    assert raised["requirement"] == {"in_person": 2, "online": 1, "hours": 31}
    listing = ok(
        await client.get(f"{url}/participants", params={"completed": "true"}, headers=headers)
    )
    assert listing["items"] == []
    current = raised
    ok(
        await client.patch(
            url,
            json={"completion_rule": {"in_person": 2, "online": 1, "hours": 30}},
            headers={**headers, **etag(current)},
        )
    )

    issued = ok(
        await client.post(
            f"{url}/certificates",
            json={"participant_ids": [people[2]["id"]], "issued_on": "2026-05-21"},
            headers=headers,
        ),
        201,
    )["items"][0]
    # Modules keep their numbers from the series: the first one printed is "2.".
    assert [(m["number"], m["hours"]) for m in issued["modules"]] == [(2, 12), (3, 12), (4, 6)]
    assert issued["hours"] == 30

    pdf = await client.get(f"{url}/certificates/{issued['id']}/pdf", headers=t.headers("trainer"))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "2. Konfliktanalyse" in lines and "4. Vertiefung online" in lines
    assert not any(line.startswith("1.") for line in lines)
    assert "12.03.2026 · Landratsamt Bad Salzungen · 12 Stunden" in lines
    assert "20.05.2026 · Online-Vertiefung · 6 Stunden" in lines
    assert "Umfang insgesamt: 30 Stunden" in lines
    assert text.count(" hat") == 1

    verified = ok(await client.get(f"/api/v1/certificates/verify/{issued['verification_code']}"))
    assert verified["number"] == issued["number"]
    assert verified["issuer"] == t.municipality.name
