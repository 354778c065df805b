"""Files on cases, consultations and crisis plans: kept by content, read with the record's rights."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.app import create_app
from kokoma.attachments.models import Attachment
from kokoma.audit.models import AuditEvent
from kokoma.events.models import DomainEvent
from tests.attachments.helpers import (
    DOCX,
    HTML,
    ODT,
    PDF,
    PNG,
    XLSX,
    ZIP,
    multipart,
    stored_files,
    upload,
)
from tests.consultations.helpers import make_consultation
from tests.crisis_plans.helpers import adopt, make_plan
from tests.support import insert_case

MANAGER = "conflict_manager"


async def _actions(db, record_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    async with db() as session:
        rows = await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.resource_id == record_id)
            .order_by(AuditEvent.occurred_at)
        )
        return [a for a in rows if ".attachment_" in a]


async def test_a_case_file_is_kept_listed_downloaded_as_attachment_deleted_and_audited(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    base = f"/api/v1/cases/{case.id}/attachments"
    name = "Brief an den Ortsteilrat „Jugendclub“.pdf"
    before = stored_files(settings)

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
    [path] = stored_files(settings) - before
    assert path.read_bytes() == PDF
    assert path.is_relative_to(settings.data_dir / "attachments")

    listed = await client.get(base, params={"limit": 10}, headers=t.headers("coordinator"))
    assert [a["id"] for a in listed.json()["items"]] == [item["id"]]
    assert listed.json()["next_cursor"] is None

    download = await client.get(f"{base}/{item['id']}/content", headers=t.headers("coordinator"))
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in download.headers["content-security-policy"]
    assert "sandbox" in download.headers["content-security-policy"]
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in disposition

    url = f"{base}/{item['id']}"
    assert (await client.delete(url, headers=t.headers(MANAGER))).status_code == 428
    stale = await client.delete(url, headers={**t.headers(MANAGER), "If-Match": '"7"'})
    assert stale.status_code == 412
    gone = await client.delete(
        url, headers={**t.headers(MANAGER), "If-Match": added.headers["etag"]}
    )
    assert gone.status_code == 204
    assert stored_files(settings) - before == set()
    assert (await client.get(base, headers=t.headers(MANAGER))).json()["items"] == []

    assert await _actions(db, str(case.id)) == [
        "case.attachment_upload",
        "case.attachment_download",
        "case.attachment_delete",
    ]
    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(DomainEvent.resource_id == case.id)
            )
        )
    assert sorted(events) == ["case.attachment_added", "case.attachment_removed"]


async def test_the_content_decides_the_type_not_the_name(client, tenants, db) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    base = f"/api/v1/cases/{case.id}/attachments"

    disguised = await client.post(
        base, headers=t.headers(MANAGER), files=upload("flyer.pdf", HTML, "application/pdf")
    )
    assert disguised.status_code == 422
    problem = disguised.json()
    assert problem["detail"].startswith("Diese Art von Datei kann nicht angehängt werden.")
    assert problem["errors"][0]["field"] == "body.file"
    english = await client.post(
        base,
        headers={**t.headers(MANAGER), "Accept-Language": "en"},
        files=upload("flyer.pdf", HTML),
    )
    assert english.json()["detail"].startswith("This kind of file cannot be attached.")
    for refused in (ZIP, b"\x00\x01\x02binary", b"<svg onload='x'/>"):
        answer = await client.post(
            base, headers=t.headers(MANAGER), files=upload("x.pdf", refused)
        )
        assert answer.status_code == 422, refused

    kinds = {
        "notiz.txt": (PNG, "image/png"),
        "protokoll": ("Protokoll – Sitzung".encode(), "text/plain"),
        "brief.docx": (
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "liste.xlsx": (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "text.odt": (ODT, "application/vnd.oasis.opendocument.text"),
        "foto.gif": (b"GIF89a" + b"\x00" * 20, "image/gif"),
        "foto.webp": (b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image/webp"),
        "foto.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    }
    for name, (content, media_type) in kinds.items():
        answer = await client.post(base, headers=t.headers(MANAGER), files=upload(name, content))
        assert answer.status_code == 201, (name, answer.text)
        assert answer.json()["media_type"] == media_type, name

    empty = await client.post(base, headers=t.headers(MANAGER), files=upload("leer.pdf", b""))
    assert empty.status_code == 422
    assert empty.json()["detail"] == "Die Datei ist leer."
    listed = await client.get(base, headers=t.headers(MANAGER))
    assert len(listed.json()["items"]) == len(kinds)


@pytest.fixture(scope="module")
async def small_limit_client(settings) -> AsyncIterator[AsyncClient]:  # type: ignore[no-untyped-def]
    """The app with a 4 KiB attachment limit and a 1 KiB cap for other bodies."""
    app = create_app(
        settings.model_copy(update={"attachment_max_bytes": 4096, "max_body_bytes": 1024})
    )
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as http:
        yield http
    await app.state.db.dispose()


async def _chunks(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), 16 * 1024):
        yield body[start : start + 16 * 1024]


async def test_uploads_have_their_own_size_limit_and_nothing_too_large_is_kept(
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
    assert too_big.json()["detail"] == "Die Datei ist größer als 4096 Bytes."
    # Declared too large: refused before it is read.
    declared = await small_limit_client.post(
        base, headers=t.headers(MANAGER), files=upload("c.pdf", PDF + b" " * 80_000)
    )
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    # Streamed without a length: refused while it streams in, with or without an
    # Idempotency-Key (which reads the body before the route does).
    boundary = "kokoma-test-boundary"
    streamed = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    body = multipart("d.pdf", PDF + b" " * 200_000, boundary)
    for extra in ({}, {"Idempotency-Key": str(uuid.uuid4())}):
        answer = await small_limit_client.post(
            base, headers={**t.headers(MANAGER), **streamed, **extra}, content=_chunks(body)
        )
        assert answer.status_code == 413, (extra, answer.text)
        assert answer.json()["type"] == "urn:kokoma:problem:too-large"
        assert answer.json()["detail"].startswith("Die Anfrage ist größer als")
    # A streamed upload within the limit goes through the idempotency layer whole.
    key = {"Idempotency-Key": str(uuid.uuid4())}
    small = multipart("e.pdf", PDF + b" " * 3000, boundary)
    first = await small_limit_client.post(
        base, headers={**t.headers(MANAGER), **streamed, **key}, content=_chunks(small)
    )
    assert first.status_code == 201, first.text
    assert first.json()["size_bytes"] == len(PDF) + 3000
    again = await small_limit_client.post(
        base, headers={**t.headers(MANAGER), **streamed, **key}, content=_chunks(small)
    )
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json()["id"] == first.json()["id"]
    # Other routes keep the general cap.
    json_body = await small_limit_client.post(
        "/api/v1/cases", headers=t.headers(MANAGER), json={"title": "x" * 2000}
    )
    assert json_body.status_code == 413
    assert len(stored_files(settings) - before) == 2
    async with db() as session:
        rows = list(
            await session.scalars(select(Attachment).where(Attachment.owner_id == case.id))
        )
    assert len(rows) == 2


async def test_idempotency_spools_a_large_upload_instead_of_holding_it(
    client, tenants, db
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    content = PDF + b"%" * (3 * 1024 * 1024)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answer = await client.post(
        f"/api/v1/cases/{case.id}/attachments",
        headers={**t.headers(MANAGER), **key},
        files=upload("gross.pdf", content),
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["sha256"] == hashlib.sha256(content).hexdigest()


async def test_other_municipalities_and_restricted_cases_hide_their_files(
    client, tenants, db
) -> None:
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
    for role in ("steering_group", "trainer", "admin"):
        assert (await client.get(base, headers=t.headers(role))).status_code == 403
        assert (
            await client.get(f"{base}/{item['id']}/content", headers=t.headers(role))
        ).status_code == 403
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


async def test_consultation_files_are_as_confidential_as_its_notes(client, tenants, db) -> None:
    t, other = await tenants.make(), await tenants.make()
    handling = await tenants.add_user(t, Role.CONFLICT_MANAGER)
    case = await insert_case(db, t, assignees=(handling.user.id,))
    consultation = await make_consultation(client, t, case_id=str(case.id))
    base = f"/api/v1/consultations/{consultation['id']}/attachments"
    item = (await client.post(base, headers=handling.headers, files=upload("p.pdf", PDF))).json()
    content = f"{base}/{item['id']}/content"

    # The team case is visible to every conflict manager, its consultation's files are not.
    assert (
        await client.get(f"/api/v1/consultations/{consultation['id']}", headers=t.headers(MANAGER))
    ).status_code == 200
    for call in (
        client.get(base, headers=t.headers(MANAGER)),
        client.get(content, headers=t.headers(MANAGER)),
        client.post(base, headers=t.headers(MANAGER), files=upload("q.pdf", PDF)),
    ):
        refused = await call
        assert refused.status_code == 403
        assert refused.json()["detail"] == (
            "Die Dateien von Beratungen sehen nur die für den Fall Zuständigen."
        )
    assert (await client.get(content, headers=t.headers("coordinator"))).status_code == 200
    assert (await client.get(content, headers=handling.headers)).content == PDF
    assert (await client.get(base, headers=other.headers("coordinator"))).status_code == 404
    assert (await client.get(base, headers=t.headers("steering_group"))).status_code == 403
    assert await _actions(db, consultation["id"]) == [
        "consultation.attachment_upload",
        "consultation.attachment_download",
        "consultation.attachment_download",
    ]
    async with db() as session:
        [event] = list(
            await session.scalars(
                select(DomainEvent).where(
                    DomainEvent.resource_id == uuid.UUID(consultation["id"]),
                    DomainEvent.event_type == "consultation.attachment_added",
                )
            )
        )
    # The case rides along, so that webhooks hide it where the case is restricted.
    assert event.data["case_id"] == str(case.id)
    assert "filename" not in event.data


async def test_deleting_a_consultation_removes_its_files_after_the_commit(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    case = await insert_case(db, t)
    consultation = await make_consultation(client, t, case_id=str(case.id))
    base = f"/api/v1/consultations/{consultation['id']}/attachments"
    before = stored_files(settings)
    for name, content in (("a.pdf", PDF), ("b.png", PNG)):
        answer = await client.post(
            base, headers=t.headers("coordinator"), files=upload(name, content)
        )
        assert answer.status_code == 201
    assert len(stored_files(settings) - before) == 2

    record = await client.get(
        f"/api/v1/consultations/{consultation['id']}", headers=t.headers("coordinator")
    )
    deleted = await client.delete(
        f"/api/v1/consultations/{consultation['id']}",
        headers={**t.headers("coordinator"), "If-Match": record.headers["etag"]},
    )
    assert deleted.status_code == 204
    assert stored_files(settings) - before == set()
    async with db() as session:
        left = await session.scalars(
            select(Attachment).where(Attachment.owner_id == uuid.UUID(consultation["id"]))
        )
        assert list(left) == []


async def test_crisis_plan_files_follow_the_plan(client, tenants, db) -> None:
    t, other = await tenants.make(), await tenants.make()
    plan = await make_plan(client, t)
    base = f"/api/v1/crisis-plans/{plan['id']}/attachments"
    added = await client.post(
        base, headers=t.headers("coordinator"), files=upload("alarmkette.pdf", PDF)
    )
    assert added.status_code == 201, added.text
    # A draft is the coordinator's: others do not see it, or may not change it.
    assert (await client.get(base, headers=t.headers(MANAGER))).status_code == 404
    assert (await client.get(base, headers=other.headers("coordinator"))).status_code == 404
    await adopt(client, t, plan)
    # Adopted: read by whoever reads the plan, changed by nobody.
    for role in (MANAGER, "steering_group"):
        answer = await client.get(f"{base}/{added.json()['id']}/content", headers=t.headers(role))
        assert answer.content == PDF
    late = await client.post(base, headers=t.headers("coordinator"), files=upload("b.pdf", PDF))
    assert late.status_code == 409
    assert (
        await client.post(base, headers=t.headers("steering_group"), files=upload("b.pdf", PDF))
    ).status_code == 403
    assert await _actions(db, plan["id"]) == [
        "crisis_plan.attachment_upload",
        "crisis_plan.attachment_download",
        "crisis_plan.attachment_download",
    ]
    # Drafts are no API client's business: no webhook events, the audit log only.
    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent.event_type).where(
                    DomainEvent.resource_id == uuid.UUID(plan["id"]),
                    DomainEvent.event_type.like("%attachment%"),
                )
            )
        )
    assert events == []
