"""Plain ASGI middleware: request ids, body size cap, content types, security headers."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kokoma.errors import problem_response
from kokoma.request_context import set_request_context

log = logging.getLogger("kokoma.errors")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_BODY_METHODS = {"POST", "PUT", "PATCH"}
_ACCEPTED_BODY_TYPES = (
    "application/json",
    "application/merge-patch+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
)
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


class RequestIdMiddleware:
    """Gives every request an id, echoed in ``X-Request-ID`` and in the logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id")
        request_id = (
            incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        )
        client = scope.get("client")
        set_request_context(request_id, client[0] if client else None)
        scope.setdefault("state", {})["request_id"] = request_id

        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(_SECURITY_HEADERS)
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


class BodyTooLarge(HTTPException):
    """The body grew past the cap while the application was reading it.

    An HTTP exception, so that the framework's body parsing passes it on as it is
    and the error handlers answer 413.
    """

    code = "too-large"

    def __init__(self, cap: int) -> None:
        super().__init__(413, _too_large_detail(cap))


def _too_large_detail(cap: int) -> str:
    return f"The request body is larger than {cap} bytes."


class BodyGuardMiddleware:
    """Refuses oversized bodies (413) and body types the API does not speak (415).

    File uploads (POST to a path ending in ``upload_suffix``) may be as large as
    ``upload_max_bytes`` and are passed through as they stream in, counted rather
    than held in memory; every other body is capped at ``max_body_bytes``.
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
                await self._too_large(cap)(scope, receive, send)
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

    def _too_large(self, cap: int) -> Any:
        return problem_response(413, _too_large_detail(cap), code=BodyTooLarge.code)

    def _refusal(self, scope: Scope, cap: int) -> Any:
        length = _header(scope, b"content-length")
        if length and length.isdigit() and int(length) > cap:
            return self._too_large(cap)
        has_body = (length is not None and length != "0") or _header(scope, b"transfer-encoding")
        content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if has_body and content_type not in _ACCEPTED_BODY_TYPES:
            return problem_response(
                415,
                "Send the body as application/json.",
                code="unsupported-media-type",
            )
        return None
