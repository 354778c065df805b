"""Eight authors writing at once for a few seconds: nothing refused, nothing lost.

The short version of ``python -m bench writers`` (which runs 60 seconds against a
``kokoma serve`` process on SQLite): every case, consultation and edit the server
confirmed is stored exactly as confirmed, and no write fails because the database
is locked.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from httpx import ASGITransport, AsyncClient

from bench.writers import check_nothing_lost, run_writers
from kokoma.access.permissions import Role

WRITERS = 8
SECONDS = 3


async def test_concurrent_writers_lose_nothing(app, tenants, db) -> None:
    t = await tenants.make((Role.COORDINATOR,))
    authors = [await tenants.add_user(t, Role.CONFLICT_MANAGER) for _ in range(WRITERS)]
    since = datetime.now(UTC)
    clients = [
        AsyncClient(
            transport=ASGITransport(app=app), base_url="http://testserver", headers=author.headers
        )
        for author in authors
    ]
    try:
        log = await run_writers(clients, SECONDS)
    finally:
        await asyncio.gather(*(http.aclose() for http in clients))

    assert not log.failures
    assert len(log.cases) >= WRITERS
    assert log.consultations
    async with db() as session:
        problems = await check_nothing_lost(
            session, log, [author.user.id for author in authors], since
        )
    assert problems == []
