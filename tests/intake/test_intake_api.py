"""The contact point: the public page, asking for help without an account, the inbox."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from kokoma.mail.models import MailMessage
from tests.places.test_places_api import make_place
from tests.support import Tenant, app_client, client_headers, etag, make_case

PUBLIC = "/api/v1/public/municipalities"
PAGE = "/api/v1/contact-page"
REQUESTS = "/api/v1/requests"
LISTING = "/api/v1/profile/public-listing"
COORDINATOR = "coordinator"
MANAGER = "conflict_manager"

_PAGE: dict[str, Any] = {
    "published": True,
    "offer": "Wir beraten vertraulich bei Konflikten vor Ort.",
    "limits": "Keine Rechtsberatung, kein Notdienst.",
    "emergency": "Polizei 110, Feuerwehr und Rettungsdienst 112",
    "point_name": "Demokratiewerkstatt Bad Salzungen",
    "point_address": "Am Flößrasen 1, 36433 Bad Salzungen",
    "point_hours": "Di und Do 10–16 Uhr",
    "point_phone": "03695 123456",
    "point_email": "kontakt@demokratiewerkstatt.example",
}


async def publish_page(client: Any, t: Tenant, **fields: Any) -> dict[str, Any]:
    response = await client.put(
        PAGE, json={**_PAGE, **fields}, headers={**t.headers(COORDINATOR), "If-Match": '"0"'}
    )
    assert response.status_code == 200, response.text
    return response.json()


def form(token: str, **fields: Any) -> dict[str, Any]:
    return {
        "description": "Seit Wochen Streit um den Jugendclub im Ortsteil.",
        "contact_method": "email",
        "email": "anfrage@example.org",
        "consent": True,
        "form_token": token,
        **fields,
    }


async def ask(client: Any, t: Tenant, **fields: Any) -> Any:
    page = await client.get(f"{PUBLIC}/{t.slug}")
    assert page.status_code == 200, page.text
    return await client.post(
        f"{PUBLIC}/{t.slug}/requests", json=form(page.json()["form_token"], **fields)
    )


async def test_a_published_page_is_public_and_shows_only_public_data(client, tenants) -> None:
    t = await tenants.make()
    assert (await client.get(f"{PUBLIC}/{t.slug}")).status_code == 404  # not yet published
    await publish_page(client, t)
    await make_place(client, t, name="Bad Salzungen")
    response = await client.get(f"{PUBLIC}/{t.slug}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["contact_point"]["name"] == "Demokratiewerkstatt Bad Salzungen"
    assert "110" in body["emergency"]
    assert [p["name"] for p in body["places"]] == ["Bad Salzungen"]
    assert body["conflict_managers"] == []
    assert set(body) == {
        "municipality_name",
        "slug",
        "offer",
        "limits",
        "emergency",
        "contact_point",
        "conflict_managers",
        "places",
        "form_token",
        "min_fill_seconds",
    }


async def test_the_page_has_a_readable_address_too(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    address = f"kreis-{t.slug}"
    await publish_page(client, t, page_slug=address)
    assert (await client.get(f"{PUBLIC}/{address}")).json()["slug"] == t.slug
    taken = await client.put(
        PAGE,
        json={**_PAGE, "page_slug": t.slug},
        headers={**other.headers(COORDINATOR), "If-Match": '"0"'},
    )
    assert taken.status_code == 422
    twice = await client.put(
        PAGE,
        json={**_PAGE, "page_slug": address},
        headers={**other.headers(COORDINATOR), "If-Match": '"0"'},
    )
    assert twice.status_code == 409


async def test_unknown_and_unpublished_slugs_look_the_same(client, tenants) -> None:
    t = await tenants.make()
    await publish_page(client, t, published=False)
    hidden = await client.get(f"{PUBLIC}/{t.slug}")
    unknown = await client.get(f"{PUBLIC}/gibt-es-nicht")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json()["detail"] == unknown.json()["detail"]
    assert (await client.get(f"{PUBLIC}/UPPER")).status_code == 422
    post = await client.post(f"{PUBLIC}/gibt-es-nicht/requests", json=form("x"))
    assert post.status_code == 404


async def test_listed_managers_appear_with_consent_and_vanish_on_withdrawal(
    client, tenants
) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    manager = t.headers(MANAGER)
    mine = await client.get(LISTING, headers=manager)
    assert mine.json()["listed"] is False and mine.headers["etag"] == '"0"'
    given = await client.put(
        LISTING,
        json={"office": "Jugendamt", "reach": "03695 1, dienstags"},
        headers={**manager, "If-Match": '"0"'},
    )
    assert given.status_code == 200, given.text
    assert given.json()["listed"] is True and given.json()["consented_at"]
    page = (await client.get(f"{PUBLIC}/{t.slug}")).json()
    assert page["conflict_managers"] == [
        {"name": t.user(MANAGER).full_name, "office": "Jugendamt", "reach": "03695 1, dienstags"}
    ]
    assert "email" not in page["conflict_managers"][0]

    stale = await client.delete(LISTING, headers={**manager, "If-Match": '"0"'})
    assert stale.status_code == 412
    withdrawn = await client.delete(LISTING, headers={**manager, **etag(given.json())})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["listed"] is False and withdrawn.json()["withdrawn_at"]
    assert (await client.get(f"{PUBLIC}/{t.slug}")).json()["conflict_managers"] == []
    # Steering group members and trainers have no listing of their own.
    assert (await client.get(LISTING, headers=t.headers("trainer"))).status_code == 403


async def test_asking_for_help_answers_a_reference_and_lands_in_the_inbox(
    client, tenants, db
) -> None:
    t, other = await tenants.make(), await tenants.make()
    await publish_page(client, t)
    place = await make_place(client, t, name="Tiefenort")
    response = await ask(client, t, place_id=place["id"], urgency="high", name="K. Beispiel")
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert set(receipt) == {"reference", "received_at"}
    assert receipt["reference"].startswith("A-") and len(receipt["reference"]) == 11

    inbox = await client.get(REQUESTS, headers=t.headers(COORDINATOR))
    [item] = inbox.json()["items"]
    assert (item["reference"], item["channel"], item["status"]) == (
        receipt["reference"],
        "form",
        "new",
    )
    assert item["place"] == {"id": place["id"], "name": "Tiefenort"}
    assert (await client.get(REQUESTS, headers=other.headers(COORDINATOR))).json()["items"] == []
    counts = await client.get(f"{REQUESTS}/counts", headers=t.headers(COORDINATOR))
    assert counts.json()["new"] == 1

    async with db() as session:
        audit = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "request.receive", AuditEvent.municipality_id == t.id
            )
        )
        event = await session.scalar(
            select(DomainEvent).where(
                DomainEvent.event_type == "request.received", DomainEvent.municipality_id == t.id
            )
        )
    assert audit.ip_address is None and audit.actor_label == "public form"
    assert event.data["confirmation_requested"] is True
    assert "description" not in event.data and "email" not in event.data


async def test_anonymous_requests_carry_no_contact_data(client, tenants) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    anonymous = await ask(client, t, contact_method="anonymous", email=None)
    assert anonymous.status_code == 201, anonymous.text
    with_mail = await ask(client, t, contact_method="anonymous")
    assert with_mail.status_code == 422
    assert with_mail.json()["errors"][0]["field"] == "body.email"
    [item] = (await client.get(REQUESTS, headers=t.headers(COORDINATOR))).json()["items"]
    assert item["anonymous"] is True and item["email"] is None


async def test_bad_input_is_refused(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    await publish_page(client, t)
    foreign = await make_place(client, other, name="Anderswo")
    cases = {
        "empty description": {"description": "   "},
        "place of another municipality": {"place_id": foreign["id"]},
        "honeypot": {"website": "http://spam.example"},
        "html": {"description": "<script>alert(1)</script>"},
        "unknown field": {"is_admin": True},
        "no consent": {"consent": False},
        "too long": {"description": "x" * 5001},
        "mail without address": {"email": None},
    }
    for name, fields in cases.items():
        response = await ask(client, t, **fields)
        assert response.status_code == 422, (name, response.text)
    forged = await client.post(f"{PUBLIC}/{t.slug}/requests", json=form("forged"))
    assert forged.status_code == 422
    # A token of another municipality's page does not open this one's form.
    await publish_page(client, other)
    token = (await client.get(f"{PUBLIC}/{other.slug}")).json()["form_token"]
    crossed = await client.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
    assert crossed.status_code == 422
    assert (await client.get(REQUESTS, headers=t.headers(COORDINATOR))).json()["items"] == []


async def test_a_form_sent_too_fast_is_refused_and_the_budgets_hold(
    client, tenants, settings
) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    async with app_client(
        settings,
        peer="198.51.100.7",
        public_request_min_fill_seconds=1,
        public_request_rate_limit="2/hour",
        public_page_rate_limit="5/minute",
    ) as http:
        token = (await http.get(f"{PUBLIC}/{t.slug}")).json()["form_token"]
        fast = await http.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
        assert fast.status_code == 422
        assert fast.json()["errors"][0]["type"] == "too_fast"
        await asyncio.sleep(1.1)
        assert (
            await http.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
        ).status_code == 201
        third = await http.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
        assert third.status_code == 429 and int(third.headers["retry-after"]) > 0
        for _ in range(4):  # five page views a minute, the first was above
            await http.get(f"{PUBLIC}/{t.slug}")
        assert (await http.get(f"{PUBLIC}/{t.slug}")).status_code == 429
    async with app_client(
        settings, peer="198.51.100.8", public_request_municipality_rate_limit="1/day"
    ) as http:
        token = (await http.get(f"{PUBLIC}/{t.slug}")).json()["form_token"]
        assert (
            await http.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
        ).status_code == 201
        spent = await http.post(f"{PUBLIC}/{t.slug}/requests", json=form(token))
        assert spent.status_code == 429


async def test_a_request_becomes_a_case_with_one_action(client, tenants) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    place = await make_place(client, t, name="Dorndorf")
    await ask(
        client,
        t,
        place_id=place["id"],
        since="seit März",
        on_behalf_of="organisation",
        organisation="Jugendclub e. V.",
    )
    [item] = (await client.get(REQUESTS, headers=t.headers(COORDINATOR))).json()["items"]
    url = f"{REQUESTS}/{item['id']}/case"
    assert (await client.post(url, json={}, headers=t.headers(COORDINATOR))).status_code == 428
    done = await client.post(url, json={}, headers={**t.headers(COORDINATOR), **etag(item)})
    assert done.status_code == 200, done.text
    handled = done.json()
    assert handled["status"] == "case_opened" and handled["case_id"]
    case = (
        await client.get(f"/api/v1/cases/{handled['case_id']}", headers=t.headers(COORDINATOR))
    ).json()
    assert case["place"] == "Dorndorf" and case["requesting_body"] == "Jugendclub e. V."
    assert "Seit: seit März" in case["summary"]
    timeline = await client.get(
        f"/api/v1/cases/{handled['case_id']}/timeline", headers=t.headers(COORDINATOR)
    )
    entries = [(e["change"], e["to_value"]) for e in timeline.json()["items"]]
    assert ("request", item["reference"]) in entries
    again = await client.post(url, json={}, headers={**t.headers(COORDINATOR), **etag(handled)})
    assert again.status_code == 409


async def test_merge_answer_and_decline(client, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    await publish_page(client, t)
    for _ in range(3):
        await ask(client, t)
    items = (await client.get(REQUESTS, headers=t.headers(COORDINATOR))).json()["items"]
    headers = t.headers(COORDINATOR)
    case = await make_case(client, t)
    foreign = await make_case(client, other)
    bad = await client.post(
        f"{REQUESTS}/{items[0]['id']}/merge",
        json={"case_id": foreign["id"]},
        headers={**headers, **etag(items[0])},
    )
    assert bad.status_code == 422
    merged = await client.post(
        f"{REQUESTS}/{items[0]['id']}/merge",
        json={"case_id": case["id"]},
        headers={**headers, **etag(items[0])},
    )
    assert merged.json()["status"] == "merged" and merged.json()["case_id"] == case["id"]
    answered = await client.post(
        f"{REQUESTS}/{items[1]['id']}/answer",
        json={
            "started_at": "2026-03-12T10:00:00+01:00",
            "duration_minutes": 30,
            "format": "phone",
            "summary": "Rückruf, Hinweise gegeben.",
        },
        headers={**headers, **etag(items[1])},
    )
    assert answered.status_code == 200, answered.text
    talk = await client.get(
        f"/api/v1/consultations/{answered.json()['consultation_id']}", headers=headers
    )
    assert talk.json()["kind"] == "initial_talk"
    declined = await client.post(
        f"{REQUESTS}/{items[2]['id']}/decline",
        json={"reason": "Zuständig ist das Ordnungsamt."},
        headers={**headers, **etag(items[2])},
    )
    assert declined.json()["status"] == "declined"
    counts = (await client.get(f"{REQUESTS}/counts", headers=headers)).json()
    assert counts["new"] == 0 and counts["by_status"]["declined"] == 1


async def test_conflict_managers_work_the_inbox_only_when_named(client, tenants) -> None:
    t = await tenants.make()
    page = await publish_page(client, t)
    manager = t.headers(MANAGER)
    assert (await client.get(REQUESTS, headers=manager)).status_code == 403
    named = await client.put(
        PAGE,
        json={**_PAGE, "inbox_member_ids": [str(t.user(MANAGER).id)]},
        headers={**t.headers(COORDINATOR), **etag(page)},
    )
    assert named.status_code == 200, named.text
    assert (await client.get(REQUESTS, headers=manager)).status_code == 200
    entered = await client.post(
        REQUESTS,
        json={
            "description": "Anruf der Bürgermeisterin",
            "contact_method": "phone",
            "phone": "03695 55555",
            "consent": True,
        },
        headers=manager,
    )
    assert entered.status_code == 201, entered.text
    assert entered.json()["channel"] == "staff"
    trainer = await client.put(
        PAGE,
        json={**_PAGE, "inbox_member_ids": [str(t.user("trainer").id)]},
        headers={**t.headers(COORDINATOR), **etag(named.json())},
    )
    assert trainer.status_code == 422


async def test_partner_systems_submit_with_the_intake_scope(client, tenants) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["intake:write"])
    response = await client.post(
        "/api/v1/intake/requests",
        json={
            "description": "Über das Bürgerportal",
            "contact_method": "anonymous",
            "consent": True,
        },
        headers=headers,
    )
    assert response.status_code == 201, response.text
    assert set(response.json()) == {"reference", "received_at"}
    [item] = (await client.get(REQUESTS, headers=t.headers(COORDINATOR))).json()["items"]
    assert item["channel"] == "api"
    _, reader = await client_headers(client, t, ["cases:read"])
    assert (
        await client.post("/api/v1/intake/requests", json={}, headers=reader)
    ).status_code == 403


async def test_statistics_count_by_channel_and_outcome_with_small_count_protection(
    client, tenants
) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    for _ in range(4):
        await ask(client, t)
    _, partner = await client_headers(client, t, ["intake:write"])
    await client.post(
        "/api/v1/intake/requests",
        json={"description": "Portal", "contact_method": "anonymous", "consent": True},
        headers=partner,
    )

    def figure(body: dict[str, Any], channel: str) -> dict[str, Any]:
        return next(f for f in body["items"] if (f["channel"], f["outcome"]) == (channel, "new"))

    steering = (
        await client.get("/api/v1/statistics/requests", headers=t.headers("steering_group"))
    ).json()
    assert figure(steering, "form")["count"] == 4
    assert figure(steering, "api") == {
        "channel": "api",
        "outcome": "new",
        "count": None,
        "suppressed": True,
    }
    exact = (
        await client.get("/api/v1/statistics/requests", headers=t.headers(COORDINATOR))
    ).json()
    assert figure(exact, "api")["count"] == 1


async def test_the_page_is_edited_with_if_match_and_refuses_markup(client, tenants) -> None:
    t = await tenants.make()
    fresh = await client.get(PAGE, headers=t.headers(COORDINATOR))
    assert fresh.json()["version"] == 0 and fresh.json()["slug"] == t.slug
    assert (await client.put(PAGE, json=_PAGE, headers=t.headers(COORDINATOR))).status_code == 428
    saved = await publish_page(client, t)
    stale = await client.put(
        PAGE, json=_PAGE, headers={**t.headers(COORDINATOR), "If-Match": '"0"'}
    )
    assert stale.status_code == 412
    html = await client.put(
        PAGE,
        json={**_PAGE, "offer": "<b>fett</b>"},
        headers={**t.headers(COORDINATOR), **etag(saved)},
    )
    assert html.status_code == 422
    assert (await client.get(PAGE, headers=t.headers(MANAGER))).status_code == 403


async def test_whoever_works_the_inbox_is_told_by_e_mail_without_the_content(
    client, tenants, db
) -> None:
    t = await tenants.make()
    page = await publish_page(client, t)
    named = await client.put(
        PAGE,
        json={**_PAGE, "inbox_member_ids": [str(t.user(MANAGER).id)]},
        headers={**t.headers(COORDINATOR), **etag(page)},
    )
    assert named.status_code == 200, named.text
    sent = await ask(client, t)
    assert sent.status_code == 201, sent.text
    entered = await client.post(
        REQUESTS,
        json={
            "description": "Anruf",
            "contact_method": "phone",
            "phone": "0369 5",
            "consent": True,
        },
        headers=t.headers(COORDINATOR),
    )
    assert entered.status_code == 201, entered.text

    async with db() as session:
        messages = list(
            await session.scalars(
                select(MailMessage).where(
                    MailMessage.municipality_id == t.id, MailMessage.kind == "request_received"
                )
            )
        )
    reference = sent.json()["reference"]
    assert {m.user_id for m in messages} == {t.user(COORDINATOR).id, t.user(MANAGER).id}
    for message in messages:
        assert reference in message.subject
        assert "Jugendclub" not in message.subject + str(message.params)


async def test_the_sender_gets_a_confirmation_with_the_reference_only(client, tenants, db) -> None:
    t = await tenants.make()
    await publish_page(client, t)
    with_address = await ask(client, t, language="en")
    anonymous = await ask(client, t, contact_method="anonymous", email=None)
    assert with_address.status_code == 201 and anonymous.status_code == 201, anonymous.text

    async with db() as session:
        [message] = list(
            await session.scalars(
                select(MailMessage).where(
                    MailMessage.municipality_id == t.id,
                    MailMessage.kind == "request_confirmation",
                )
            )
        )
    assert message.to_address == "anfrage@example.org" and message.user_id is None
    assert message.language == "en"
    assert with_address.json()["reference"] in message.subject
    assert "Jugendclub" not in message.subject + str(message.params)
