"""Finishing the generated OpenAPI document, for every route at once.

Routers declare what is particular to them; what follows from the shape of the
API as a whole is added here, so no route can forget it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from kokoma.core.openapi import PROBLEM_SCHEMA

Document = dict[str, Any]


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` serve the finished document."""
    build: Callable[[], Document] = app.openapi

    def openapi() -> Document:
        if app.openapi_schema is None:
            app.openapi_schema = finish(build())
        return app.openapi_schema

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
    return document
