"""From a new series to a verified certificate; completion rule; attendance; ETags."""

from __future__ import annotations

import io
import uuid
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from tests.support import etag
from tests.trainings.helpers import (
    TRAININGS,
    VERIFICATION_FIELDS,
    attend_all,
    make_series,
    ok,
    record,
)


async def test_full_flow_from_series_to_verified_certificate(client, tenants, db) -> None:
    t = await tenants.make()
    headers = t.headers("trainer")
    series = ok(
        await client.post(
            TRAININGS,
            json={
                "title": "Qualifizierung Kommunale Konfliktmanager:innen 2026",
                "completion_rule": {"in_person": 2},
                "signatory": "Sabine Lorenz, Qualifizierung",
            },
            headers=headers,
        ),
        201,
    )
    url = f"{TRAININGS}/{series['id']}"
    first = ok(
        await client.post(
            f"{url}/modules", json={"title": "Konflikte erkennen", "days": 2}, headers=headers
        ),
        201,
    )
    second = ok(
        await client.post(
            f"{url}/modules", json={"title": "Systemische Konfliktanalyse"}, headers=headers
        ),
        201,
    )
    days = []
    for module, day, place in [
        (first, "2026-02-12", "Wartburgstadt Eisenach, Rathaus"),
        (first, "2026-02-13", "Wartburgstadt Eisenach, Rathaus"),
        (second, "2026-03-19", "Landratsamt Bad Salzungen"),
    ]:
        days.append(
            ok(
                await client.post(
                    f"{url}/modules/{module['id']}/sessions",
                    json={"day": day, "starts_at": "09:00", "ends_at": "16:30", "place": place},
                    headers=headers,
                ),
                201,
            )
        )
    anna = ok(
        await client.post(
            f"{url}/participants",
            json={"full_name": "Anna Schulze", "organisation": "Stadt Eisenach"},
            headers=headers,
        ),
        201,
    )
    jens = ok(
        await client.post(
            f"{url}/participants", json={"full_name": "Jens Müller"}, headers=headers
        ),
        201,
    )

    # One request records a whole session day.
    for day in days:
        register_url = f"{url}/sessions/{day['id']}/attendance"
        status_of_jens = "excused" if day is days[1] else "present"
        register = ok(
            await client.put(
                register_url,
                json={
                    "entries": [
                        {"participant_id": anna["id"], "status": "present"},
                        {"participant_id": jens["id"], "status": status_of_jens},
                    ]
                },
                headers={**headers, **etag(day)},
            )
        )
        assert register["version"] == day["version"] + 1
        assert {e["participant_id"]: e["status"] for e in register["entries"]} == {
            anna["id"]: "present",
            jens["id"]: status_of_jens,
        }

    listing = ok(await client.get(f"{url}/participants", headers=t.headers("coordinator")))
    by_name = {p["full_name"]: p for p in listing["items"]}
    assert by_name["Anna Schulze"]["completed"] is True
    assert by_name["Anna Schulze"]["completed_on"] == "2026-03-19"
    assert by_name["Anna Schulze"]["in_person_attended"] == 2
    # Excused on one of the two days: the first module does not count.
    assert by_name["Jens Müller"]["completed"] is False
    assert by_name["Jens Müller"]["in_person_attended"] == 1

    issued = ok(
        await client.post(
            f"{url}/certificates", json={"issued_on": "2026-03-20"}, headers=headers
        ),
        201,
    )["items"]
    assert len(issued) == 1
    certificate = issued[0]
    assert certificate["participant_id"] == anna["id"]
    assert certificate["number"] == f"KOKOMA-{t.slug.upper()}-2026-0001"
    assert certificate["status"] == "valid"
    assert len(certificate["verification_code"]) >= 20
    assert [m["title"] for m in certificate["modules"]] == [
        "Konflikte erkennen",
        "Systemische Konfliktanalyse",
    ]

    pdf = await client.get(
        f"{url}/certificates/{certificate['id']}/pdf", headers=t.headers("coordinator")
    )
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert f"Zertifikat-{certificate['number']}.pdf" in pdf.headers["content-disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Anna Schulze" in text
    assert certificate["number"] in text
    # The address printed for checking is the web app's public page.
    assert f"https://kokoma.test/zertifikat/pruefen/{certificate['verification_code']}" in text
    assert "Systemische Konfliktanalyse" in text
    assert "12.02.2026, 13.02.2026" in text
    assert "Hiermit wird bestätigt" in text

    verified = await client.get(f"/api/v1/certificates/verify/{certificate['verification_code']}")
    assert verified.status_code == 200
    assert verified.json() == {
        "number": certificate["number"],
        "participant_name": "Anna Schulze",
        "series_title": "Qualifizierung Kommunale Konfliktmanager:innen 2026",
        "issuer": t.municipality.name,
        "issued_on": "2026-03-20",
        "status": "valid",
    }

    qualified = ok(await client.get(f"{TRAININGS}/qualified", headers=t.headers("coordinator")))
    assert [(q["full_name"], q["certificate_number"]) for q in qualified["items"]] == [
        ("Anna Schulze", certificate["number"])
    ]

    async with db() as session:
        actions = set(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.municipality_id == t.id)
            )
        )
        events = list(
            await session.scalars(
                select(DomainEvent).where(DomainEvent.resource_id == uuid.UUID(certificate["id"]))
            )
        )
    assert {
        "training.create",
        "training.module.create",
        "training.session.create",
        "training.participant.create",
        "training.attendance.update",
        "certificate.issue",
    } <= actions
    assert [(e.event_type, e.data["number"]) for e in events] == [
        ("certificate.issued", certificate["number"])
    ]


