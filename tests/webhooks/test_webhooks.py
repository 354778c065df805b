"""Webhook subscriptions, signed deliveries to a real local receiver, retries and the log."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from kokoma.db import Database
from kokoma.events.outbox import EventType, publish, required_scope
from kokoma.webhooks.dispatcher import dispatch_once, run_dispatcher
from kokoma.webhooks.models import WebhookDelivery
from tests.support import (
    CASES,
    CLIENTS,
    CONTACTS,
    client_headers,
    etag,
    make_case,
    make_contact,
    register_client,
)
from tests.trainings.helpers import make_series
from tests.webhooks.receiver import Receiver

WEBHOOKS = "/api/v1/webhooks"
READER_SCOPES = ["cases:read", "webhooks:manage"]


def signature_is_valid(secret: str, headers: dict[str, str], body: bytes) -> bool:
    fields = dict(part.split("=", 1) for part in headers["x-kokoma-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), fields["v1"])


@pytest.fixture
def loopback(settings, monkeypatch):
    """The app accepts loopback targets, as a development setup would."""
    monkeypatch.setattr(settings, "webhook_allow_loopback", True)
    return settings


def worker_settings(settings, **overrides: Any):
    return settings.model_copy(
        update={
            "webhook_allow_loopback": True,
            "webhook_retry_base_seconds": 10,
            "webhook_max_attempts": 3,
            "webhook_timeout_seconds": 5,
            **overrides,
        }
    )


async def drain(db, settings) -> None:
    """Dispatch until nothing is left to do right now."""
    while (await dispatch_once(db, settings)).busy:
        pass


async def subscribe(
    client, headers: dict[str, str], url: str, events: list[str], **fields: Any
) -> dict[str, Any]:
    response = await client.post(
        WEBHOOKS, json={"target_url": url, "event_types": events, **fields}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def deliveries(client, headers, subscription: dict[str, Any]) -> list[dict[str, Any]]:
    response = await client.get(f"{WEBHOOKS}/{subscription['id']}/deliveries", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


# --- subscriptions -------------------------------------------------------------------


async def test_a_client_manages_its_subscriptions(client, tenants, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    created = await subscribe(client, headers, "https://partner.example/hooks", ["case.created"])

    assert created["signing_secret"].startswith("whsec_")
    assert len(created["signing_secret"]) >= 40
    assert created["municipality_id"] == str(t.id) and created["is_active"] is True
    url = f"{WEBHOOKS}/{created['id']}"
    shown = await client.get(url, headers=headers)
    listed = await client.get(WEBHOOKS, headers=headers)
    assert "signing_secret" not in shown.json()
    assert [s["id"] for s in listed.json()["items"]] == [created["id"]]
    assert created["signing_secret"] not in shown.text + listed.text

    change = {"event_types": ["case.created", "case.status_changed"], "is_active": False}
    assert (await client.patch(url, json=change, headers=headers)).status_code == 428
    changed = await client.patch(url, json=change, headers={**headers, **etag(created)})
    assert changed.status_code == 200
    assert changed.json()["event_types"] == ["case.created", "case.status_changed"]
    assert changed.json()["is_active"] is False
    stale = await client.delete(url, headers={**headers, **etag(created)})
    assert stale.status_code == 412
    assert (
        await client.delete(url, headers={**headers, **etag(changed.json())})
    ).status_code == 204
    assert (await client.get(url, headers=headers)).status_code == 404


async def test_subscriptions_are_private_to_their_client(client, tenants) -> None:
    home, other = await tenants.make(), await tenants.make()
    _, owner = await client_headers(client, home, READER_SCOPES)
    _, neighbour = await client_headers(client, home, READER_SCOPES)
    _, foreign = await client_headers(client, other, READER_SCOPES)
    created = await subscribe(client, owner, "https://partner.example/hooks", ["case.created"])

    for headers in (neighbour, foreign):
        assert (
            await client.get(f"{WEBHOOKS}/{created['id']}", headers=headers)
        ).status_code == 404
        assert (await client.get(WEBHOOKS, headers=headers)).json()["items"] == []
        deliveries_of_other = await client.get(
            f"{WEBHOOKS}/{created['id']}/deliveries", headers=headers
        )
        assert deliveries_of_other.status_code == 404
    someone_else = await client.post(
        WEBHOOKS,
        json={
            "target_url": "https://partner.example/hooks",
            "event_types": ["case.created"],
            "api_client_id": str(uuid.uuid4()),
        },
        headers=owner,
    )
    assert someone_else.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://partner.example/hooks",  # not https
        "ftp://partner.example/hooks",
        "https://10.1.2.3/hooks",  # private network
        "https://192.168.178.1/hooks",
        "https://169.254.169.254/latest/meta-data",  # cloud metadata
        "https://[fd00::1]/hooks",
        "https://[::ffff:10.0.0.1]/hooks",
        "https://127.0.0.1/hooks",  # loopback, not allowed here
        "http://localhost:8000/hooks",
        "https://user:secret@partner.example/hooks",
        "https:///hooks",
    ],
)
async def test_unsafe_targets_are_refused(client, tenants, url: str) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    response = await client.post(
        WEBHOOKS, json={"target_url": url, "event_types": ["case.created"]}, headers=headers
    )
    assert response.status_code == 422, url
    assert response.json()["errors"][0]["field"] == "body.target_url"


async def test_loopback_targets_only_when_allowed(client, tenants, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    await subscribe(client, headers, "http://127.0.0.1:9/hooks", ["case.created"])
    await subscribe(client, headers, "http://localhost:9/hooks", ["case.created"])
    private = await client.post(
        WEBHOOKS,
        json={"target_url": "http://10.0.0.1/hooks", "event_types": ["case.created"]},
        headers=headers,
    )
    assert private.status_code == 422


async def test_event_types_are_bounded_by_the_clients_scopes(client, tenants) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["webhooks:manage", "trainings:read"])
    for events in (["case.created"], ["consultation.created"], ["case.exploded"], []):
        response = await client.post(
            WEBHOOKS,
            json={"target_url": "https://partner.example/hooks", "event_types": events},
            headers=headers,
        )
        assert response.status_code == 422, events
    allowed = await subscribe(client, headers, "https://partner.example/h", ["certificate.issued"])
    assert allowed["event_types"] == ["certificate.issued"]


def test_every_event_type_names_the_scope_it_needs() -> None:
    assert {required_scope(event).value for event in EventType} <= {
        "cases:read",
        "consultations:read",
        "contacts:read",
        "trainings:read",
        "crisis_plans:read",
        "district_analysis:read",
        "steering:read",
        "annual_reports:read",
        # Peer sessions scheduled and closed: counts only, like the statistics.
        "statistics:read",
    }


async def test_administrators_set_up_webhooks_for_a_client(client, tenants) -> None:
    home, partner = await tenants.make(), await tenants.make()
    registered = await register_client(client, partner, READER_SCOPES)
    admin = home.headers("admin")

    missing = await client.post(
        WEBHOOKS,
        json={"target_url": "https://partner.example/hooks", "event_types": ["case.created"]},
        headers=admin,
    )
    assert missing.status_code == 422
    created = await subscribe(
        client,
        admin,
        "https://partner.example/hooks",
        ["case.created"],
        api_client_id=registered["id"],
    )
    assert created["api_client_id"] == registered["id"]
    assert created["municipality_id"] == str(partner.id)
    listed = await client.get(WEBHOOKS, params={"api_client_id": registered["id"]}, headers=admin)
    assert [s["id"] for s in listed.json()["items"]] == [created["id"]]
    await client.post(
        f"{CLIENTS}/{registered['id']}/revoke", headers={**admin, **etag(registered)}
    )
    revoked = await client.post(
        WEBHOOKS,
        json={
            "target_url": "https://partner.example/hooks",
            "event_types": ["case.created"],
            "api_client_id": registered["id"],
        },
        headers=admin,
    )
    assert revoked.status_code == 409


# --- deliveries ----------------------------------------------------------------------


async def test_a_new_case_is_delivered_signed_and_logged(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    with Receiver() as receiver:
        subscription = await subscribe(client, headers, receiver.url, ["case.created"])
        case = await make_case(client, t, title="Streit um den Jugendclub in Ruhla")
        await drain(db, worker_settings(loopback))

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert signature_is_valid(subscription["signing_secret"], request.headers, request.body)
    assert not signature_is_valid("whsec_other", request.headers, request.body)
    assert request.headers["x-kokoma-event"] == "case.created"
    assert request.headers["content-type"] == "application/json"
    payload = request.payload
    assert set(payload) == {"id", "type", "occurred_at", "municipality_id", "data"}
    assert payload["type"] == "case.created"
    assert payload["municipality_id"] == str(t.id)
    assert payload["data"]["case_id"] == case["id"]
    assert payload["data"]["reference"] == case["reference"]
    assert case["summary"] not in request.body.decode()
    [delivery] = await deliveries(client, headers, subscription)
    assert delivery["id"] == request.headers["x-kokoma-delivery"]
    assert delivery["event_id"] == payload["id"]
    assert delivery["status"] == "delivered" and delivery["delivered_at"]
    assert [(a["number"], a["status_code"], a["error"]) for a in delivery["attempts"]] == [
        (1, 204, None)
    ]


async def test_network_and_training_changes_arrive_without_names(
    client, tenants, db, loopback
) -> None:
    t = await tenants.make()
    scopes = ["contacts:read", "trainings:read", "webhooks:manage"]
    _, headers = await client_headers(client, t, scopes)
    wanted = ["contact.created", "contact.updated", "contact.relation_created"]
    wanted += ["training.created", "training.updated", "training.participant_added"]
    with Receiver() as receiver:
        await subscribe(client, headers, receiver.url, wanted)
        person = await make_contact(client, t, given_name="Ilse", family_name="Brandauer")
        group = await make_contact(client, t, kind="organisation")
        changed = await client.patch(
            f"{CONTACTS}/{person['id']}",
            json={"position": "Ortsteilbürgermeisterin"},
            headers={**t.headers("conflict_manager"), **etag(person)},
        )
        assert changed.status_code == 200, changed.text
        related = await client.post(
            f"{CONTACTS}/{person['id']}/relations",
            json={"target_id": group["id"], "relation_type": "membership"},
            headers=t.headers("conflict_manager"),
        )
        assert related.status_code == 201, related.text
        series = await make_series(client, t, days_per_module=(1,), participants=("Ilse B",))
        await drain(db, worker_settings(loopback))

    received = [(r.payload["type"], r.payload["data"]) for r in receiver.requests]
    kinds = [kind for kind, _ in received]
    assert kinds.count("contact.created") == 2
    assert "contact.updated" in kinds and "contact.relation_created" in kinds
    assert {"training.created", "training.updated", "training.participant_added"} <= set(kinds)
    updated = next(data for kind, data in received if kind == "contact.updated")
    assert updated["contact_id"] == person["id"] and updated["fields"] == ["position"]
    added = next(data for kind, data in received if kind == "training.participant_added")
    assert added["training_id"] == series.id
    assert added["training_participant_id"] == series.participants[0]["id"]
    body = b"".join(r.body for r in receiver.requests).decode()
    assert "Brandauer" not in body and "Ilse" not in body and "Ortsteil" not in body


async def test_confidential_fields_never_leave(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["consultations:read", "webhooks:manage"])
    with Receiver() as receiver:
        await subscribe(client, headers, receiver.url, ["consultation.updated"])
        async with db() as session:
            publish(
                session,
                municipality_id=t.id,
                event_type="consultation.updated",
                resource_id=uuid.uuid4(),
                data={
                    "consultation_id": "c-1",
                    "fields": ["summary", "confidential_notes"],
                    "summary": "Vertraulicher Gesprächsverlauf",
                    "confidential_notes": "Nur für das Team",
                    "changes": [{"agreements": "Absprache", "internal_notes": "intern"}],
                },
            )
            await session.commit()
        await drain(db, worker_settings(loopback))

    [request] = receiver.requests
    assert request.payload["data"] == {
        "consultation_id": "c-1",
        "fields": ["summary", "confidential_notes"],
        "changes": [{}],
    }


async def test_only_matching_visible_events_of_the_own_municipality_arrive(
    client, tenants, db, loopback
) -> None:
    home, other = await tenants.make(), await tenants.make()
    registered, headers = await client_headers(client, home, READER_SCOPES)
    await make_case(client, home, title="Vor dem Abonnement")
    with Receiver() as receiver:
        await subscribe(client, headers, receiver.url, ["case.created"])
        paused = await subscribe(client, headers, receiver.url, ["case.created"], is_active=False)
        visible = await make_case(client, home, title="Sichtbarer Fall")
        await make_case(client, home, title="Vertraulicher Fall", visibility="restricted")
        await make_case(client, other, title="Fall der Nachbarkommune")
        await drain(db, worker_settings(loopback))
        await make_case(client, home)  # the change below happens before delivery
        await client.patch(
            f"{CLIENTS}/{registered['id']}",
            json={"scopes": ["webhooks:manage"]},
            headers={**home.headers("admin"), **etag(registered)},
        )
        await drain(db, worker_settings(loopback))

    assert [r.payload["data"]["case_id"] for r in receiver.requests] == [visible["id"]]
    assert await deliveries(client, headers, paused) == []


async def test_a_failing_receiver_is_retried_with_backoff_until_attempts_run_out(
    client, tenants, db, loopback
) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    worker = worker_settings(loopback)
    with Receiver(statuses=(500,)) as receiver:
        subscription = await subscribe(client, headers, receiver.url, ["case.created"])
        created = await client.post(
            CASES,
            json={"title": "Streit im Kleingartenverein"},
            headers=t.headers("conflict_manager"),
        )
        assert created.status_code == 201
        await drain(db, worker)
        await drain(db, worker)  # the retry is not due yet
        [first] = await deliveries(client, headers, subscription)
        for _ in range(2):
            await _make_due(db, first["id"])
            await drain(db, worker)

    assert len(receiver.requests) == 3
    assert len({r.payload["id"] for r in receiver.requests}) == 1
    assert first["status"] == "pending" and len(first["attempts"]) == 1
    [final] = await deliveries(client, headers, subscription)
    assert final["status"] == "failed" and final["next_attempt_at"] is None
    assert [(a["number"], a["status_code"]) for a in final["attempts"]] == [
        (1, 500),
        (2, 500),
        (3, 500),
    ]
    assert final["attempts"][0]["error"] == "The receiver answered 500."


async def test_retries_wait_twice_as_long_each_time(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    worker = worker_settings(loopback, webhook_max_attempts=5)
    with Receiver(statuses=(503, 503, 204)) as receiver:
        subscription = await subscribe(client, headers, receiver.url, ["case.created"])
        await make_case(client, t)
        delays = []
        for _ in range(2):
            await drain(db, worker)
            [delivery] = await deliveries(client, headers, subscription)
            delays.append(_seconds_until_retry(delivery))
            await _make_due(db, delivery["id"])
        await drain(db, worker)

    # Counted from when the attempt ended, so a little more than base * 2**(n-1).
    assert 10 <= delays[0] < 12 and 20 <= delays[1] < 22
    [delivery] = await deliveries(client, headers, subscription)
    assert delivery["status"] == "delivered"
    assert [a["status_code"] for a in delivery["attempts"]] == [503, 503, 204]
    assert len(receiver.requests) == 3


def _seconds_until_retry(delivery: dict[str, Any]) -> float:
    from datetime import datetime

    last = datetime.fromisoformat(delivery["attempts"][-1]["attempted_at"])
    return (datetime.fromisoformat(delivery["next_attempt_at"]) - last).total_seconds()


async def _make_due(db, delivery_id: str) -> None:
    async with db() as session:
        delivery = await session.get(WebhookDelivery, uuid.UUID(delivery_id))
        await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery.id)
            .values(next_attempt_at=delivery.next_attempt_at - timedelta(hours=1))
        )
        await session.commit()


async def test_an_unreachable_or_slow_receiver_is_logged(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    with Receiver(hold=True) as slow:
        late = await subscribe(client, headers, slow.url, ["case.created"])
        closed = await subscribe(client, headers, "http://127.0.0.1:9/nobody", ["case.created"])
        await make_case(client, t)
        await drain(db, worker_settings(loopback, webhook_timeout_seconds=0.5))

    [timed_out] = await deliveries(client, headers, late)
    [refused] = await deliveries(client, headers, closed)
    assert timed_out["attempts"][0]["error"] == "The receiver did not answer in time."
    assert timed_out["attempts"][0]["status_code"] is None
    assert refused["attempts"][0]["error"]
    assert timed_out["status"] == refused["status"] == "pending"


async def test_a_slow_receiver_never_holds_up_the_request(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    with Receiver(hold=True) as receiver:
        subscription = await subscribe(client, headers, receiver.url, ["case.created"])
        worker = asyncio.create_task(
            run_dispatcher(db, worker_settings(loopback, webhook_poll_seconds=0.05))
        )
        try:
            await make_case(client, t, title="Erster Fall")
            assert await asyncio.to_thread(receiver.arrived.wait, 30)
            # The receiver still holds the first delivery open while a new case is created.
            second = await client.post(
                CASES, json={"title": "Zweiter Fall"}, headers=t.headers("conflict_manager")
            )
            assert second.status_code == 201
            assert not receiver.release.is_set()
            receiver.release.set()
            for _ in range(300):
                log = await deliveries(client, headers, subscription)
                if sum(d["status"] == "delivered" for d in log) == 2:
                    break
                await asyncio.sleep(0.05)
        finally:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
    assert sorted(d["status"] for d in log) == ["delivered", "delivered"]


async def test_concurrent_workers_deliver_each_event_once(
    client, tenants, db, settings, loopback
) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, ["trainings:read", "webhooks:manage"])
    workers = [Database(settings) for _ in range(2)]
    try:
        with Receiver() as receiver:
            await subscribe(client, headers, receiver.url, ["certificate.issued"])
            async with db() as session:
                for number in range(20):
                    publish(
                        session,
                        municipality_id=t.id,
                        event_type="certificate.issued",
                        resource_id=uuid.uuid4(),
                        data={"number": number},
                    )
                await session.commit()
            worker = worker_settings(loopback, webhook_batch_size=5)
            await asyncio.gather(
                drain(db, worker), *(drain(w.sessionmaker, worker) for w in workers)
            )
    finally:
        for database in workers:
            await database.dispose()

    numbers = sorted(r.payload["data"]["number"] for r in receiver.requests)
    assert numbers == list(range(20))


async def test_a_ping_reaches_only_the_pinged_subscription(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    with Receiver() as pinged, Receiver() as other:
        subscription = await subscribe(client, headers, pinged.url, ["case.created"])
        await subscribe(client, headers, other.url, ["case.created"])
        queued = await client.post(f"{WEBHOOKS}/{subscription['id']}/ping", headers=headers)
        assert queued.status_code == 202
        assert queued.json()["status"] == "pending"
        await drain(db, worker_settings(loopback))

    [request] = pinged.requests
    assert other.requests == []
    assert request.headers["x-kokoma-event"] == "webhook.ping"
    assert request.payload["data"] == {"subscription_id": subscription["id"]}
    assert signature_is_valid(subscription["signing_secret"], request.headers, request.body)


async def test_deleting_a_subscription_removes_its_log(client, tenants, db, loopback) -> None:
    t = await tenants.make()
    _, headers = await client_headers(client, t, READER_SCOPES)
    subscription = await subscribe(client, headers, "http://127.0.0.1:9/x", ["case.created"])
    await client.post(f"{WEBHOOKS}/{subscription['id']}/ping", headers=headers)
    response = await client.delete(
        f"{WEBHOOKS}/{subscription['id']}", headers={**headers, **etag(subscription)}
    )
    assert response.status_code == 204
    async with db() as session:
        left = await session.scalars(
            select(WebhookDelivery).where(
                WebhookDelivery.subscription_id == uuid.UUID(subscription["id"])
            )
        )
        assert list(left) == []


async def test_paused_subscriptions_and_revoked_clients_receive_nothing(
    client, tenants, db, loopback
) -> None:
    t = await tenants.make()
    registered, headers = await client_headers(client, t, READER_SCOPES)
    with Receiver() as receiver:
        active = await subscribe(client, headers, receiver.url, ["case.created"])
        paused = await subscribe(client, headers, receiver.url, ["case.created"], is_active=False)
        ping = await client.post(f"{WEBHOOKS}/{paused['id']}/ping", headers=headers)
        await client.post(f"{WEBHOOKS}/{active['id']}/ping", headers=headers)
        await client.post(
            f"{CLIENTS}/{registered['id']}/revoke",
            headers={**t.headers("admin"), **etag(registered)},
        )
        await make_case(client, t)
        await drain(db, worker_settings(loopback))

    assert ping.status_code == 409
    assert receiver.requests == []
