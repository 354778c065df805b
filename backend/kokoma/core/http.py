"""Small HTTP helpers shared by routers: ETag headers and list parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Query, Response

from kokoma.core.concurrency import etag_for
from kokoma.core.pagination import MAX_LIMIT

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The ETag of the version you are changing (or `*`).",
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, at most 100.")]
Cursor = Annotated[
    str | None, Query(max_length=500, description="`next_cursor` of the previous page.")
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)