async def test_revoked_certificate_verifies_as_revoked_and_can_be_replaced(
    client, tenants
) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("Anna Schulze",))
    await attend_all(client, series, {0: "present"})
    certificate = ok(
        await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201
    )["items"][0]
    revoke_url = f"{series.url}/certificates/{certificate['id']}/revoke"

    without_etag = await client.post(
        revoke_url, json={"reason": "Name falsch geschrieben"}, headers=series.headers()
    )
    assert without_etag.status_code == 428
    revoked = ok(
        await client.post(
            revoke_url,
            json={"reason": "Name falsch geschrieben"},
            headers={**series.headers(), **etag(certificate)},
        )
    )
    assert revoked["status"] == "revoked"
    verified = ok(
        await client.get(f"/api/v1/certificates/verify/{certificate['verification_code']}")
    )
    assert verified["status"] == "revoked"
    assert set(verified) == VERIFICATION_FIELDS
    pdf = await client.get(
        f"{series.url}/certificates/{certificate['id']}/pdf", headers=series.headers()
    )
    assert pdf.status_code == 409

    again = ok(
        await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201
    )["items"]
    assert [c["number"][-4:] for c in again] == ["0002"]
    assert again[0]["verification_code"] != certificate["verification_code"]


async def test_issuing_again_only_certifies_those_without_a_certificate(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A", "B", "C"))
    await attend_all(client, series, {0: "present", 1: "present", 2: "absent"})
    first = ok(
        await client.post(
            f"{series.url}/certificates",
            json={"participant_ids": [series.participants[0]["id"]]},
            headers=series.headers(),
        ),
        201,
    )["items"]
    assert [c["participant_name"] for c in first] == ["A"]

    twice = await client.post(
        f"{series.url}/certificates",
        json={"participant_ids": [series.participants[0]["id"]]},
        headers=series.headers(),
    )
    assert twice.status_code == 409
    assert twice.json()["participant_ids"] == [series.participants[0]["id"]]
    not_completed = await client.post(
        f"{series.url}/certificates",
        json={"participant_ids": [series.participants[2]["id"]]},
        headers=series.headers(),
    )
    assert not_completed.status_code == 409

    rest = ok(
        await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201
    )["items"]
    assert [c["participant_name"] for c in rest] == ["B"]
    none_left = ok(
        await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201
    )
    assert none_left["items"] == []


async def test_completion_rule_counts_modules_attended_on_every_day(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(
        client, t, days_per_module=(2, 1, 1), participants=("Alle", "Fast", "Teil")
    )
    # "Alle" is present everywhere; "Fast" misses one day of the two-day module;
    # "Teil" attends only the last two modules.
    await attend_all(client, series, {0: "present", 1: "present", 2: "absent"}, range(0, 1))
    await record(client, series, series.sessions[0][1], {0: "present", 1: "absent", 2: "absent"})
    await attend_all(client, series, {0: "present", 1: "present", 2: "present"}, range(1, 3))

    def status(listing: dict) -> dict[str, tuple[int, bool]]:
        return {
            p["full_name"]: (p["in_person_attended"], p["completed"]) for p in listing["items"]
        }

    everything = ok(await client.get(f"{series.url}/participants", headers=series.headers()))
    assert status(everything) == {"Alle": (3, True), "Fast": (2, False), "Teil": (2, False)}

    # Lowering the rule to two modules applies at once.
    current = ok(await client.get(series.url, headers=series.headers()))
    assert current["requirement"] == {"in_person": 3, "online": 0, "hours": 0}
    changed = ok(
        await client.patch(
            series.url,
            json={"completion_rule": {"in_person": 2}},
            headers={**series.headers(), **etag(current)},
        )
    )
    assert changed["completion_rule"] == {"in_person": 2, "online": None, "hours": None}
    assert changed["requirement"]["in_person"] == 2
    lowered = ok(await client.get(f"{series.url}/participants", headers=series.headers()))
    assert status(lowered) == {"Alle": (3, True), "Fast": (2, True), "Teil": (2, True)}
    completed_on = {p["full_name"]: p["completed_on"] for p in lowered["items"]}
    # Completed with the second fully attended module, not the last one.
    last_days = [s[-1]["day"] for s in series.sessions]
    assert completed_on == {"Alle": last_days[1], "Fast": last_days[2], "Teil": last_days[2]}

    only_done = ok(
        await client.get(
            f"{series.url}/participants", params={"completed": "false"}, headers=series.headers()
        )
    )
    assert only_done["items"] == []

    # A new session day in the last module is not attended yet: that module stops counting.
    await client.post(
        f"{series.url}/modules/{series.modules[2]['id']}/sessions",
        json={"day": "2026-12-01", "starts_at": "09:00", "ends_at": "12:00", "place": "Erfurt"},
        headers=series.headers(),
    )
    added_day = ok(await client.get(f"{series.url}/participants", headers=series.headers()))
    assert status(added_day) == {"Alle": (2, True), "Fast": (1, False), "Teil": (1, False)}


async def test_attendance_put_replaces_the_register_and_needs_the_current_etag(
    client, tenants
) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A", "B"))
    day = series.sessions[0][0]
    url = f"{series.url}/sessions/{day['id']}/attendance"
    first = await record(client, series, day, {0: "present", 1: "present"})
    second = await record(client, series, day, {1: "absent"})
    assert [(e["participant_id"], e["status"]) for e in second["entries"]] == [
        (series.participants[1]["id"], "absent")
    ]

    stale = await client.put(
        url, json={"entries": []}, headers={**series.headers(), **etag(first)}
    )
    assert stale.status_code == 412
    missing = await client.put(url, json={"entries": []}, headers=series.headers())
    assert missing.status_code == 428
    fetched = await client.get(url, headers=series.headers())
    assert fetched.headers["ETag"] == f'"{second["version"]}"'
    assert fetched.json()["entries"] == second["entries"]


async def test_modules_keep_their_order_when_inserted_and_moved(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1, 1, 1), participants=())
    inserted = ok(
        await client.post(
            f"{series.url}/modules",
            json={"title": "Einführung", "position": 1},
            headers=series.headers(),
        ),
        201,
    )
    assert inserted["position"] == 1
    current = ok(await client.get(series.url, headers=series.headers()))
    assert [m["title"] for m in current["modules"]] == [
        "Einführung",
        "Modul 1",
        "Modul 2",
        "Modul 3",
    ]

    moved = ok(
        await client.patch(
            f"{series.url}/modules/{inserted['id']}",
            json={"position": 3},
            headers={**series.headers(), **etag(inserted)},
        )
    )
    assert moved["position"] == 3
    module_2 = next(m for m in current["modules"] if m["title"] == "Modul 2")
    module_2 = ok(
        await client.get(f"{series.url}/modules/{module_2['id']}", headers=series.headers())
    )
    deleted = await client.delete(
        f"{series.url}/modules/{module_2['id']}", headers={**series.headers(), **etag(module_2)}
    )
    assert deleted.status_code == 204
    after = ok(await client.get(series.url, headers=series.headers()))
    assert [(m["position"], m["title"]) for m in after["modules"]] == [
        (1, "Modul 1"),
        (2, "Einführung"),
        (3, "Modul 3"),
    ]
    assert after["first_day"] == series.sessions[0][0]["day"]


async def test_participants_link_users_and_contacts_once(client, tenants, db) -> None:
    from tests.support import insert_contact

    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=())
    manager = t.user("conflict_manager")
    linked = ok(
        await client.post(
            f"{series.url}/participants",
            json={"user_id": str(manager.id)},
            headers=series.headers(),
        ),
        201,
    )
    assert linked["full_name"] == manager.full_name
    assert linked["user_id"] == str(manager.id)
    twice = await client.post(
        f"{series.url}/participants", json={"user_id": str(manager.id)}, headers=series.headers()
    )
    assert twice.status_code == 409

    contact_id = await insert_contact(db, t, "Katrin Wagner")
    without_name = await client.post(
        f"{series.url}/participants",
        json={"contact_id": str(contact_id)},
        headers=series.headers(),
    )
    assert without_name.status_code == 422
    contact = ok(
        await client.post(
            f"{series.url}/participants",
            json={"contact_id": str(contact_id), "full_name": "Katrin Wagner"},
            headers=series.headers(),
        ),
        201,
    )
    assert contact["contact_id"] == str(contact_id)

    renamed = ok(
        await client.patch(
            f"{series.url}/participants/{contact['id']}",
            json={"full_name": "Dr. Katrin Wagner"},
            headers={**series.headers(), **etag(contact)},
        )
    )
    assert renamed["full_name"] == "Dr. Katrin Wagner"
    removed = await client.delete(
        f"{series.url}/participants/{contact['id']}", headers={**series.headers(), **etag(renamed)}
    )
    assert removed.status_code == 204


