"""Generated versions freeze words and figures; the draft stays editable; the documents
carry the figures as the reader may see them; every download is audited."""

from __future__ import annotations

import io

import docx
from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.core.calendar import local_today
from kokoma.events.models import DomainEvent
from tests.annual_reports.helpers import BASE, VERSIONS, add_consultations, add_plan_use, value
from tests.annual_reports.test_annual_report_figures import arrange_2025
from tests.support import etag

TEXTS = {
    "goals": "Konfliktmanagement in allen Verwaltungsgemeinschaften verankern.",
    "what_worked": "Frühe Moderation bei Standortentscheidungen.",
    "what_did_not_work": "Die Nachsorge kam in zwei Fällen zu spät.",
    "next_year": "Eine zweite Qualifizierungsreihe.",
}


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


async def test_versions_are_kept_as_generated(client, db, tenants) -> None:
    tenant = await tenants.make()
    coordinator = tenant.headers("coordinator")
    await add_consultations(db, tenant, ("2025-04-01T10:00+02:00", "counselling", 60, 3))

    saved = await client.put(
        f"{BASE}/2025", json=TEXTS, headers={**coordinator, "If-Match": '"0"'}
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1 and saved.headers["etag"] == '"1"'
    first = await client.post(f"{BASE}/2025/versions", headers=coordinator)
    assert first.status_code == 201, first.text
    assert first.json()["number"] == 1
    assert first.json()["texts"] == TEXTS
    assert first.json()["author_name"] == tenant.user("coordinator").full_name

    # The draft stays editable and the records go on; version 1 does not move.
    changed = await client.put(
        f"{BASE}/2025",
        json={**TEXTS, "goals": "Neue Ziele."},
        headers={**coordinator, **etag(saved.json())},
    )
    assert changed.status_code == 200, changed.text
    await add_consultations(db, tenant, ("2025-09-01T10:00+02:00", "mediation", 60, 2))
    second = await client.post(f"{BASE}/2025/versions", headers=coordinator)
    assert second.json()["number"] == 2
    assert second.json()["texts"]["goals"] == "Neue Ziele."
    assert value(second.json()["figures"]["consultations"]) == 2

    again = (await client.get(f"{BASE}/2025/versions/1", headers=coordinator)).json()
    assert again["texts"] == TEXTS
    assert value(again["figures"]["consultations"]) == 1
    assert again["generated_at"] == first.json()["generated_at"]

    # Nothing changes or removes a version.
    for method in ("PUT", "PATCH", "DELETE"):
        response = await client.request(method, f"{BASE}/2025/versions/1", headers=coordinator)
        assert response.status_code == 405, method

    listed = await client.get(VERSIONS, params={"year": 2025}, headers=coordinator)
    assert [v["number"] for v in listed.json()["items"]] == [2, 1]
    assert (await client.get(f"{BASE}/2025", headers=coordinator)).json()["versions"] == 2

    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent)
                .where(DomainEvent.municipality_id == tenant.id)
                .where(DomainEvent.event_type.like("annual_report.%"))
                .order_by(DomainEvent.occurred_at)
            )
        )
    assert [e.event_type for e in events].count("annual_report.generated") == 2
    generated = [e.data for e in events if e.event_type == "annual_report.generated"]
    assert {(d["year"], d["number"]) for d in generated} == {(2025, 1), (2025, 2)}
    assert all("goals" not in str(d) for d in generated)


async def test_documents_carry_the_figures_for_each_reader(client, db, tenants) -> None:
    tenant = await tenants.make()
    await arrange_2025(db, tenant)
    coordinator = tenant.headers("coordinator")
    await client.put(f"{BASE}/2025", json=TEXTS, headers={**coordinator, "If-Match": '"0"'})
    await client.post(f"{BASE}/2025/versions", headers=coordinator)

    pdf = await client.get(f"{BASE}/2025/versions/1/export", headers=coordinator)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert "sachbericht-2025-fassung-1.pdf" in pdf.headers["content-disposition"]
    text = pdf_text(pdf.content)
    assert "Sachbericht 2025" in text
    assert "Neue Fälle: 10" in text and "Beratungen: 5" in text
    assert "Teilnehmende an Beratungen: 19" in text and "Beratungsstunden: 7,5" in text
    assert "Übungen von Krisenplänen: 2" in text
    assert "Sitzungen der Steuerungsgruppe: 2" in text
    assert "Jugendamt" in text and "Modul 1" in text
    assert "Frühe Moderation bei Standortentscheidungen." in text

    word = await client.get(
        f"{BASE}/2025/versions/1/export", params={"format": "docx"}, headers=coordinator
    )
    assert word.status_code == 200, word.text
    assert word.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    text = docx_text(word.content)
    assert "Sachbericht 2025" in text and "Neue Fälle: 10" in text
    assert "Einigung erzielt | 3" in text and "Jugend | 4" in text
    assert "Die Nachsorge kam in zwei Fällen zu spät." in text

    steering = tenant.headers("steering_group")
    protected = pdf_text(
        (await client.get(f"{BASE}/2025/versions/1/export", headers=steering)).content
    )
    assert "Neue Fälle: 10" in protected
    assert "Übungen von Krisenplänen: unterdrückt" in protected
    assert "Jugendamt" not in protected
    protected_docx = docx_text(
        (
            await client.get(
                f"{BASE}/2025/versions/1/export", params={"format": "docx"}, headers=steering
            )
        ).content
    )
    assert "Einigung erzielt | unterdrückt" in protected_docx

    english = pdf_text(
        (
            await client.get(
                f"{BASE}/2025/versions/1/export",
                headers={**coordinator, "Accept-Language": "en"},
            )
        ).content
    )
    assert "Annual report 2025" in english and "New cases: 10" in english

    async with db() as session:
        exports = list(
            await session.scalars(
                select(AuditEvent.details)
                .where(AuditEvent.action == "annual_report.export")
                .where(AuditEvent.municipality_id == tenant.id)
            )
        )
    assert sorted(d["format"] for d in exports) == ["docx", "docx", "pdf", "pdf", "pdf"]


async def test_bad_writes_are_refused(client, db, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    coordinator = tenant.headers("coordinator")
    future = local_today().year + 1
    assert (await client.get(f"{BASE}/{future}", headers=coordinator)).status_code == 422
    assert (await client.post(f"{BASE}/{future}/versions", headers=coordinator)).status_code == 422
    assert (await client.get(f"{BASE}/1999", headers=coordinator)).status_code == 422

    url = f"{BASE}/2025"
    assert (await client.put(url, json=TEXTS, headers=coordinator)).status_code == 428
    stale = await client.put(url, json=TEXTS, headers={**coordinator, "If-Match": '"3"'})
    assert stale.status_code == 412
    too_long = await client.put(
        url, json={"goals": "x" * 20_001}, headers={**coordinator, "If-Match": '"0"'}
    )
    assert too_long.status_code == 422
    unknown = await client.put(
        url, json={"budget": "1"}, headers={**coordinator, "If-Match": '"0"'}
    )
    assert unknown.status_code == 422

    await add_plan_use(db, tenant, exercises=[], activations=[])
    assert (await client.post(f"{url}/versions", headers=coordinator)).status_code == 201
    # Another municipality's version does not exist for this one.
    assert (
        await client.get(f"{url}/versions/1", headers=other.headers("coordinator"))
    ).status_code == 404
    assert (
        await client.get(f"{url}/versions/1/export", headers=other.headers("steering_group"))
    ).status_code == 404
    listed = await client.get(VERSIONS, headers=other.headers("coordinator"))
    assert listed.json()["items"] == []
