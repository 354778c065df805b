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
    """One invalid input: where it is and what is wrong with it."""

    field: str = Field(description="Location, e.g. `body.title` or `query.limit`.")
    message: str = Field(description="What is wrong, in English.")
    type: str = Field(description="Machine-readable error kind, e.g. `string_too_long`.")


class ProblemDetails(BaseModel):
    """An error as application/problem+json (RFC 9457)."""

    type: str = Field(
        description="`urn:kokoma:problem:<kind>` or `about:blank`.",
        examples=["urn:kokoma:problem:not-found"],
    )
    title: str = Field(description="The HTTP status phrase.", examples=["Not Found"])
    status: int = Field(description="The HTTP status code.", examples=[404])
    detail: str | None = Field(
        default=None, description="What happened, for people.", examples=["Case not found."]
    )
    request_id: str | None = Field(
        default=None, description="Quote it when reporting a problem; it is in the server log."
    )
    errors: list[FieldError] | None = Field(default=None, description="Field errors, on 422 only.")


PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemDetails"}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for the problem statuses a route can return."""
    return {
        status: {
            "model": ProblemDetails,
            "description": _DESCRIPTIONS.get(status, "Error"),
            # The model lands under application/json; the body is sent as problem+json.
            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
        }
        for status in (401, 403, 422, *statuses)
    }
