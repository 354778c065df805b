"""Plain ASGI middleware: request ids and the access log, body size cap, content types,
control characters in query parameters."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import re
import time
import uuid
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kokoma.errors import problem_response
from kokoma.i18n import negotiate
from kokoma.request_context import set_request_context

log = logging.getLogger("kokoma.errors")
access_log = logging.getLogger("kokoma.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_BODY_METHODS = {"POST", "PUT", "PATCH"}
_ACCEPTED_BODY_TYPES = (
    "application/json",
    "application/merge-patch+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
)
# C0 controls, DEL and C1 controls: never part of a search term or a filter value.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def header(scope: Scope, name: bytes) -> str | None:
    """The value of request header ``name`` (lower-case bytes), or None."""
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _query_names(scope: Scope) -> str:
    # Parameter names only: values are search terms and filters, often personal data.
    query = scope.get("query_string", b"").decode("latin-1")
    names = sorted({name for name, _ in parse_qsl(query, keep_blank_values=True)})
    return "?" + "&".join(names) if names else ""


class RequestIdMiddleware:
    """Gives every request an id, echoed in ``X-Request-ID`` and in the logs.

    It also writes the access log (path and parameter names, never their values) and
    settles the client's address from the peer and trusted proxies.
    """

    def __init__(self, app: ASGIApp, trusted_proxies: Sequence[Network] = ()) -> None:
        self.app = app
        self.trusted_proxies = list(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = header(scope, b"x-request-id")
        request_id = (
            incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        )
        peer = scope.get("client")
        address = client_address(
            peer[0] if peer else None, header(scope, b"x-forwarded-for"), self.trusted_proxies
        )
        set_request_context(request_id, address, negotiate(header(scope, b"accept-language")))
        scope.setdefault("state", {})["request_id"] = request_id

        response_started = False
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal response_started, status
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Answered here rather than by the framework's outermost error layer,
            # so that the 500 carries the request id the log line carries too.
            log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if response_started:
                raise
            response = problem_response(500, "An internal error occurred.", code="internal-error")
            await response(scope, receive, send_with_id)
        finally:
            # Parsing the parameter names is work only a written line needs.
            if access_log.isEnabledFor(logging.INFO):
                _log_access(scope, address, status, started)


def _log_access(scope: Scope, address: str | None, status: int, started: float) -> None:
    access_log.info(
        '%s "%s %s%s" %s %.0f ms',
        address or "-",
        scope["method"],
        scope["path"],
        _query_names(scope),
        status,
        (time.perf_counter() - started) * 1000,
    )


class OnlyUnder:
    """Runs ``middleware`` (built with ``options``) only for paths under ``prefix``;
    every other request passes straight to the app, without that layer's work."""

    def __init__(self, app: ASGIApp, /, *, prefix: str, middleware: Any, **options: Any) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/")
        self.wrapped: ASGIApp = middleware(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if path == self.prefix or path.startswith(self.prefix + "/"):
            await self.wrapped(scope, receive, send)
        else:
            await self.app(scope, receive, send)


class QueryGuardMiddleware:
    """Refuses control characters in query parameters with a 422, on every route.

    A NUL byte reached PostgreSQL (which refuses it in text) and surfaced as a 500;
    no filter or search term legitimately contains control characters.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = scope.get("query_string", b"").decode("utf-8", "replace")
            pairs = parse_qsl(query, keep_blank_values=True)
            bad = sorted(
                {name for name, value in pairs if _CONTROL_CHARACTERS.search(name + value)}
            )
            if bad:
                response = problem_response(
                    422,
                    "Query parameters must not contain control characters.",
                    code="validation-error",
                    errors=[
                        {
                            "field": f"query.{name}",
                            "message": "contains a control character",
                            "type": "control_character",
                        }
                        for name in bad
                    ],
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """The body grew past the cap while it was being read.

    An HTTP exception, so that the framework's body parsing passes it on as it is and
    the error handlers answer 413; whoever reads the body before the route (the
    idempotency layer) answers it itself.
    """

    code = "too-large"

    def __init__(self, cap: int) -> None:
        super().__init__(413, too_large_detail(cap))
        self.cap = cap


def too_large_detail(cap: int) -> str:
    return f"The request body is larger than {cap} bytes."


def too_large(cap: int) -> Any:
    """The 413 answer for a body larger than ``cap``."""
    return problem_response(413, too_large_detail(cap), code=BodyTooLarge.code)


class BodyGuardMiddleware:
    """Refuses oversized bodies (413) and body types the API does not speak (415).

    File uploads (POST to a path ending in ``upload_suffix``) may be as large as
    ``upload_max_bytes``; they are passed on as they stream in, counted rather than
    held in memory, and reading past the cap raises :class:`BodyTooLarge`. Every other
    body is capped at ``max_body_bytes``.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        upload_max_bytes: int = 0,
        upload_suffix: str = "/attachments",
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.upload_max_bytes = upload_max_bytes
        self.upload_suffix = upload_suffix

    def _cap(self, scope: Scope) -> tuple[int, bool]:
        upload = scope["method"] == "POST" and scope["path"].endswith(self.upload_suffix)
        if upload and self.upload_max_bytes > self.max_body_bytes:
            return self.upload_max_bytes, True
        return self.max_body_bytes, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        cap, streamed = self._cap(scope)
        refusal = self._refusal(scope, cap)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if streamed:
            await self._stream(scope, receive, send, cap)
        else:
            await self._buffered(scope, receive, send, cap)

    async def _stream(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        await self.app(scope, counted, send)

    async def _buffered(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        # Bodies are small JSON documents: buffer up to the cap, then replay. Cutting
        # a stream short mid-parse would surface as a framework 400 instead of 413.
        chunks: list[bytes] = []
        received = 0
        more_body = True
        while more_body:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > cap:
                await too_large(cap)(scope, receive, send)
                return
            chunks.append(chunk)
            more_body = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _refusal(self, scope: Scope, cap: int) -> Any:
        length = header(scope, b"content-length")
        if length and length.isdigit() and int(length) > cap:
            return too_large(cap)
        has_body = (length is not None and length != "0") or header(scope, b"transfer-encoding")
        content_type = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if has_body and content_type not in _ACCEPTED_BODY_TYPES:
            return problem_response(
                415,
                "Send the body as application/json.",
                code="unsupported-media-type",
            )
        return None


# --- security headers and the client's address ------------------------------------


# No inline scripts or styles, nothing from other origins, never inside a frame.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
HSTS = "max-age=31536000; includeSubDomains"
_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", PERMISSIONS_POLICY.encode()),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_API_PREFIX = "/api/"
_MAX_ADDRESS_LENGTH = 45  # the longest textual IPv6 address (with embedded IPv4)

_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def policy_for_inline_scripts(page: bytes) -> str:
    """The policy, extended by the hashes of exactly the inline scripts of ``page``."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    return CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}")


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and ``no-store`` to every API answer.

    API answers carry personal data or tokens; none of them may sit in a browser or
    proxy cache. A route that wants caching sets its own ``Cache-Control``, and a page
    that needs another policy (the API docs) sets its own CSP.
    """

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith(_API_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers.extend(_COMMON_HEADERS)
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                if self.hsts:
                    headers.append((b"strict-transport-security", HSTS.encode()))
                if is_api and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def trusted_networks(spec: str) -> list[Network]:
    """Parse ``KOKOMA_TRUSTED_PROXIES``: addresses or networks, separated by commas."""
    return [
        ipaddress.ip_network(part.strip(), strict=False)
        for part in spec.split(",")
        if part.strip()
    ]


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if not text or len(text) > _MAX_ADDRESS_LENGTH:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def client_address(
    peer: str | None, forwarded_for: str | None, trusted: Iterable[Network]
) -> str | None:
    """The client's address: the peer, or what a trusted proxy says the peer was.

    ``X-Forwarded-For`` is read from the right, skipping trusted proxies; the first
    address not trusted is the client. A peer that is not a trusted proxy, or a
    header entry that is not an address, ends the walk: those values are chosen by
    whoever sent the request, so they must not decide whose address counts.
    """
    trusted = list(trusted)

    def is_trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return address is not None and any(address in network for network in trusted)

    current = _address(peer) if peer else None
    if current is None:
        return None
    if not forwarded_for:
        return str(current)
    for entry in reversed(forwarded_for.split(",")):
        if not is_trusted(current):
            break
        forwarded = _address(entry)
        if forwarded is None:
            break
        current = forwarded
    return str(current)