async def test_certified_participants_and_series_cannot_be_deleted(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A",))
    await attend_all(client, series, {0: "present"})
    ok(await client.post(f"{series.url}/certificates", json={}, headers=series.headers()), 201)
    participant = ok(
        await client.get(
            f"{series.url}/participants/{series.participants[0]['id']}", headers=series.headers()
        )
    )
    refused = await client.delete(
        f"{series.url}/participants/{participant['id']}",
        headers={**series.headers(), **etag(participant)},
    )
    assert refused.status_code == 409
    current = ok(await client.get(series.url, headers=series.headers()))
    refused_series = await client.delete(series.url, headers={**series.headers(), **etag(current)})
    assert refused_series.status_code == 409


async def test_a_series_without_certificates_is_deleted_with_everything_in_it(
    client, tenants
) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(2,), participants=("A",))
    await attend_all(client, series, {0: "present"})
    current = ok(await client.get(series.url, headers=series.headers()))
    deleted = await client.delete(series.url, headers={**series.headers(), **etag(current)})
    assert deleted.status_code == 204
    assert (await client.get(series.url, headers=series.headers())).status_code == 404


async def test_issue_date_is_neither_in_the_future_nor_before_completion(client, tenants) -> None:
    t = await tenants.make()
    series = await make_series(client, t, days_per_module=(1,), participants=("A",))
    await attend_all(client, series, {0: "present"})
    completed_on = date.fromisoformat(series.sessions[0][0]["day"])
    for issued_on in ["2099-01-01", (completed_on.replace(day=1)).isoformat()]:
        response = await client.post(
            f"{series.url}/certificates", json={"issued_on": issued_on}, headers=series.headers()
        )
        assert response.status_code == 422, issued_on
