"""When PostgreSQL goes away mid-operation, requests get 503 and service resumes by itself.

The outage is real: the app talks to PostgreSQL through a TCP relay that the test
cuts and restores. (SQLite is a file in the process; it has no outage to simulate.)
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlsplit, urlunsplit

import pytest
from httpx import ASGITransport, AsyncClient

from kokoma.access.permissions import Role
from kokoma.app import create_app


class Relay:
    """Forwards TCP connections to the database until cut."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.Server | None = None
        self.port = 0
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.close()
        await self.server.wait_closed()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


async def test_outage_gives_503_and_recovers(settings, tenants):
    if settings.is_sqlite:
        pytest.skip("an outage needs a database server; runs in the PostgreSQL suite")
    url = urlsplit(settings.database_url)
    relay = Relay(url.hostname or "127.0.0.1", url.port or 5432)
    await relay.start()
    relayed = urlunsplit(url._replace(netloc=f"{url.username}@127.0.0.1:{relay.port}"))
    app = create_app(settings.model_copy(update={"database_url": relayed}))
    tenant = await tenants.make((Role.ADMIN,))
    transport = ASGITransport(app=app)
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            assert (
                await http.get("/api/v1/users", headers=tenant.headers("admin"))
            ).status_code == 200

            await relay.cut()
            down = await http.get("/api/v1/users", headers=tenant.headers("admin"))
            assert down.status_code == 503
            assert down.headers["content-type"].startswith("application/problem+json")
            assert down.headers["retry-after"]
            assert (await http.get("/api/v1/health")).status_code == 503

            await relay.start()  # same port: the database is back
            up = await http.get("/api/v1/users", headers=tenant.headers("admin"))
            assert up.status_code == 200
            assert (await http.get("/api/v1/health")).status_code == 200
    finally:
        await app.state.db.dispose()
        with contextlib.suppress(Exception):
            await relay.cut()
