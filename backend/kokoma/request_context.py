"""Per-request values that logging, auditing and errors need without plumbing."""

from __future__ import annotations

from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("kokoma_request_id", default=None)
_client_ip: ContextVar[str | None] = ContextVar("kokoma_client_ip", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def current_client_ip() -> str | None:
    return _client_ip.get()


def set_request_context(request_id: str, client_ip: str | None) -> None:
    _request_id.set(request_id)
    _client_ip.set(client_ip)
