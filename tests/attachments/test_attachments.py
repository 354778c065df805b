"""Files on cases and consultations: kept by content type, read with the record's rights."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.app import create_app
from kokoma.attachments.models import Attachment
from kokoma.audit.models import AuditEvent
from tests.consultations.helpers import make_consultation
from tests.support import insert_case

MANAGER = "conflict_manager"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def upload(name: str, content: bytes, media_type: str = "application/octet-stream") -> dict:
    return {"file": (name, content, media_type)}


def stored_files(settings) -> set[Path]:  # type: ignore[no-untyped-def]
    root = settings.data_dir / "attachments"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


async def test_a_case_file_is_kept_listed_downloaded_as_attachment_and_audited(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    base = f"/api/v1/cases/{case.id}/attachments"
    name = "Brief an den Ortsteilrat „Jugendclub“.pdf"

    added = await client.post(
        base,
        headers=t.headers(MANAGER),
        files=upload(f"C:\\Users\\x\\{name}", PDF),
        data={"description": " Brief vom 12. März "},
    )
    assert added.status_code == 201, added.text
    item = added.json()
    assert item["filename"] == name
    assert item["description"] == "Brief vom 12. März"
    assert item["media_type"] == "application/pdf"
    assert item["size_bytes"] == len(PDF)
    assert item["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert item["uploaded_by_name"] == t.user(MANAGER).full_name

    listed = await client.get(base, headers=t.headers("coordinator"))
    assert [a["id"] for a in listed.json()["items"]] == [item["id"]]

    download = await client.get(f"{base}/{item['id']}/content", headers=t.headers("coordinator"))
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition

    async with db() as session:
        actions = list(
            await session.scalars(
                select(AuditEvent.action).where(AuditEvent.resource_id == item["id"])
            )
        )
    assert sorted(actions) == ["case.attachment.add", "case.attachment.download"]


async def test_the_content_decides_the_type_not_the_name(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    base = f"/api/v1/cases/{case.id}/attachments"

    disguised = await client.post(
        base, headers=t.headers(MANAGER), files=upload("flyer.pdf", HTML, "application/pdf")
    )
    assert disguised.status_code == 415
    assert "application/pdf" in disguised.json()["allowed"]

    photo = await client.post(
        base, headers=t.headers(MANAGER), files=upload("notiz.txt", PNG, "text/plain")
    )
    assert photo.json()["media_type"] == "image/png"

    minutes = await client.post(
        base, headers=t.headers(MANAGER), files=upload("protokoll", "Protokoll – Sitzung".encode())
    )
    assert minutes.json()["media_type"] == "text/plain"

    empty = await client.post(base, headers=t.headers(MANAGER), files=upload("leer.pdf", b""))
    assert empty.status_code == 422
    listed = await client.get(base, headers=t.headers(MANAGER))
    assert len(listed.json()["items"]) == 2


@pytest.fixture(scope="module")
async def small_limit_client(settings) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    """The app with a 4 KiB attachment limit and a 1 KiB cap for other bodies."""
    app = create_app(
        settings.model_copy(update={"attachment_max_bytes": 4096, "max_body_bytes": 1024})
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as http:
        yield http
    await app.state.db.dispose()


async def test_uploads_have_their_own_size_limit(
    small_limit_client, tenants, db, settings
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    base = f"/api/v1/cases/{case.id}/attachments"
    before = stored_files(settings)

    # Above the general body cap, within the attachment limit.
    fits = await small_limit_client.post(
        base, headers=t.headers(MANAGER), files=upload("a.pdf", PDF + b" " * 4000)
    )
    assert fits.status_code == 201, fits.text
    too_big = await small_limit_client.post(
        base, headers=t.headers(MANAGER), files=upload("b.pdf", PDF + b" " * 4100)
    )
    assert too_big.status_code == 413
    assert too_big.json()["max_bytes"] == 4096
    # A body past limit and framing is refused while it streams in.
    huge = await small_limit_client.post(
        base, headers=t.headers(MANAGER), files=upload("c.pdf", PDF + b" " * 80_000)
    )
    assert huge.status_code == 413
    assert huge.headers["content-type"] == "application/problem+json"
    # Other routes keep the general cap.
    json_body = await small_limit_client.post(
        "/api/v1/cases", headers=t.headers(MANAGER), json={"title": "x" * 2000}
    )
    assert json_body.status_code == 413
    assert len(stored_files(settings) - before) == 1


async def test_restricted_and_foreign_records_hide_their_files(client, tenants, db) -> None:
    t, other = await tenants.make(), await tenants.make()
    assigned = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await insert_case(db, t, restricted=True, assignees=(assigned.user.id,))
    base = f"/api/v1/cases/{case.id}/attachments"
    item = (await client.post(base, headers=assigned.headers, files=upload("a.pdf", PDF))).json()

    for headers in (t.headers(MANAGER), other.headers(MANAGER), other.headers("coordinator")):
        assert (await client.get(base, headers=headers)).status_code == 404
        assert (
            await client.get(f"{base}/{item['id']}/content", headers=headers)
        ).status_code == 404
        assert (
            await client.post(base, headers=headers, files=upload("b.pdf", PDF))
        ).status_code == 404
        deleted = await client.delete(f"{base}/{item['id']}", headers={**headers, "If-Match": "*"})
        assert deleted.status_code == 404
    assert (
        await client.get(f"{base}/{item['id']}/content", headers=t.headers("coordinator"))
    ).status_code == 200
    # The id of an attachment of another record is not found under this one.
    open_case = await insert_case(db, t)
    elsewhere = f"/api/v1/cases/{open_case.id}/attachments/{item['id']}/content"
    assert (await client.get(elsewhere, headers=t.headers("coordinator"))).status_code == 404


async def test_archived_case_keeps_its_files_as_they_are(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t, archived=True)
    refused = await client.post(
        f"/api/v1/cases/{case.id}/attachments",
        headers=t.headers(MANAGER),
        files=upload("a.pdf", PDF),
    )
    assert refused.status_code == 409


async def test_files_go_with_their_attachment_and_with_their_consultation(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    consultation = await make_consultation(client, t, case_id=str(case.id))
    base = f"/api/v1/consultations/{consultation['id']}/attachments"
    before = stored_files(settings)
    first = await client.post(base, headers=t.headers(MANAGER), files=upload("a.pdf", PDF))
    await client.post(base, headers=t.headers(MANAGER), files=upload("b.png", PNG))
    assert len(stored_files(settings) - before) == 2

    url = f"{base}/{first.json()['id']}"
    assert (await client.delete(url, headers=t.headers(MANAGER))).status_code == 428
    stale = await client.delete(url, headers={**t.headers(MANAGER), "If-Match": '"7"'})
    assert stale.status_code == 412
    gone = await client.delete(
        url, headers={**t.headers(MANAGER), "If-Match": first.headers["etag"]}
    )
    assert gone.status_code == 204
    assert len(stored_files(settings) - before) == 1

    record = await client.get(
        f"/api/v1/consultations/{consultation['id']}", headers=t.headers(MANAGER)
    )
    deleted = await client.delete(
        f"/api/v1/consultations/{consultation['id']}",
        headers={**t.headers(MANAGER), "If-Match": record.headers["etag"]},
    )
    assert deleted.status_code == 204
    assert stored_files(settings) - before == set()
    async with db() as session:
        left = await session.scalars(
            select(Attachment).where(Attachment.owner_id == uuid.UUID(consultation["id"]))
        )
        assert list(left) == []
