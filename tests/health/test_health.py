"""Health for load balancers: version, liveness without the database, readiness."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text, update

from kokoma import __version__
from kokoma.db import utcnow
from kokoma.events.models import DomainEvent
from tests.health.helpers import app_client

# Nothing listens on port 1: a database that cannot be reached.
UNREACHABLE = "postgresql+asyncpg://kokoma@127.0.0.1:1/kokoma"


async def test_health_reports_database_and_version(client):
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "version": __version__}
    assert response.headers["x-request-id"]


async def test_liveness_needs_no_database_readiness_does(settings):
    async with app_client(settings, database_url=UNREACHABLE) as (_, client):
        live = await client.get("/api/v1/health/live")
        ready = await client.get("/api/v1/health/ready")
        health = await client.get("/api/v1/health")
    assert live.status_code == 200
    assert live.json() == {"status": "ok", "version": __version__}
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "unreachable"
    assert health.status_code == 503


async def test_ready_at_head_and_with_a_newer_release_not_when_behind(client, db):
    ready = await client.get("/api/v1/health/ready")
    assert ready.status_code == 200, ready.json()
    assert ready.json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "outbox": "ok",
        "smtp": "not_configured",
    }
    async with db() as session:
        head = await session.scalar(text("SELECT version_num FROM alembic_version"))
    try:
        # A revision this version does not know: the next release migrated while this
        # instance still serves (rolling upgrade) - it stays ready until replaced.
        await _set_revision(db, "f00dfeedbeef")
        ahead = await client.get("/api/v1/health/ready")
        assert ahead.status_code == 200
        assert ahead.json()["checks"]["migrations"] == "ahead"
        await _set_revision(db, None)
        behind = await client.get("/api/v1/health/ready")
        assert behind.status_code == 503
        assert behind.json()["checks"]["migrations"] == "behind"
    finally:
        await _set_revision(db, head)


async def _set_revision(db, revision):  # type: ignore[no-untyped-def]
    async with db() as session:
        await session.execute(text("DELETE FROM alembic_version"))
        if revision:
            await session.execute(
                text("INSERT INTO alembic_version (version_num) VALUES (:r)"), {"r": revision}
            )
        await session.commit()


async def test_not_ready_while_the_outbox_is_stuck(settings, db, tenants):
    tenant = await tenants.make(roles=())
    # A day's patience: only the event below, older than that, counts as stuck.
    async with app_client(settings, outbox_stuck_seconds=86_400) as (_, client):
        assert (await client.get("/api/v1/health/ready")).json()["checks"]["outbox"] == "ok"
        async with db() as session:
            event = DomainEvent(
                municipality_id=tenant.id,
                event_type="case.created",
                resource_id=tenant.id,
                data={},
                occurred_at=utcnow() - timedelta(days=2),
            )
            session.add(event)
            await session.commit()
        stuck = await client.get("/api/v1/health/ready")
        assert stuck.status_code == 503
        assert stuck.json()["checks"]["outbox"] == "stuck"
        async with db() as session:
            await session.execute(
                update(DomainEvent)
                .where(DomainEvent.id == event.id)
                .values(dispatched_at=utcnow())
            )
            await session.commit()
        assert (await client.get("/api/v1/health/ready")).status_code == 200
