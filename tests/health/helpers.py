"""An extra app on the suite's database with some settings changed, for operations tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from kokoma.app import create_app
from kokoma.settings import Settings


@asynccontextmanager
async def app_client(
    settings: Settings, client_address: str = "127.0.0.1", **overrides: Any
) -> AsyncIterator[tuple[FastAPI, AsyncClient]]:
    """A client of an app built from ``settings`` with ``overrides``, calling from an address."""
    app = create_app(settings.model_copy(update=overrides))
    transport = ASGITransport(app=app, client=(client_address, 40000))
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield app, client
    finally:
        await app.state.db.dispose()
