"""Adding, listing, reading and removing the attachments of any owning record.

The owner (``owners.AttachmentOwner``) decides visibility and whether the record may
change; this module decides what a file may be and keeps rows and files in step: a file
is stored before its row commits (and removed again if the commit fails), and removed
only after the deletion of its row has committed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterator
from typing import BinaryIO

from fastapi import UploadFile
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session as SyncSession
from starlette.concurrency import run_in_threadpool

from kokoma.access.principal import Principal
from kokoma.attachments.content import detect
from kokoma.attachments.models import Attachment
from kokoma.attachments.owners import AttachmentOwner, Owned
from kokoma.attachments.schemas import AttachmentListQuery
from kokoma.attachments.storage import AttachmentStorage
from kokoma.audit import service as audit
from kokoma.cases.timeline import actor_name
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.errors import Conflict, NotFound, Problem, invalid
from kokoma.events.outbox import publish

MAX_PER_RECORD = 100
CHUNK = 64 * 1024
_PENDING = "attachments.files_to_remove"
_EVENTS = {"upload": "attachment_added", "delete": "attachment_removed"}
_NEWEST_FIRST = [SortKey(Attachment.created_at, descending=True)]
NOT_ALLOWED = (
    "This kind of file cannot be attached. Allowed are PDF, PNG, JPEG, GIF and WebP images, "
    "Word (DOCX), Excel (XLSX) and OpenDocument (ODT) documents and plain text."
)
EMPTY = "The file is empty."


# --- files follow their rows ----------------------------------------------------------


def _remove_after_commit(session: AsyncSession, storage: AttachmentStorage, key: str) -> None:
    session.sync_session.info.setdefault(_PENDING, []).append((storage, key))


@event.listens_for(SyncSession, "after_commit")
def _remove_files(session: SyncSession) -> None:
    for storage, key in session.info.pop(_PENDING, []):
        storage.delete(key)


@event.listens_for(SyncSession, "after_rollback")
def _keep_files(session: SyncSession) -> None:
    # The rows are still there, so are their files.
    session.info.pop(_PENDING, None)


async def remove_all(
    session: AsyncSession, storage: AttachmentStorage, kind: str, owner_id: uuid.UUID
) -> int:
    """Delete every attachment of one record, within the caller's transaction.

    Owning domains call this when they delete the record (or erase it for data
    protection); the files are removed once the transaction commits. Returns how many
    there were.
    """
    rows = list(
        await session.scalars(
            select(Attachment).where(
                Attachment.owner_type == kind, Attachment.owner_id == owner_id
            )
        )
    )
    await remove(session, storage, rows)
    return len(rows)


async def remove(
    session: AsyncSession, storage: AttachmentStorage, rows: list[Attachment]
) -> None:
    """Delete the given attachments within the caller's transaction; their files go
    once it commits (an erasure chooses them across records)."""
    for row in rows:
        await session.delete(row)
        _remove_after_commit(session, storage, row.storage_key)


# --- names and content ----------------------------------------------------------------


def clean_filename(name: str | None) -> str:
    """A file name safe to store and to hand back: no path, no controls, bounded."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(
        ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C"
    )
    base = base.strip().strip(".") or "Datei"
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 199 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else base[:200]
    return base


def too_large(limit: int) -> Problem:
    return Problem(
        413, f"The file is larger than {limit} bytes.", code="too-large", max_bytes=limit
    )


def _size_of(file: BinaryIO) -> int:
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def _digest(file: BinaryIO) -> str:
    sha = hashlib.sha256()
    for chunk in iter(lambda: file.read(CHUNK), b""):
        sha.update(chunk)
    file.seek(0)
    return sha.hexdigest()


async def _checked(upload: UploadFile, max_bytes: int) -> tuple[str, int]:
    """The content's media type and the size; 413 or 422 when it may not be kept."""
    size = await run_in_threadpool(_size_of, upload.file)
    if size > max_bytes:
        raise too_large(max_bytes)
    if size == 0:
        raise invalid("body.file", EMPTY)
    media_type = await run_in_threadpool(detect, upload.file)
    if media_type is None:
        raise invalid("body.file", NOT_ALLOWED, "file_type")
    return media_type, size


# --- the operations -------------------------------------------------------------------


async def _attachment(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    record: Owned,
    attachment_id: uuid.UUID,
) -> Attachment:
    found = await session.scalar(
        scoped(Attachment, principal).where(
            Attachment.id == attachment_id,
            Attachment.owner_type == owner.kind,
            Attachment.owner_id == record.id,
        )
    )
    if found is None:
        raise NotFound("Attachment")
    return found


