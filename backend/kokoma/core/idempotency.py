"""``Idempotency-Key`` for every POST that creates something.

A client that did not get an answer (timeout, dropped connection) retries with the
same key: it gets the first answer again instead of a second record. Keys belong to
the caller (the token's subject, so they survive a token refresh), bind the request
they came with (the same key with another body or path is a 422), and expire after
``IDEMPOTENCY_HOURS``. Only creations (201) are kept; any other answer frees the key,
so a corrected retry can go through. A retry while the first request still runs is a
409. Kept answers carry personal data or secrets shown once (API client and webhook
secrets), so they are stored sealed.

This is middleware rather than a dependency because it must keep the finished
response; it applies to every POST below the API prefix except sign-in. It reads the
body before the route does (the fingerprint binds it): a body larger than
``SPOOL_BYTES`` (a file upload) waits in a temporary file rather than in memory, and
a body past the upload cap is answered 413 here.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, LargeBinary, String, Uuid, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kokoma.access.tokens import decode_access_token
from kokoma.core.sealing import Unsealable, derive_key, seal, unseal
from kokoma.db import Base, Database, utcnow
from kokoma.errors import Problem, problem_response
from kokoma.middleware import BodyTooLarge, header, too_large
from kokoma.settings import Settings

HEADER = "Idempotency-Key"
IDEMPOTENCY_HOURS = 24
KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"  # visible ASCII, e.g. a UUID
_KEY = re.compile(KEY_PATTERN)
_REPLAYED_HEADERS = (b"content-type", b"etag", b"location")
_SKIPPED_PREFIXES = ("/api/v1/auth/",)  # tokens are never stored
# Bodies up to this size are held in memory, larger ones (uploads) in a temporary file.
SPOOL_BYTES = 1024 * 1024
_REPLAY_CHUNK = 64 * 1024


class IdempotencyKey(Base):
    """A key a caller sent with a creating POST, and the answer it got (sealed)."""

    __tablename__ = "idempotency_keys"

    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[int | None] = mapped_column(Integer)  # None while the first request runs
    sealed_response: Mapped[bytes | None] = mapped_column(LargeBinary)


def _problem(status: int, detail: str, **extra: Any) -> Any:
    return problem_response(status, detail, code="idempotency-key", **extra)


class IdempotencyMiddleware:
    """Answers a repeated ``Idempotency-Key`` with the first answer (see module doc)."""

    def __init__(self, app: ASGIApp, *, database: Database, settings: Settings) -> None:
        self.app = app
        self.database = database
        self.settings = settings
        self.seal_key = derive_key(settings.resolved_secret_key(), "idempotency")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = header(scope, HEADER.lower().encode()) if scope["type"] == "http" else None
        path = scope.get("path", "")
        if (
            key is None
            or scope["method"] != "POST"
            or not path.startswith("/api/")
            or path.startswith(_SKIPPED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        if not _KEY.match(key):
            await _problem(422, f"{HEADER} must be 1-255 visible ASCII characters.")(
                scope, receive, send
            )
            return
        owner = self._owner(scope)
        if owner is None:  # not signed in: the route answers 401 itself
            await self.app(scope, receive, send)
            return
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
            digest = hashlib.sha256(f"{path}\0".encode())
            try:
                await _read_body(receive, body, digest)
            except BodyTooLarge as exc:
                await too_large(exc.cap)(scope, receive, send)
                return
            answer = await self._claim(owner, key, digest.hexdigest())
            if answer is not None:
                await answer(scope, receive, send)
                return
            await self._run(scope, receive, body, send, owner, key)

    def _owner(self, scope: Scope) -> uuid.UUID | None:
        authorization = header(scope, b"authorization") or ""
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        try:
            return decode_access_token(self.settings, token.strip()).subject_id
        except Problem:
            return None

    async def _claim(self, owner: uuid.UUID, key: str, fingerprint: str) -> Any:
        """None when this request may run; otherwise the answer to send instead."""
        now = utcnow()
        async with self.database.sessionmaker() as session:
            await session.execute(delete(IdempotencyKey).where(IdempotencyKey.expires_at < now))
            found = await session.get(IdempotencyKey, (owner, key))
            if found is None:
                session.add(
                    IdempotencyKey(
                        owner_id=owner,
                        key=key,
                        fingerprint=fingerprint,
                        expires_at=now + timedelta(hours=IDEMPOTENCY_HOURS),
                    )
                )
                try:
                    await session.commit()
                    return None
                except IntegrityError:
                    await session.rollback()
                    found = await session.get(IdempotencyKey, (owner, key))
            else:
                await session.commit()
        if found is None or found.fingerprint != fingerprint:
            return _problem(
                422, f"This {HEADER} was used for another request; use a new key for this one."
            )
        if found.status is None or found.sealed_response is None:
            return _problem(
                409,
                f"A request with this {HEADER} is still running.",
                headers={"Retry-After": "1"},
            )
        return self._replay(found)

    def _replay(self, found: IdempotencyKey) -> Any:
        assert found.sealed_response is not None
        try:
            stored = json.loads(unseal(self.seal_key, found.sealed_response, found.key.encode()))
        except Unsealable:
            return _problem(409, f"The answer kept for this {HEADER} cannot be read.")

        async def answer(_scope: Scope, _receive: Receive, send: Send) -> None:
            headers = [(k.encode(), v.encode()) for k, v in stored["headers"]]
            headers.append((b"idempotent-replayed", b"true"))
            await send({"type": "http.response.start", "status": found.status, "headers": headers})
            await send({"type": "http.response.body", "body": stored["body"].encode("latin-1")})

        return answer

    async def _run(
        self,
        scope: Scope,
        receive: Receive,
        body: tempfile.SpooledTemporaryFile[bytes],
        send: Send,
        owner: uuid.UUID,
        key: str,
    ) -> None:
        status = 500
        headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []
        body.seek(0)
        replayed = False

        async def replay_body() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            chunk = body.read(_REPLAY_CHUNK)
            more = len(chunk) == _REPLAY_CHUNK
            replayed = not more
            return {"type": "http.request", "body": chunk, "more_body": more}

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers.extend(
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                    if k.lower() in _REPLAYED_HEADERS
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_body, capture)
        finally:
            await self._settle(owner, key, status, headers, b"".join(chunks))

    async def _settle(
        self, owner: uuid.UUID, key: str, status: int, headers: list[tuple[str, str]], body: bytes
    ) -> None:
        async with self.database.sessionmaker() as session:
            found = await session.get(IdempotencyKey, (owner, key))
            if found is None:
                return
            if status == 201:
                stored = json.dumps({"headers": headers, "body": body.decode("latin-1")})
                found.status = status
                found.sealed_response = seal(self.seal_key, stored.encode(), key.encode())
            else:
                await session.delete(found)
            await session.commit()


async def _read_body(
    receive: Receive, into: tempfile.SpooledTemporaryFile[bytes], digest: Any
) -> None:
    """Copy the request body into ``into`` and ``digest``; BodyTooLarge past the cap."""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        into.write(chunk)
        digest.update(chunk)
        if not message.get("more_body", False):
            break
