"""The attachment routes of one kind of record, e.g. ``/cases/{case_id}/attachments``."""

import uuid
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Path, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from kokoma.attachments import service
from kokoma.attachments.models import Attachment
from kokoma.attachments.owners import AttachmentOwner
from kokoma.attachments.schemas import AttachmentOut
from kokoma.attachments.storage import AttachmentStorage, storage_for
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, Cursor, DbSession, IfMatch, Limit, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page

# Upload routes end so; the body cap for them is the attachment limit plus the overhead.
UPLOAD_PATH_SUFFIX = "/attachments"
UPLOAD_FORM_OVERHEAD = 64 * 1024


def _storage(request: Request) -> AttachmentStorage:
    return storage_for(request.app.state.settings)


Storage = Annotated[AttachmentStorage, Depends(_storage)]
AttachmentId = Annotated[uuid.UUID, Path(description="The attachment's id.")]


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name (RFC 6266 / 5987)."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "'").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _download_headers(attachment: Attachment) -> dict[str, str]:
    return {
        # Never rendered by the browser, whatever the file claims to be (and every
        # response carries X-Content-Type-Options: nosniff, see kokoma.middleware).
        "Content-Disposition": content_disposition(attachment.filename),
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
        "Content-Length": str(attachment.size_bytes),
        "ETag": f'"{attachment.version}"',
    }


def add_attachment_routes(router: APIRouter, owner: AttachmentOwner) -> None:
    """Add routes to list, upload, download and delete attachments of ``owner``'s records
    to the domain's ``router`` (added to it directly, so they are its own routes)."""
    base = owner.record_path + UPLOAD_PATH_SUFFIX
    OwnerId = Annotated[  # noqa: N806 - a type alias, named like one
        uuid.UUID, Path(alias=owner.id_param, description="The record's id.")
    ]

    @router.get(
        base,
        response_model=Page[AttachmentOut],
        responses=problems(400, 404),
        name=f"list_{owner.kind}_attachments",
    )
    async def list_attachments(
        owner_id: OwnerId,
        session: DbSession,
        principal: Caller(owner.read),
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[AttachmentOut]:
        """The record's attachments, newest first."""
        items, next_cursor = await service.list_attachments(
            session, principal, owner, owner_id, limit=limit, cursor=cursor
        )
        return Page(
            items=[AttachmentOut.model_validate(a) for a in items], next_cursor=next_cursor
        )

    @router.post(
        base,
        status_code=201,
        response_model=AttachmentOut,
        responses=problems(404, 409, 413, 415),
        name=f"add_{owner.kind}_attachment",
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

        PDF, images, office documents and plain text, recognised by their content;
        anything else is 415, larger files 413.
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
            chunks, media_type=attachment.media_type, headers=_download_headers(attachment)
        )

    @router.delete(
        base + "/{attachment_id}",
        status_code=204,
        responses=problems(404, 409, 412, 428),
        name=f"delete_{owner.kind}_attachment",
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
