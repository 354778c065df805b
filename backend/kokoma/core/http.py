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


IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        max_length=200,
        description="The ETag you hold; 304 without a body while it is current.",
    ),
]
# The documentation of a 304 answer, for routes that are polled.
NOT_MODIFIED: dict[int | str, dict[str, str]] = {
    304: {"description": "Unchanged since the ETag sent in If-None-Match."}
}


def unchanged(if_none_match: str | None, tag: str) -> Response | None:
    """A bodyless 304 if the client holds ``tag`` already, else None."""
    if if_none_match is None:
        return None
    held = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    if "*" in held or tag.removeprefix("W/") in held:
        return Response(status_code=304, headers={"ETag": tag})
    return None


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)
