"""The municipality's texts: the record of processing activities is written from its
configuration (periods, API clients, webhook targets), kept as the officer edits it
(If-Match, audited) and printed as PDF; the privacy notice and the enforcement body are
public, the municipality's own or a marked default."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.webhooks.models import WebhookSubscription
from tests.privacy.helpers import PRIVACY
from tests.support import etag, register_client

TEXTS = f"{PRIVACY}/texts"


async def test_the_record_is_written_from_the_configuration(client, db, tenants) -> None:
    t = await tenants.make()
    headers = t.headers("coordinator")
    policy = (await client.get(f"{PRIVACY}/retention-policy", headers=headers)).json()
    changed = await client.put(
        f"{PRIVACY}/retention-policy",
        json={"closed_case_years": 5, "unlinked_contact_years": 4, "audit_log_years": 3},
        headers={**headers, **etag(policy)},
    )
    assert changed.status_code == 200, changed.text
    api_client = await register_client(
        client, t, scopes=["cases:read"], name="Fachverfahren Jugend"
    )
    async with db() as session:
        session.add(
            WebhookSubscription(
                municipality_id=t.id,
                api_client_id=uuid.UUID(api_client["id"]),
                target_url="https://jugend.example.org/hooks/kokoma?token=geheim",
                event_types=["case.created"],
                sealed_secret="x",
            )
        )
        await session.commit()

    record = await client.get(f"{TEXTS}/processing_record", headers=headers)
    assert record.status_code == 200, record.text
    body = record.json()
    assert body["is_default"] is True and body["version"] == 0
    text = body["body"]
    assert t.municipality.name in text
    assert "5 Jahre nach Abschluss" in text
    assert "Kontakte ohne Verknüpfung 4 Jahre" in text
    assert "- Protokoll: 3 Jahre" in text
    assert "API-Client Fachverfahren Jugend: cases:read" in text
    assert "jugend.example.org: case.created" in text
    assert "geheim" not in text

    edited = text.replace("[Name, Kontakt ergänzen]", "Dr. Petra Lindner, dsb@example.org")
    assert (
        await client.put(f"{TEXTS}/processing_record", json={"body": edited}, headers=headers)
    ).status_code == 428
    saved = await client.put(
        f"{TEXTS}/processing_record",
        json={"body": edited},
        headers={**headers, "If-Match": '"0"'},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["is_default"] is False
    assert saved.json()["body"] == edited
    assert saved.json()["generated"] == text
    stale = await client.put(
        f"{TEXTS}/processing_record",
        json={"body": edited},
        headers={**headers, "If-Match": '"0"'},
    )
    assert stale.status_code == 412
    async with db() as session:
        entry = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "privacy.text", AuditEvent.municipality_id == t.id
            )
        )
    assert entry is not None and entry.details["kind"] == "processing_record"

    pdf = await client.get(f"{TEXTS}/processing_record/pdf", headers=headers)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


async def test_only_coordinators_keep_the_texts_and_bad_input_is_refused(client, tenants) -> None:
    t = await tenants.make()
    for role in ("conflict_manager", "steering_group", "trainer", "admin"):
        denied = await client.get(f"{TEXTS}/privacy_notice", headers=t.headers(role))
        assert denied.status_code == 403, role
    headers = {**t.headers("coordinator"), "If-Match": '"0"', "Accept-Language": "de"}
    short = await client.put(f"{TEXTS}/privacy_notice", json={"body": "kurz"}, headers=headers)
    assert short.status_code == 422
    assert short.json()["errors"][0]["field"] == "body.body"
    unknown = await client.get(f"{TEXTS}/anything", headers=t.headers("coordinator"))
    assert unknown.status_code == 422


async def test_the_public_pages_show_the_municipalitys_text_or_a_marked_default(
    client, tenants
) -> None:
    t = await tenants.make()
    public = await client.get(f"/api/v1/public/privacy/{t.slug}")
    assert public.status_code == 200, public.text
    body = public.json()
    assert body["municipality"] == t.municipality.name
    assert body["privacy_notice"]["is_default"] is True
    assert t.municipality.name in body["privacy_notice"]["body"]
    assert body["enforcement_body"]["is_default"] is True
    assert body["enforcement_body"]["body"].startswith("Standardangabe")

    notice = "# Datenschutzhinweise\n\nVerantwortlich ist die Kreisverwaltung, Zimmer 12."
    enforcement = "Landesbeauftragte Stelle, Musterstraße 1, 99084 Erfurt (Beispiel)"
    for kind, text in (("privacy_notice", notice), ("enforcement_body", enforcement)):
        saved = await client.put(
            f"{TEXTS}/{kind}",
            json={"body": text},
            headers={**t.headers("coordinator"), "If-Match": '"0"'},
        )
        assert saved.status_code == 200, saved.text
    body = (await client.get(f"/api/v1/public/privacy/{t.slug}")).json()
    assert body["privacy_notice"] == {"body": notice, "is_default": False}
    assert body["enforcement_body"] == {"body": enforcement, "is_default": False}
    listed = (await client.get("/api/v1/public/privacy")).json()
    assert {"slug": t.slug, "name": t.municipality.name} in listed
    assert (await client.get("/api/v1/public/privacy/gibtsnicht")).status_code == 404
