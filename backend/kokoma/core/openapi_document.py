"""Finishing the generated OpenAPI document, for every route at once.

Routers declare what is particular to them; what follows from the shape of the
API as a whole is added here, so no route can forget it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from kokoma.core.idempotency import HEADER as IDEMPOTENCY_HEADER
from kokoma.core.idempotency import IDEMPOTENCY_HOURS, KEY_PATTERN
from kokoma.core.openapi import PROBLEM_SCHEMA

Document = dict[str, Any]


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` serve the finished document."""
    build: Callable[[], Document] = app.openapi

    def openapi() -> Document:
        if app.openapi_schema is None:
            app.openapi_schema = finish(build())
        return app.openapi_schema

    # FastAPI's documented way to extend the document is replacing this method.
    app.openapi = openapi  # type: ignore[method-assign]


def finish(document: Document) -> Document:
    for methods in document.get("paths", {}).values():
        for operation in methods.values():
            if "requestBody" in operation:
                # The framework answers 400 for a body it cannot decode, before any validation.
                operation["responses"].setdefault(
                    "400",
                    {
                        "description": "The body could not be decoded (JSON must be UTF-8)",
                        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
                    },
                )
    for path, methods in document.get("paths", {}).items():
        creates = methods.get("post", {})
        if "201" in creates.get("responses", {}) and not path.startswith("/api/v1/auth/"):
            _add_idempotency_key(creates)
    _add_links(document)
    return document


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
    }


def _add_idempotency_key(operation: dict[str, Any]) -> None:
    # Answered by the idempotency middleware for every creating POST (core/idempotency.py).
    operation.setdefault("parameters", []).append(
        {
            "name": IDEMPOTENCY_HEADER,
            "in": "header",
            "required": False,
            "description": "Any unique value (e.g. a UUID) per record to create. A retry with "
            "the same key and body answers the first response again (header "
            "`Idempotent-Replayed: true`) instead of creating a second record; the same key "
            f"with another body is a 422. Keys expire after {IDEMPOTENCY_HOURS} hours.",
            "schema": {"type": "string", "pattern": KEY_PATTERN, "maxLength": 255},
        }
    )
    responses = operation["responses"]
    responses.setdefault("409", _problem("Conflict (also: a request with this key still runs)"))
    responses.setdefault(
        "422", _problem("Validation error (also: the key was used for another request)")
    )


class Operation:
    """One operation of the document, with what linking needs to know about it."""

    def __init__(self, path: str, method: str, spec: dict[str, Any]) -> None:
        self.path = path
        self.method = method
        self.spec = spec
        self.params = re.findall(r"\{([^}]+)\}", path)

    @property
    def responses(self) -> dict[str, Any]:
        return self.spec.setdefault("responses", {})

    @property
    def is_item_read(self) -> bool:
        """A GET of one record: its path ends with the record's id."""
        return self.method == "get" and self.path.endswith("}") and "200" in self.responses

    @property
    def takes_if_match(self) -> bool:
        return any(
            p.get("in") == "header" and p.get("name") == "If-Match"
            for p in self.spec.get("parameters", [])
        )

    def body_schema(self, status: str) -> str | None:
        content = self.responses.get(status, {}).get("content", {})
        return content.get("application/json", {}).get("schema", {}).get("$ref")

    def reaches(self, item: Operation) -> bool:
        """Whether this operation acts on ``item``'s record, with no ids but its own."""
        on_record = self.path == item.path or self.path.startswith(item.path + "/")
        return on_record and set(self.params) <= set(item.params)


def _add_links(document: Document) -> None:
    # OpenAPI links: the `id` of a created record is the path parameter of every
    # operation on it, and a record's ETag is the If-Match of its writes. Clients
    # and the property-based tests follow them from one call to the next.
    operations = [
        Operation(path, method, spec)
        for path, methods in document.get("paths", {}).items()
        for method, spec in methods.items()
    ]
    schemas = document.get("components", {}).get("schemas", {})
    reads = [o for o in operations if o.is_item_read]
    for source in operations:
        if source.method == "post" and "201" in source.responses:
            item = _created_item(source, reads, schemas)
            if item is not None:
                _link(source, "201", item, operations, created_id=item.params[-1])
        elif source.is_item_read:
            _link(source, "200", source, operations, created_id=None)


def _created_item(
    create: Operation, reads: list[Operation], schemas: dict[str, Any]
) -> Operation | None:
    """The read of the record a POST creates: same schema, or the path below the POST's."""
    created = create.body_schema("201")
    properties = schemas.get(str(created).rsplit("/", 1)[-1], {}).get("properties", {})
    if created is None or "id" not in properties:
        return None
    for read in reads:
        below = read.path == f"{create.path}/{{{read.params[-1]}}}"
        same_record = read.body_schema("200") == created
        if (same_record or below) and set(read.params[:-1]) <= set(create.params):
            return read
    return None


def _link(
    source: Operation,
    status: str,
    item: Operation,
    operations: list[Operation],
    *,
    created_id: str | None,
) -> None:
    links = source.responses[status].setdefault("links", {})
    for target in operations:
        if target is source or not target.reaches(item):
            continue
        parameters = {
            f"path.{name}": "$response.body#/id" if name == created_id else f"$request.path.{name}"
            for name in target.params
        }
        if target.takes_if_match:
            parameters["header.If-Match"] = "$response.header.ETag"
        links[target.spec["operationId"]] = {
            "operationId": target.spec["operationId"],
            "parameters": parameters,
        }
