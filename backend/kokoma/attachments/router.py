"""The attachment routes of one kind of record, e.g. ``/cases/{case_id}/attachments``.

No ``from __future__ import annotations`` here: the routes are made inside a function
and their annotations (the owner's permissions) must be evaluated where they stand.
"""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from kokoma.attachments import service
from kokoma.attachments.models import Attachment
from kokoma.attachments.owners import AttachmentOwner, register
from kokoma.attachments.schemas import AttachmentListQuery, AttachmentOut
from kokoma.attachments.storage import AttachmentStorage, storage_for
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

# Upload routes end so (the body guard lets their bodies be as large as a file may be).
UPLOAD_PATH_SUFFIX = "/attachments"
# Room for the multipart framing and the description next to the file itself.
UPLOAD_FORM_OVERHEAD = 64 * 1024
# Nothing of a download runs in the browser, whatever it claims to be.
DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"


async def _storage(request: Request) -> AttachmentStorage:
    return storage_for(request.app.state.settings)


Storage = Annotated[AttachmentStorage, Depends(_storage)]
AttachmentId = Annotated[uuid.UUID, Path(description="The attachment's id.")]


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name (RFC 6266 / 5987)."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_headers(attachment: Attachment) -> dict[str, str]:
    return {
        # Always a download, never rendered inline (X-Content-Type-Options: nosniff is on
        # every response, see kokoma.middleware).
        "Content-Disposition": content_disposition(attachment.filename),
        "Content-Security-Policy": DOWNLOAD_POLICY,
        "Cache-Control": "private, no-store",
        "Content-Length": str(attachment.size_bytes),
        "ETag": f'"{attachment.version}"',
    }


def add_attachment_routes(router: APIRouter, owner: AttachmentOwner) -> None:
    """Add routes to list, upload, download and delete the attachments of ``owner``'s
    records to the domain's ``router`` (so they are its own routes, with its tags)."""
    register(owner)
    base = owner.record_path + UPLOAD_PATH_SUFFIX
    OwnerId = Annotated[  # noqa: N806 - a type alias, named like one
        uuid.UUID, Path(alias=owner.id_param, description="The record's id.")
    ]

    @router.get(
        base,
        response_model=Page[AttachmentOut],
        responses=problems(400, 404),
        name=f"list_{owner.kind}_attachments",
        summary="List attachments",
    )
    async def list_attachments(
        owner_id: OwnerId,
        session: DbSession,
        principal: Caller(owner.read),
        query: Annotated[AttachmentListQuery, Query()],
    ) -> Page[AttachmentOut]:
        """The record's attachments, newest first."""
        items, next_cursor = await service.list_attachments(
            session, principal, owner, owner_id, query
        )
        return Page(
            items=[AttachmentOut.model_validate(a) for a in items], next_cursor=next_cursor
        )

    @router.post(
        base,
        status_code=201,
        response_model=AttachmentOut,
        responses=problems(404, 409, 413),
        name=f"add_{owner.kind}_attachment",
        summary="Upload an attachment",
    )
    async def add_attachment(
        owner_id: OwnerId,
        file: Annotated[UploadFile, File(description="The file; its content decides its type.")],
        response: Response,
        session: DbSession,
        settings: AppSettings,
        storage: Storage,
        principal: Caller(owner.write),
        description: Annotated[
            str | None, Form(max_length=500, description="What the file is.")
        ] = None,
    ) -> AttachmentOut:
        """Attach a file (multipart form field `file`) of at most `KOKOMA_ATTACHMENT_MAX_BYTES`.

        PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, ODT and plain text, recognised by their
        content whatever their name says; anything else is 422, a larger file 413.
        """
        attachment = await service.add_attachment(
            session,
            principal,
            owner,
            owner_id,
            file,
            (description or "").strip() or None,
            storage=storage,
            max_bytes=settings.attachment_max_bytes,
        )
        set_etag(response, attachment.version)
        return AttachmentOut.model_validate(attachment)

    @router.get(
        base + "/{attachment_id}/content",
        response_class=StreamingResponse,
        responses={
            200: {
                "content": {"application/octet-stream": {}},
                "description": "The file, always as a download.",
            },
            **problems(404),
        },
        name=f"download_{owner.kind}_attachment",
        summary="Download an attachment",
    )
    async def download_attachment(
        owner_id: OwnerId,
        attachment_id: AttachmentId,
        session: DbSession,
        storage: Storage,
        principal: Caller(owner.read),
    ) -> StreamingResponse:
        """The file as a download (never shown inline); every download is audited."""
        attachment, chunks = await service.open_attachment(
            session, principal, owner, owner_id, attachment_id, storage=storage
        )
        return StreamingResponse(
            chunks, media_type=attachment.media_type, headers=download_headers(attachment)
        )

    @router.delete(
        base + "/{attachment_id}",
        status_code=204,
        responses=problems(404, 409, 412, 428),
        name=f"delete_{owner.kind}_attachment",
        summary="Delete an attachment",
    )
    async def delete_attachment(
        owner_id: OwnerId,
        attachment_id: AttachmentId,
        session: DbSession,
        storage: Storage,
        principal: Caller(owner.write),
        if_match: IfMatch = None,
    ) -> Response:
        """Remove an attachment and its file; needs its ETag in If-Match."""
        await service.delete_attachment(
            session, principal, owner, owner_id, attachment_id, if_match, storage=storage
        )
        return Response(status_code=204)
