"""The expertise document: versions saved by coordinators, read and downloaded as PDF
or accessible HTML by the steering group; every download audited."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from kokoma.core.calendar import local_today
from tests.district_analysis.helpers import REPORTS, make_field
from tests.support import make_case


def _report(field_id: str | None = None, **changes):
    body = {
        "title": "Regionale Konfliktanalyse Wartburgkreis",
        "method": "Leitfadengestützte Interviews und Auswertung der Fallakten.",
        "interviews": 24,
        "groups_interviewed": "Bürgermeister:innen, Vereine, Polizei",
        "findings": [
            {"field_id": field_id, "heading": "Zunahme", "text": "Die Konflikte nehmen zu."}
        ],
        "recommendations": "Beteiligung früh anbieten.",
        "adopted_on": str(local_today()),
    }
    body.update(changes)
    return body


async def test_versions_pdf_and_html_for_the_steering_group(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant, title="Geheimer Fall am Hörselberg")
    field = await make_field(client, tenant, case_ids=[case["id"]], description="Windkraft.")
    coordinator = tenant.headers("coordinator")
    first = await client.post(REPORTS, json=_report(field["id"]), headers=coordinator)
    assert first.status_code == 201, first.text
    assert first.json()["number"] == 1
    second = await client.post(
        REPORTS, json=_report(field["id"], interviews=30), headers=coordinator
    )
    assert second.json()["number"] == 2

    steering = tenant.headers("steering_group")
    listed = await client.get(REPORTS, headers=steering)
    assert [r["number"] for r in listed.json()["items"]] == [1, 2]
    assert (await client.get(f"{REPORTS}/1", headers=steering)).json()["content"][
        "interviews"
    ] == 24
    assert (await client.post(REPORTS, json=_report(), headers=steering)).status_code == 403

    pdf = await client.get(f"{REPORTS}/2/export", headers=steering)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Regionale Konfliktanalyse Wartburgkreis" in text
    assert "Energiewende vor Ort: Zunahme" in text
    assert "Interviews: 30" in text and "Beschlossen von der Steuerungsgruppe" in text
    assert "Hörselberg" not in text and case["reference"] not in text

    page = await client.get(f"{REPORTS}/2/export", params={"format": "html"}, headers=steering)
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="de">' in page.text and "<h2>Befunde</h2>" in page.text
    assert "<script" not in page.text and "Hörselberg" not in page.text

    async with db() as session:
        formats = list(
            await session.scalars(
                select(AuditEvent.details)
                .where(AuditEvent.action == "regional_report.export")
                .where(AuditEvent.municipality_id == tenant.id)
            )
        )
    assert sorted(d["format"] for d in formats) == ["html", "pdf"]


async def test_bad_reports_are_refused(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    foreign = await make_field(client, other)
    coordinator = tenant.headers("coordinator")
    future = _report(adopted_on=str(local_today() + timedelta(days=1)))
    response = await client.post(REPORTS, json=future, headers=coordinator)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.adopted_on"
    response = await client.post(REPORTS, json=_report(foreign["id"]), headers=coordinator)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.findings.0.field_id"
    assert (await client.get(f"{REPORTS}/1", headers=coordinator)).status_code == 404
    # Another municipality's versions are not reachable.
    assert (await client.post(REPORTS, json=_report(), headers=coordinator)).status_code == 201
    assert (
        await client.get(f"{REPORTS}/1", headers=other.headers("coordinator"))
    ).status_code == 404