def _announce(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    record: Owned,
    attachment: Attachment,
    action: str,
) -> None:
    # The record is the audit entry's target (the log links to it); the file name stays
    # out of log and events, it may name people.
    details = {
        "attachment_id": str(attachment.id),
        "media_type": attachment.media_type,
        "size_bytes": attachment.size_bytes,
    }
    audit.record(
        session,
        f"{owner.kind}.attachment_{action}",
        principal=principal,
        target=audit.Target(owner.kind, attachment.owner_id),
        details=details,
    )
    if action in _EVENTS and owner.events:
        context = owner.event_context(record) if owner.event_context else {}
        publish(
            session,
            municipality_id=attachment.municipality_id,
            event_type=f"{owner.kind}.{_EVENTS[action]}",
            resource_id=attachment.owner_id,
            data={f"{owner.kind}_id": str(attachment.owner_id), **context, **details},
        )


async def list_attachments(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    owner_id: uuid.UUID,
    query: AttachmentListQuery,
) -> tuple[list[Attachment], str | None]:
    """The record's attachments, newest first."""
    record = await owner.find(session, principal, owner_id, False)
    stmt = scoped(Attachment, principal).where(
        Attachment.owner_type == owner.kind, Attachment.owner_id == record.id
    )
    return await paginate(
        session,
        stmt,
        keys=_NEWEST_FIRST,
        id_column=Attachment.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def add_attachment(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    owner_id: uuid.UUID,
    upload: UploadFile,
    description: str | None,
    *,
    storage: AttachmentStorage,
    max_bytes: int,
) -> Attachment:
    """Keep an uploaded file with the record, if its content is of an allowed type."""
    record = await owner.find(session, principal, owner_id, True)
    media_type, size = await _checked(upload, max_bytes)
    count = await session.scalar(
        select(func.count()).where(
            Attachment.owner_type == owner.kind, Attachment.owner_id == record.id
        )
    )
    if (count or 0) >= MAX_PER_RECORD:
        raise Conflict(f"A record keeps at most {MAX_PER_RECORD} attachments.")
    sha256 = await run_in_threadpool(_digest, upload.file)
    key = uuid.uuid4().hex
    await run_in_threadpool(storage.save, key, upload.file)
    attachment = Attachment(
        municipality_id=record.municipality_id,
        owner_type=owner.kind,
        owner_id=record.id,
        filename=clean_filename(upload.filename),
        description=description,
        media_type=media_type,
        size_bytes=size,
        sha256=sha256,
        storage_key=key,
        uploaded_by=principal.id,
        uploaded_by_name=await actor_name(session, principal),
    )
    session.add(attachment)
    try:
        await session.flush()
        _announce(session, principal, owner, record, attachment, "upload")
        await session.commit()
    except BaseException:
        await run_in_threadpool(storage.delete, key)
        raise
    return attachment


async def open_attachment(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    owner_id: uuid.UUID,
    attachment_id: uuid.UUID,
    *,
    storage: AttachmentStorage,
) -> tuple[Attachment, Iterator[bytes]]:
    """The attachment and its bytes; every download is audited before it starts."""
    record = await owner.find(session, principal, owner_id, False)
    attachment = await _attachment(session, principal, owner, record, attachment_id)
    try:
        stream = await run_in_threadpool(storage.open, attachment.storage_key)
    except FileNotFoundError as exc:
        raise NotFound("Attachment file") from exc
    try:
        _announce(session, principal, owner, record, attachment, "download")
        await session.commit()
    except BaseException:
        stream.close()
        raise
    return attachment, _chunks(stream)


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        yield from iter(lambda: stream.read(CHUNK), b"")


async def delete_attachment(
    session: AsyncSession,
    principal: Principal,
    owner: AttachmentOwner,
    owner_id: uuid.UUID,
    attachment_id: uuid.UUID,
    if_match: str | None,
    *,
    storage: AttachmentStorage,
) -> None:
    """Remove one attachment, guarded by its ETag; the file goes after the commit."""
    record = await owner.find(session, principal, owner_id, True)
    attachment = await _attachment(session, principal, owner, record, attachment_id)
    check_if_match(if_match, attachment.version)
    _announce(session, principal, owner, record, attachment, "delete")
    await session.delete(attachment)
    _remove_after_commit(session, storage, attachment.storage_key)
    await commit_versioned(session)
