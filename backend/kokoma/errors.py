"""Errors as ``application/problem+json`` (RFC 9457), one shape everywhere.

Raise with English words; ``problem_response`` says ``title``, ``detail`` and each
field error's ``message`` in the request's language (``Accept-Language``, German by
default) through ``kokoma/i18n/locales/messages.<language>.json``. ``type``, ``code``,
``field`` and the field error's ``type`` stay machine-readable and never change.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from kokoma.i18n import DEFAULT_LANGUAGE
from kokoma.i18n import messages as catalogue
from kokoma.request_context import current_language, current_request_id

log = logging.getLogger("kokoma.errors")
PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    """A failure the client can act on, rendered as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.headers = headers or {}
        self.extra = extra


def invalid(field: str, message: str, kind: str = "value_error") -> Problem:
    """A 422 for a rule the request schema alone cannot check, shaped like the
    framework's validation errors.

    ``field`` is the full location (``body.title``, ``query.to``); ``message`` says
    what is wrong and is also the ``detail``; ``kind`` is the machine-readable type.
    """
    return Problem(
        422,
        message,
        code="validation-error",
        errors=[{"field": field, "message": message, "type": kind}],
    )


class NotFound(Problem):
    def __init__(self, what: str = "Resource") -> None:
        super().__init__(404, f"{what} not found.", code="not-found")


class Conflict(Problem):
    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(409, detail, code="conflict", **extra)


class Forbidden(Problem):
    def __init__(self, detail: str = "You are not allowed to do this.") -> None:
        super().__init__(403, detail, code="forbidden")


class Unauthorized(Problem):
    def __init__(self, detail: str = "Not authenticated.") -> None:
        super().__init__(401, detail, code="unauthorized", headers={"WWW-Authenticate": "Bearer"})


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    code: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    language = current_language() or DEFAULT_LANGUAGE
    body: dict[str, Any] = {
        "type": f"urn:kokoma:problem:{code}" if code else "about:blank",
        "title": catalogue.translate(language, HTTPStatus(status).phrase),
        "status": status,
    }
    if detail:
        body["detail"] = catalogue.translate(language, detail)
    body.update(extra)
    if isinstance(body.get("errors"), list):
        body["errors"] = [_in_language(language, error) for error in body["errors"]]
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _in_language(language: str, error: Any) -> Any:
    """A field error with its ``message`` translated (Pydantic's by their type)."""
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        return error
    return {**error, "message": catalogue.translate(language, error["message"])}


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    language = current_language() or DEFAULT_LANGUAGE
    return [
        {
            "field": ".".join(str(part) for part in error.get("loc", ())),
            "message": catalogue.field_error(language, error),
            "type": error.get("type", ""),
        }
        for error in exc.errors()
    ]


async def _on_problem(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(
        exc.status, exc.detail, code=exc.code, headers=exc.headers, **exc.extra
    )


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem_response(
        422,
        "The request is not valid.",
        code="validation-error",
        errors=_field_errors(exc),
    )


async def _on_http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem_response(
        exc.status_code,
        detail,
        code=getattr(exc, "code", None),
        headers=getattr(exc, "headers", None),
    )


# Where a database connection is opened or used. The drivers report a refused or
# broken connection as a plain OSError, not wrapped by SQLAlchemy.
_DATABASE_MODULES = (
    "sqlalchemy.pool",
    "sqlalchemy.engine",
    "sqlalchemy.dialects",
    "asyncpg",
    "aiosqlite",
)


def _raised_by_database(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(_DATABASE_MODULES):
            return True
        tb = tb.tb_next
    return False


def _is_connection_failure(exc: Exception) -> bool:
    """Only a database that cannot be reached is a 503; any other OSError (a file, a
    socket to somewhere else) is a fault of this server, answered as a 500."""
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, OperationalError)
    return isinstance(exc, OSError) and _raised_by_database(exc)


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    if not _is_connection_failure(exc):
        raise exc  # unexpected: the request-id middleware answers 500 and logs it
    log.warning("database unavailable: %s", exc.__class__.__name__)
    return problem_response(
        503,
        "The database is not reachable right now. Please try again shortly.",
        code="service-unavailable",
        headers={"Retry-After": "5"},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(OSError, _on_database_error)
