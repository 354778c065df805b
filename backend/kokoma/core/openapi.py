"""Declaring problem responses in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

_DESCRIPTIONS = {
    400: "Bad request (for example an invalid cursor)",
    401: "Not authenticated, or the token is invalid, expired or revoked",
    403: "Authenticated, but missing the permission",
    404: "Not found, or belongs to another municipality",
    409: "Conflicts with the record's state",
    412: "If-Match does not match the record's current ETag",
    413: "Request body too large",
    415: "Unsupported request body type",
    422: "Validation failed; see `errors`",
    428: "If-Match is required",
    429: "Too many requests; see Retry-After",
    503: "Database unavailable; try again",
}


class FieldError(BaseModel):
    field: str
    message: str
    type: str


class ProblemDetails(BaseModel):
    """An error as application/problem+json (RFC 9457)."""

    type: str = Field(examples=["urn:kokoma:problem:not-found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str | None = Field(default=None, examples=["Case not found."])
    request_id: str | None = None
    errors: list[FieldError] | None = None


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for the problem statuses a route can return."""
    return {
        status: {
            "model": ProblemDetails,
            "description": _DESCRIPTIONS.get(status, "Error"),
            "content": {"application/problem+json": {}},
        }
        for status in (401, 403, 422, *statuses)
    }
