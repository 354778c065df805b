"""Small HTTP helpers shared by routers: the database session, settings, ETag headers
and list parameters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.core.concurrency import etag_for
from kokoma.settings import Settings


async def get_db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One database session per request, closed when the response is sent."""
    async with request.app.state.db.sessionmaker() as session:
        yield session


# Async, like every dependency on the request path: FastAPI runs a plain function in
# the thread pool, and that hand-over cost more than the lookup itself.
async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# Named for the database so that it cannot be mistaken for a training session.
DbSession = Annotated[AsyncSession, Depends(get_db_session)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The ETag of the version you are changing (or `*`).",
    ),
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)
