"""Per-request values that logging, auditing and errors need without plumbing."""

from __future__ import annotations

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("kokoma_request_id", default=None)
_client_ip: ContextVar[str | None] = ContextVar("kokoma_client_ip", default=None)
_language: ContextVar[str | None] = ContextVar("kokoma_language", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def current_client_ip() -> str | None:
    return _client_ip.get()


def current_language() -> str | None:
    """The language the request asked for (``Accept-Language``), once negotiated."""
    return _language.get()


def set_request_context(
    request_id: str, client_ip: str | None, language: str | None = None
) -> None:
    _request_id.set(request_id)
    _client_ip.set(client_ip)
    _language.set(language)
